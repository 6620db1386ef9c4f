//! Benchmark of `ropa check` on generated registers of 1,000 and 10,000 activities (one file
//! each), against the time the same YAML parser needs only to parse those files.
//!
//! Run with `cargo bench --bench check`. Set `ROPA_BENCH_KEEP=DIR` to keep the generated
//! registers (in DIR/1000, DIR/10000 and DIR/10000-flawed) and time the binary;
//! `ROPA_BENCH_SIZES=10000` runs one size only.
//! Timings are printed, never asserted.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;
use ropa::check::{CheckOptions, check};
use ropa::yaml::{Limits, parse_bytes};

const RUNS: usize = 11;

fn main() {
    let keep = std::env::var_os("ROPA_BENCH_KEEP").map(PathBuf::from);
    let tmp = tempfile::tempdir().expect("temporary directory");
    let base = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    println!(
        "ropa check benchmark ({} threads, best and median of {RUNS} runs)",
        rayon::current_num_threads()
    );
    let sizes: Vec<usize> = std::env::var("ROPA_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    // Each size as a register that passes its checks, and the largest also with an undeclared
    // transfer in 40% of its activities (every such file then has a finding to locate).
    let mut scenarios: Vec<(usize, bool)> = sizes.iter().map(|&n| (n, false)).collect();
    if let Some(&largest) = sizes.iter().max() {
        scenarios.push((largest, true));
    }
    for (n, flawed) in scenarios {
        let dir = base.join(format!("{n}{}", if flawed { "-flawed" } else { "" }));
        let bytes = generate(&dir, n, flawed);
        let files: Vec<PathBuf> = std::fs::read_dir(dir.join("activities"))
            .expect("activities")
            .map(|e| e.expect("entry").path())
            .collect();
        let parse = time(|| {
            let parsed: usize = files
                .par_iter()
                .map(|p| {
                    let b = std::fs::read(p).expect("read");
                    usize::from(parse_bytes(&b, &Limits::default()).is_ok())
                })
                .sum();
            assert_eq!(parsed, files.len());
        });
        let load = time(|| {
            let outcome = ropa::load::load(&dir).expect("load");
            assert_eq!(outcome.registers.len(), 1);
        });
        let options = CheckOptions {
            as_of: NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"),
            overrides: Vec::new(),
        };
        let mut findings = 0;
        let full = time(|| {
            let report = check(&dir, &options).expect("check");
            findings = report.diagnostics.len();
        });
        println!(
            "{n:>6} activities{}, {:>5.1} MB: parse only {} | load {} | check {} | check/parse {:.2} (medians) | {findings} findings",
            if flawed { " (40% flawed)" } else { "" },
            bytes as f64 / 1e6,
            show(&parse),
            show(&load),
            show(&full),
            full[RUNS / 2].as_secs_f64() / parse[RUNS / 2].as_secs_f64(),
        );
    }
    if let Some(k) = keep {
        println!("registers kept in {}", k.display());
    }
}

fn time(mut f: impl FnMut()) -> Vec<Duration> {
    let mut t: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    t.sort();
    t
}

fn show(t: &[Duration]) -> String {
    format!(
        "best {:>7.1} ms, median {:>7.1} ms",
        t[0].as_secs_f64() * 1e3,
        t[t.len() / 2].as_secs_f64() * 1e3
    )
}

/// Write a register of `n` activities under `dir`; returns the bytes written. Activities that use
/// a vendor in the United States declare the transfer unless `flawed`.
fn generate(dir: &Path, n: usize, flawed: bool) -> usize {
    let acts = dir.join("activities");
    std::fs::create_dir_all(&acts).expect("create register");
    let mut total = 0;
    let mut write = |p: PathBuf, s: String| {
        total += s.len();
        std::fs::write(p, s).expect("write");
    };
    write(
        dir.join("ropa.yaml"),
        "organisation:\n  name: Bench SAS\n  address: 1 rue de la Paix, 75002 Paris\n  email: privacy@bench.example\ndpo:\n  name: Jane Doe\n  email: dpo@bench.example\n".into(),
    );
    let mut vendors = String::from("vendors:\n");
    for v in 0..20 {
        let _ = write!(
            vendors,
            "  - id: vendor-{v}\n    name: Vendor {v}\n    role: processor\n    service: Hosting\n    locations:\n      - country: {}\n        place: Paris\n    contract:\n      reference: DPA {v}\n      date: 2024-01-0{}\n",
            if v % 5 == 0 { "US" } else { "FR" },
            1 + v % 9
        );
        if v % 5 == 0 {
            vendors.push_str("    transfer_safeguards:\n      - country: US\n        mechanism: scc_2021_914\n        scc_module: two\n");
        }
    }
    write(dir.join("vendors.yaml"), vendors);
    let mut measures = String::from("measures:\n");
    for m in 0..10 {
        let _ = write!(
            measures,
            "  - id: measure-{m}\n    category: identification_authorisation\n    description: Access by named accounts with multi-factor authentication, reviewed quarterly.\n"
        );
    }
    write(dir.join("measures.yaml"), measures);
    for i in 0..n {
        let mut a = String::new();
        let _ = write!(
            a,
            "id: activity-{i:05}\nname: Processing activity number {i}\ndescription: >\n  Management of customer accounts, orders and support requests for business line {i}.\nowner: Operations\nrole: controller\ncreated: 2024-01-15\nupdated: 2026-06-01\npurposes:\n  - description: Manage customer accounts\n    legal_basis: contract\n  - description: Prevent fraud\n    legal_basis: legitimate_interests\n    legitimate_interest: Protect the business and customers against payment fraud\n  - description: Keep accounting records\n    legal_basis: legal_obligation\n    legal_reference: Code de commerce L123-22\noperations: [collection, recording, storage, use, erasure]\ndata_subjects:\n  - id: customers\n    name: Customers\n  - id: prospects\n    name: Prospects\ndata_categories:\n  - id: identity\n    name: Identity and contact details\n    description: surname, first name, postal address, e-mail, phone\n  - id: orders\n    name: Orders and invoices\n  - id: connection\n    name: Connection data\n    description: IP address, logs\nrecipients:\n  - kind: internal\n    name: Customer service\n  - kind: vendor\n    vendor: vendor-{}\n  - kind: vendor\n    vendor: vendor-{}\nretention:\n  - data_categories: [identity, orders]\n    periods:\n      - phase: active\n        until: end of the contract\n      - phase: intermediate_archive\n        duration: P10Y\n        from: end of the contract\n    end_action: delete\n    legal_reference: Code de commerce L123-22\n  - data_categories: [connection]\n    periods:\n      - duration: P12M\n    end_action: delete\nsecurity_measures: [measure-{}, measure-{}]\n",
            i % 20,
            (i + 7) % 20,
            i % 10,
            (i + 3) % 10
        );
        if !flawed {
            let us: Vec<usize> = [i % 20, (i + 7) % 20]
                .into_iter()
                .filter(|v| v % 5 == 0)
                .collect();
            if !us.is_empty() {
                a.push_str("transfers:\n");
                for v in us {
                    let _ = writeln!(a, "  - country: US\n    vendor: vendor-{v}");
                }
            }
        }
        write(acts.join(format!("activity-{i:05}.yaml")), a);
    }
    total
}

// The same allocator as the `ropa` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
