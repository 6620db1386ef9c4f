//! Benchmark of the `ropa` binary on registers generated here, in the shapes that make a tool
//! slow: a passing register; one where every activity has several findings and waivers; large
//! vendor and measure catalogues; 100,000 activities; documents of the whole register (in
//! English and in French, whose spacing reads every byte written) and one per activity into a
//! folder; the JSON and DPV exports; the static site; and `check FILE` on one activity of a large
//! register.
//!
//! Run with `cargo bench --bench check`. Each command is run as its own process (the release
//! binary, as users run it) several times; the table gives the median and best wall time, the
//! median CPU time (user + system: less moved by other load than wall time; above the wall time
//! when the run uses both cores), the largest peak resident memory of the runs, and the ratio
//! of the median to the time the same YAML parser needs only to parse the register's files (on
//! every core, in this process).
//! Timings are printed, never asserted; the machine's other load moves them, so read medians.
//!
//! `ROPA_BENCH_ONLY=word,...` runs only the cases that one of the words names: a whole word of
//! the case's name (`check`, `sheet`, `html`) or the register's name (`passing-1000` selects the
//! 1,000-activity register, not `passing-10000`);
//! `ROPA_BENCH_KEEP=DIR` keeps the generated registers in DIR; `ROPA_BENCH_RUNS=N` sets the
//! number of runs (the 100,000-activity cases run at most 3 times); `ROPA_BENCH_AJV=PATH` also
//! times ajv-cli (at PATH, with ajv-formats beside it) validating only the schema of the
//! waived register's activity files, the yardstick of the target for that register.

#![allow(clippy::print_stdout)] // A benchmark reports its table on stdout.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../common/synthetic.rs"]
mod synthetic;

use rayon::prelude::*;
use ropa::yaml::{Limits, parse_bytes};

/// The date every run checks against, so that the generated dates give the same findings.
const AS_OF: &str = "2026-11-25";

/// What an activity of a generated register looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// No finding.
    Passing,
    /// Three purposes without a legal basis, an undeclared transfer: four findings, three of
    /// them waived by two waivers (one for a rule, one for a purpose), one waiver unused.
    Waived,
    /// The varied register of the document tests (owners, vendors in and outside the EEA
    /// under every mechanism, special categories, internal activities): for the map and site.
    Varied,
}

/// A register to generate.
struct Spec {
    name: &'static str,
    activities: usize,
    vendors: usize,
    measures: usize,
    shape: Shape,
}

/// A command to time on a register, with the target it is held to (printed, not asserted).
struct Case {
    name: String,
    /// The program run, when it is not `ropa` (which is also given `--as-of`).
    program: Option<String>,
    args: Vec<String>,
    /// Folder emptied before each run (documents written into it).
    out_dir: Option<PathBuf>,
    target: &'static str,
}

