//! `cargo bench -p xtask`: how long `cargo xtask gen` takes for every spec, against a baseline
//! of only reading and checking the specs, both measured in this process.

use std::time::{Duration, Instant};

use xtask::{generate, spec};

const RUNS: u32 = 10;

fn mean(mut f: impl FnMut()) -> Duration {
    f(); // warm up: file cache, rustfmt binary
    let start = Instant::now();
    for _ in 0..RUNS {
        f();
    }
    start.elapsed() / RUNS
}

fn main() {
    let root = xtask::workspace_root();
    let providers = spec::providers(&root).expect("specs/ is readable");
    let baseline = mean(|| {
        for provider in &providers {
            spec::load(&root, provider).expect("spec is valid");
        }
    });
    let full = mean(|| {
        generate::plan(&root, &[]).expect("specs are valid");
    });
    println!("specs: {}", providers.join(", "));
    println!(
        "read and check specs (baseline): {:>8.1} ms",
        baseline.as_secs_f64() * 1e3
    );
    println!(
        "cargo xtask gen, in memory:      {:>8.1} ms",
        full.as_secs_f64() * 1e3
    );
    println!(
        "ratio gen / baseline:            {:>8.1}x",
        full.as_secs_f64() / baseline.as_secs_f64()
    );
}
