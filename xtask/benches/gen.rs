//! `cargo bench -p xtask`: how `cargo xtask gen` scales with spec size.
//!
//! Synthetic specs are built in memory from `specs/cybersource.yaml`: its operations and
//! components copied 1×, 4× and 16× under renamed keys (paths under `/copyN`, operationIds and
//! component names suffixed `CopyN`, references renamed with them). For each size the bench
//! times the check `cargo xtask lint` runs (read, lint, openapiv3) and the whole generation
//! pipeline without writing (`spec::parse` then `generate::crate_files`), and prints each as a
//! ratio against the smallest size beside the ratio linear growth would give. Finally the four
//! project specs are generated together, as `cargo xtask gen` does.

use std::time::{Duration, Instant};

use serde_json::{Map, Value};
use xtask::{generate, spec};

/// The allocator `cargo xtask gen` runs with (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Copies of CyberSource's operations and components in each synthetic spec.
const SIZES: [usize; 3] = [1, 4, 16];

/// The fastest of `runs` timed calls.
fn fastest(runs: u32, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let root = xtask::workspace_root();
    let source = std::fs::read_to_string(root.join("specs/cybersource.yaml"))
        .expect("specs/cybersource.yaml is readable");
    let base = xtask::yaml::Document::parse(&source)
        .expect("specs/cybersource.yaml is YAML")
        .value;
    println!("synthetic specs: specs/cybersource.yaml copied n times (linear: time ratio = n)");
    println!(
        "{:>3} {:>10} {:>11} {:>10} {:>10} {:>12} {:>10}",
        "n", "KiB", "check ms", "ratio", "gen ms", "ratio", "linear"
    );
    let mut smallest: Option<(Duration, Duration)> = None;
    // Warm up the file cache once.
    generate::plan(&root, &["cybersource".to_owned()]).expect("the spec is valid");
    for n in SIZES {
        let yaml = xtask::import::to_yaml(&copied(&base, n));
        let file = format!("specs/cybersource_x{n}.yaml");
        // Fewer runs as the specs grow; the largest take seconds each.
        let runs = (16 / n as u32).clamp(1, 5);
        let check = fastest(runs, || {
            let checked = spec::check(&file, yaml.as_bytes());
            assert!(checked.document.is_some(), "{:?}", checked.findings.first());
        });
        let generation = fastest(runs, || {
            let parsed = spec::parse(&file, "cybersource", &yaml).expect("the copies are valid");
            generate::crate_files(&parsed).expect("the copies generate");
        });
        let (check_1, gen_1) = *smallest.get_or_insert((check, generation));
        println!(
            "{n:>3} {:>10} {:>11.1} {:>9.2}x {:>10.1} {:>11.2}x {:>9}x",
            yaml.len() / 1024,
            ms(check),
            check.as_secs_f64() / check_1.as_secs_f64(),
            ms(generation),
            generation.as_secs_f64() / gen_1.as_secs_f64(),
            n / SIZES[0],
        );
    }
    let all = fastest(5, || {
        generate::plan(&root, &[]).expect("specs are valid");
    });
    println!(
        "the four project specs, cargo xtask gen in memory: {:.1} ms",
        ms(all)
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// `document` with its operations and components present `n` times: copy 1 as written, copy
/// `i` under `/copyi` paths, `Copyi`-suffixed operationIds and component names.
fn copied(document: &Value, n: usize) -> Value {
    let mut out = document.clone();
    let (mut paths, mut components) = (Map::new(), Map::new());
    for i in 1..=n {
        let suffix = if i == 1 {
            String::new()
        } else {
            format!("Copy{i}")
        };
        let copy = renamed(document, &suffix);
        for (path, item) in copy["paths"].as_object().into_iter().flatten() {
            let path = if i == 1 {
                path.clone()
            } else {
                format!("/copy{i}{path}")
            };
            paths.insert(path, item.clone());
        }
        for (section, entries) in copy["components"].as_object().into_iter().flatten() {
            let merged = components
                .entry(section.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            for (name, entry) in entries.as_object().into_iter().flatten() {
                let name = if section == "securitySchemes" {
                    name.clone()
                } else {
                    format!("{name}{suffix}")
                };
                merged[&name] = entry.clone();
            }
        }
    }
    out["paths"] = Value::Object(paths);
    out["components"] = Value::Object(components);
    out
}

/// `value` with every component reference and operationId suffixed with `suffix`.
fn renamed(value: &Value, suffix: &str) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, child)| {
                    let child = match (key.as_str(), child) {
                        ("$ref" | "operationId", Value::String(target)) => {
                            Value::String(format!("{target}{suffix}"))
                        }
                        _ => renamed(child, suffix),
                    };
                    (key.clone(), child)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| renamed(v, suffix)).collect()),
        other => other.clone(),
    }
}