fn main() {
    let keep = std::env::var_os("ROPA_BENCH_KEEP").map(PathBuf::from);
    let tmp = tempfile::tempdir().expect("temporary directory");
    let base = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    let only: Vec<String> = std::env::var("ROPA_BENCH_ONLY")
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let runs: usize = std::env::var("ROPA_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let bin = env!("CARGO_BIN_EXE_ropa");
    println!(
        "ropa benchmark: `{bin}` ({} cores), {runs} runs per case (3 at 100,000 activities)",
        rayon::current_num_threads(),
    );
    println!("load average before the run: {}", load_average());
    println!(
        "{:<44} {:>10} {:>10} {:>10} {:>9} {:>8}  target",
        "case", "median", "best", "CPU", "peak RSS", "÷parse"
    );
    let specs = [
        Spec {
            name: "passing-1000",
            activities: 1_000,
            vendors: 20,
            measures: 10,
            shape: Shape::Passing,
        },
        Spec {
            name: "passing-10000",
            activities: 10_000,
            vendors: 20,
            measures: 10,
            shape: Shape::Passing,
        },
        Spec {
            name: "waived-10000",
            activities: 10_000,
            vendors: 20,
            measures: 10,
            shape: Shape::Waived,
        },
        Spec {
            name: "catalogues-50000-vendors",
            activities: 1_000,
            vendors: 50_000,
            measures: 5_000,
            shape: Shape::Passing,
        },
        Spec {
            name: "varied-300",
            activities: 300,
            vendors: 30,
            measures: 0,
            shape: Shape::Varied,
        },
        Spec {
            name: "varied-1000",
            activities: 1_000,
            vendors: 30,
            measures: 0,
            shape: Shape::Varied,
        },
        Spec {
            name: "waived-100000",
            activities: 100_000,
            vendors: 20,
            measures: 10,
            shape: Shape::Waived,
        },
    ];
    let mut medians: Vec<(String, Duration)> = Vec::new();
    for spec in &specs {
        let dir = base.join(spec.name);
        let cases = cases(spec, &dir, &base);
        let wanted: Vec<&Case> = cases
            .iter()
            .filter(|c| only.is_empty() || only.iter().any(|w| selects(w, spec, c)))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let bytes = generate(&dir, spec);
        let files = register_files(&dir);
        let parse = median(parse_only(&files, |b| {
            parse_bytes(b, &Limits::default()).is_ok()
        }));
        let events = median(parse_only(&files, parser_events));
        println!(
            "{} ({} activities, {} vendors, {} measures, {:.1} MB): parse only {} (the YAML parser's events alone {})",
            spec.name,
            spec.activities,
            spec.vendors,
            spec.measures,
            bytes as f64 / 1e6,
            ms(parse),
            ms(events)
        );
        let runs = if spec.activities >= 100_000 {
            runs.min(3)
        } else {
            runs
        };
        for case in wanted {
            let t = time_command(bin, case, runs);
            let m = t.wall[t.wall.len() / 2];
            println!(
                "  {:<42} {:>10} {:>10} {:>10} {:>6} MB {:>8.2}  {}",
                case.name,
                ms(m),
                ms(t.wall[0]),
                ms(t.cpu[t.cpu.len() / 2]),
                t.rss / 1024,
                m.as_secs_f64() / parse.as_secs_f64(),
                case.target
            );
            medians.push((case.name.clone(), m));
        }
    }
    let find = |n: &str| medians.iter().find(|(c, _)| c == n).map(|(_, d)| *d);
    if let (Some(w), Some(p)) = (find("check waived-10000"), find("check passing-10000")) {
        println!(
            "findings and waivers in every file cost {:.2}x the passing register (target < 2x)",
            w.as_secs_f64() / p.as_secs_f64()
        );
    }
    if let (Some(c), Some(a)) = (
        find("check waived-10000"),
        find("ajv (schema only) waived-10000"),
    ) {
        println!(
            "check of the waived register is {:.1}x faster than ajv validating only its schema (target >= 6x)",
            a.as_secs_f64() / c.as_secs_f64()
        );
    }
    println!("load average after the run: {}", load_average());
    if let Some(k) = keep {
        println!("registers kept in {}", k.display());
    }
}

/// Whether the word `w` of `ROPA_BENCH_ONLY` selects `case` of `spec`: it is the register's
/// name or one whole word of the case's name.
fn selects(w: &str, spec: &Spec, case: &Case) -> bool {
    w == spec.name
        || case
            .name
            .split(|c: char| c.is_whitespace() || "()".contains(c))
            .any(|word| word == w)
}

/// The machine's load average (1, 5 and 15 minutes), to read the timings against: the
/// benchmark runs on a shared machine.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// The commands timed on a register.
fn cases(spec: &Spec, dir: &Path, base: &Path) -> Vec<Case> {
    let d = dir.display().to_string();
    let check = |target: &'static str| Case {
        name: format!("check {}", spec.name),
        program: None,
        args: vec!["check".into(), d.clone(), "--format=json".into()],
        out_dir: None,
        target,
    };
    // English cases keep their names of earlier runs, so that tables compare line by line.
    let render_in = |lang: &str, what: &str, format: &str, target: &'static str| Case {
        name: match lang {
            "en" => format!("render {what} --format {format} {}", spec.name),
            _ => format!(
                "render {what} --format {format} --lang {lang} {}",
                spec.name
            ),
        },
        program: None,
        args: vec![
            "render".into(),
            what.into(),
            d.clone(),
            format!("--format={format}"),
            format!("--lang={lang}"),
            "--version-label=bench".into(),
        ],
        out_dir: None,
        target,
    };
    let render =
        |what: &str, format: &str, target: &'static str| render_in("en", what, format, target);
    // Exports are written as they are made: memory as `check`'s, not the size of the output.
    let export = |format: &str| Case {
        name: format!("export {format} {}", spec.name),
        program: None,
        args: vec![
            "export".into(),
            format.into(),
            d.clone(),
            "--version-label=bench".into(),
        ],
        out_dir: None,
        target: "peak as check",
    };
    let sheets = |target: &'static str| {
        let out = base.join(format!("sheets-{}", spec.name));
        Case {
            name: format!("render sheet -o DIR/ {}", spec.name),
            program: None,
            args: vec![
                "render".into(),
                "sheet".into(),
                d.clone(),
                "--version-label=bench".into(),
                "-o".into(),
                format!("{}/", out.display()),
            ],
            out_dir: Some(out),
            target,
        }
    };
    // The site writes each page as it is made: memory as `check`'s, whatever the register's size.
    let site = |target: &'static str| {
        let out = base.join(format!("site-{}", spec.name));
        Case {
            name: format!("site {}", spec.name),
            program: None,
            args: vec![
                "site".into(),
                d.clone(),
                "--version-label=bench".into(),
                "-o".into(),
                out.display().to_string(),
            ],
            out_dir: Some(out),
            target,
        }
    };
    match spec.name {
        "passing-1000" => vec![
            check(""),
            render("register", "md", ""),
            render("register", "html", ""),
            // French spacing reads every byte of the output: it should cost about what English
            // does (1.3 to 1.5 times at stop 13), never a multiple that grows with the size.
            render_in("fr", "register", "html", "as English"),
            render_in("fr", "register", "md", "as English"),
            sheets("< 1 s"),
        ],
        "passing-10000" => vec![
            check("no slower than 0.28 s, 121 MB"),
            render("register", "md", ""),
            render("register", "html", "< 1.5 s, < 300 MB"),
            render_in("fr", "register", "html", "as English"),
            sheets(""),
            export("json"),
            export("dpv"),
            site("peak as check"),
            Case {
                name: "check FILE (1 of passing-10000)".into(),
                program: None,
                args: vec![
                    "check".into(),
                    dir.join("activities/activity-05000.yaml")
                        .display()
                        .to_string(),
                    "--format=json".into(),
                ],
                out_dir: None,
                target: "< 50 ms",
            },
        ],
        "waived-10000" => {
            let mut cases = vec![check("< 0.5 s, < 2x passing")];
            // The yardstick: ajv-cli validating only the schema of the same files
            // (`npm install ajv-cli@5 ajv-formats@3`, then ROPA_BENCH_AJV=node_modules/.bin/ajv).
            if let Ok(ajv) = std::env::var("ROPA_BENCH_AJV") {
                let schema =
                    Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/activity.schema.json");
                cases.push(Case {
                    name: format!("ajv (schema only) {}", spec.name),
                    program: Some(ajv),
                    args: vec![
                        "validate".into(),
                        "--spec=draft2020".into(),
                        "--strict=false".into(),
                        "-c".into(),
                        "ajv-formats".into(),
                        "-s".into(),
                        schema.display().to_string(),
                        "-d".into(),
                        format!("{d}/activities/*.yaml"),
                    ],
                    out_dir: None,
                    target: "check at least 6x faster",
                });
            }
            cases
        }
        "catalogues-50000-vendors" => vec![check("")],
        "varied-300" | "varied-1000" => {
            let site = site(if spec.activities == 1_000 {
                "< 2 s"
            } else {
                ""
            });
            let map = Case {
                name: format!("render map --format svg {}", spec.name),
                program: None,
                args: vec![
                    "render".into(),
                    "map".into(),
                    d.clone(),
                    "--format=svg".into(),
                ],
                out_dir: None,
                target: "",
            };
            vec![check(""), map, site]
        }
        _ => vec![check("< 5 s, < 1.5 GB")],
    }
}

