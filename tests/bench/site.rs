//! Benchmark of `ropa site` on a generated register of 1,000 activities (and 300): loading the
//! register, making every page and writing each into the folder as it is made. Timings are printed, never asserted.
//!
//! Run with `cargo bench --bench site`.

#![allow(clippy::print_stdout)] // A benchmark reports its table on stdout.

#[path = "../common/synthetic.rs"]
mod synthetic;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ropa::model::Language;
use ropa::render::site::{MARKER, SiteOptions, write_site};
use ropa::render::{Format, RenderOptions};

const RUNS: usize = 5;

fn main() {
    println!("ropa site benchmark (best and median of {RUNS} runs)");
    for n in [300, 1_000] {
        let tmp = tempfile::tempdir().expect("temporary directory");
        let dir = tmp.path().join("register");
        synthetic::write_register(&dir, n);
        let opts = SiteOptions {
            render: RenderOptions {
                format: Format::Html,
                lang: Language::En,
                as_of: NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"),
                version: "bench".into(),
                templates_dir: None,
                draft_errors: 0,
            },
            public: false,
        };
        let mut times = Vec::new();
        let mut pages = 0;
        let mut bytes = 0;
        for run in 0..RUNS {
            let out = tmp.path().join(format!("site-{run}"));
            let started = Instant::now();
            let register = ropa::load::load_register(&dir).expect("register loads");
            let written = AtomicUsize::new(0);
            pages = ropa::output::write_folder_atomic_with(&out, MARKER, |folder| {
                write_site(&register, &[], &opts, &|name, text| {
                    written.fetch_add(text.len(), Ordering::Relaxed);
                    folder.write(name, text.as_bytes())
                })
            })
            .expect("site written");
            times.push(started.elapsed());
            bytes = written.into_inner();
        }
        times.sort();
        println!(
            "{n} activities: {pages} pages, {:.1} MB: best {}, median {}",
            bytes as f64 / 1e6,
            ms(times[0]),
            ms(times[RUNS / 2])
        );
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}