/// Every YAML file of the register generated in `dir`.
fn register_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("activities"))
        .expect("activities")
        .map(|e| e.expect("entry").path())
        .collect();
    files.extend(
        ["ropa.yaml", "vendors.yaml", "measures.yaml"]
            .map(|f| dir.join(f))
            .into_iter()
            .filter(|p| p.is_file()),
    );
    for folder in ["vendors", "measures"] {
        if let Ok(entries) = std::fs::read_dir(dir.join(folder)) {
            files.extend(entries.map(|e| e.expect("entry").path()));
        }
    }
    files
}

/// Read and `parse` every file, on every core; the times of 5 runs. `parse_bytes` (ropa's
/// loading of a document: events, value, locations) is what `check` pays per file before its
/// schema and rules; [`parser_events`] alone is the floor that no work of ropa's can lower.
fn parse_only(files: &[PathBuf], parse: impl Fn(&[u8]) -> bool + Sync) -> Vec<Duration> {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            let parsed: usize = files
                .par_iter()
                .map(|p| usize::from(parse(&std::fs::read(p).expect("read"))))
                .sum();
            assert_eq!(parsed, files.len());
            start.elapsed()
        })
        .collect()
}

/// Pull every event of saphyr-parser, the YAML parser under [`parse_bytes`], and build nothing.
fn parser_events(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut parser = saphyr_parser::Parser::new_from_str(text);
    while let Some(event) = parser.next_event() {
        if event.is_err() {
            return false;
        }
    }
    true
}

fn median(mut t: Vec<Duration>) -> Duration {
    t.sort();
    t[t.len() / 2]
}

/// What the runs of a case measured.
struct Timing {
    /// Wall times, sorted.
    wall: Vec<Duration>,
    /// CPU times (user + system), sorted.
    cpu: Vec<Duration>,
    /// The largest peak resident memory, in KiB.
    rss: i64,
}

/// Run a case `runs` times.
fn time_command(bin: &str, case: &Case, runs: usize) -> Timing {
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut rss = 0;
    for _ in 0..runs {
        if let Some(out) = &case.out_dir {
            let _ = std::fs::remove_dir_all(out);
        }
        let start = Instant::now();
        let mut command = Command::new(case.program.as_deref().unwrap_or(bin));
        command.args(&case.args);
        if case.program.is_none() {
            command.arg(format!("--as-of={AS_OF}"));
        }
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run ropa");
        let (status, usage) = wait(child);
        times.push(start.elapsed());
        cpu.push(usage.cpu);
        assert!(
            status <= 1,
            "`{} {}` failed with exit code {status}",
            case.program.as_deref().unwrap_or("ropa"),
            case.args.join(" ")
        );
        rss = rss.max(usage.max_rss);
    }
    times.sort();
    cpu.sort();
    Timing {
        wall: times,
        cpu,
        rss,
    }
}

/// What `wait4` tells of a finished child.
struct Usage {
    /// User and system CPU time.
    cpu: Duration,
    /// Peak resident memory in KiB.
    max_rss: i64,
}

/// Wait for a child; its exit code and resource usage.
fn wait(child: std::process::Child) -> (i32, Usage) {
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the pid is our own child's.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: as above; `status` and `usage` outlive the call.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4: {}", std::io::Error::last_os_error());
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    (
        code,
        Usage {
            cpu: time(usage.ru_utime) + time(usage.ru_stime),
            max_rss: usage.ru_maxrss,
        },
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// Write a register after `spec` under `dir`, unless one is there from an earlier run with
/// `ROPA_BENCH_KEEP`; returns the bytes of its files.
fn generate(dir: &Path, spec: &Spec) -> usize {
    let acts = dir.join("activities");
    let stamp = dir.join(".complete");
    if stamp.is_file() {
        return walk_size(dir);
    }
    let _ = std::fs::remove_dir_all(dir);
    if spec.shape == Shape::Varied {
        synthetic::write_register(dir, spec.activities);
        std::fs::write(&stamp, "").expect("stamp");
        return walk_size(dir);
    }
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
    // A catalogue larger than one file's size limit is split over `vendors/*.yaml` and
    // `measures/*.yaml`, as a register that size must be.
    let mut vendors = String::new();
    let mut vendor_files = Catalogue::new(dir, "vendors", spec.vendors);
    for v in 0..spec.vendors {
        vendor_files.entry(v, &mut vendors, &mut write);
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
    vendor_files.finish(&mut vendors, &mut write);
    let mut measures = String::new();
    let mut measure_files = Catalogue::new(dir, "measures", spec.measures);
    for m in 0..spec.measures {
        measure_files.entry(m, &mut measures, &mut write);
        let _ = write!(
            measures,
            "  - id: measure-{m}\n    category: identification_authorisation\n    description: Access by named accounts with multi-factor authentication, reviewed quarterly.\n"
        );
    }
    measure_files.finish(&mut measures, &mut write);
    let files: Vec<(PathBuf, String)> = (0..spec.activities)
        .into_par_iter()
        .map(|i| {
            (
                acts.join(format!("activity-{i:05}.yaml")),
                activity(i, spec),
            )
        })
        .collect();
    for (p, a) in files {
        write(p, a);
    }
    std::fs::write(&stamp, "").expect("stamp");
    total
}

/// Entries per file of a split catalogue.
const PER_FILE: usize = 1_000;

/// Where the entries of one catalogue go: `<key>.yaml`, or files of [`PER_FILE`] entries in
/// `<key>/` when there are more.
struct Catalogue {
    dir: PathBuf,
    key: &'static str,
    split: bool,
    /// The number of the file being filled.
    part: usize,
}

impl Catalogue {
    fn new(root: &Path, key: &'static str, entries: usize) -> Self {
        let split = entries > PER_FILE;
        if split {
            std::fs::create_dir_all(root.join(key)).expect("catalogue folder");
        }
        Catalogue {
            dir: root.to_path_buf(),
            key,
            split,
            part: 0,
        }
    }

    /// Called before entry `i` is appended to `text`: writes the file that is full and starts
    /// the next one.
    fn entry(&mut self, i: usize, text: &mut String, write: &mut impl FnMut(PathBuf, String)) {
        if self.split && i > 0 && i.is_multiple_of(PER_FILE) {
            self.flush(text, write);
        }
        if text.is_empty() {
            *text = format!("{}:\n", self.key);
        }
    }

    /// Writes the last file (an empty catalogue is one file with an empty list).
    fn finish(&mut self, text: &mut String, write: &mut impl FnMut(PathBuf, String)) {
        if text.is_empty() {
            *text = format!("{}: []\n", self.key);
        }
        self.flush(text, write);
    }

    fn flush(&mut self, text: &mut String, write: &mut impl FnMut(PathBuf, String)) {
        let path = if self.split {
            self.dir
                .join(self.key)
                .join(format!("part-{:03}.yaml", self.part))
        } else {
            self.dir.join(format!("{}.yaml", self.key))
        };
        self.part += 1;
        write(path, std::mem::take(text));
    }
}

fn walk_size(dir: &Path) -> usize {
    let mut total = 0;
    for e in std::fs::read_dir(dir).expect("read").flatten() {
        let p = e.path();
        if p.is_dir() {
            total += walk_size(&p);
        } else {
            total += e.metadata().map_or(0, |m| m.len() as usize);
        }
    }
    total
}

/// Activity `i` of a register after `spec`. It names two vendors and two measures spread over
/// the catalogues (so that the catalogues' references are resolved through their whole size).
fn activity(i: usize, spec: &Spec) -> String {
    let (v1, v2) = (i % spec.vendors, (i * 7 + 7) % spec.vendors);
    let (m1, m2) = (i % spec.measures, (i * 3 + 3) % spec.measures);
    let waived = spec.shape == Shape::Waived;
    let mut a = String::new();
    let _ = write!(
        a,
        "id: activity-{i:05}\nname: Processing activity number {i}\ndescription: >\n  Management of customer accounts, orders and support requests for business line {i}.\nowner: Operations\nrole: controller\ncreated: 2024-01-15\nupdated: 2026-06-01\n"
    );
    if waived {
        a.push_str("purposes:\n  - description: Manage customer accounts\n  - description: Prevent fraud\n  - description: Keep accounting records\n");
    } else {
        a.push_str("purposes:\n  - description: Manage customer accounts\n    legal_basis: contract\n  - description: Prevent fraud\n    legal_basis: legitimate_interests\n    legitimate_interest: Protect the business and customers against payment fraud\n  - description: Keep accounting records\n    legal_basis: legal_obligation\n    legal_reference: Code de commerce L123-22\n");
    }
    let _ = write!(
        a,
        "operations: [collection, recording, storage, use, erasure]\ndata_subjects:\n  - id: customers\n    name: Customers\n  - id: prospects\n    name: Prospects\ndata_categories:\n  - id: identity\n    name: Identity and contact details\n    description: surname, first name, postal address, e-mail, phone\n  - id: orders\n    name: Orders and invoices\n  - id: connection\n    name: Connection data\n    description: IP address, logs\nrecipients:\n  - kind: internal\n    name: Customer service\n  - kind: vendor\n    vendor: vendor-{v1}\n  - kind: vendor\n    vendor: vendor-{v2}\n  - kind: vendor\n    vendor: vendor-0\nretention:\n  - data_categories: [identity, orders]\n    periods:\n      - phase: active\n        until: end of the contract\n      - phase: intermediate_archive\n        duration: P10Y\n        from: end of the contract\n    end_action: delete\n    legal_reference: Code de commerce L123-22\n  - data_categories: [connection]\n    periods:\n      - duration: P12M\n    end_action: delete\nsecurity_measures: [measure-{m1}, measure-{m2}]\n"
    );
    if waived {
        // vendor-0 is in the United States and no transfer is declared (RP500); the purposes
        // have no legal basis (RP200, three times).
        a.push_str("waivers:\n  - rule: missing-legal-basis\n    reason: The legal basis is being reviewed by counsel.\n    approved_by: DPO\n    expires: 2027-12-31\n  - rule: RP500\n    pointer: /recipients/3\n    reason: The transfer is being documented with the vendor.\n    approved_by: DPO\n    expires: 2027-06-30\n  - rule: RP700\n    reason: A DPIA was planned for this activity.\n    approved_by: DPO\n    expires: 2027-06-30\n");
    } else {
        let mut us: Vec<usize> = [v1, v2].into_iter().filter(|v| v % 5 == 0).collect();
        us.sort_unstable();
        us.dedup();
        a.push_str("transfers:\n  - country: US\n    vendor: vendor-0\n");
        for v in us.into_iter().filter(|&v| v != 0) {
            let _ = writeln!(a, "  - country: US\n    vendor: vendor-{v}");
        }
    }
    a
}
