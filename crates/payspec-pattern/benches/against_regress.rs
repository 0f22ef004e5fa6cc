//! `cargo bench -p payspec-pattern`: the time to check one value against the patterns payment
//! specs use most, by `Pattern::is_match` and by regress (the engine it replaces), in the same
//! process, as a ratio.

use std::hint::black_box;
use std::time::Instant;

const CASES: [(&str, &str); 6] = [
    ("^[A-Z]{3}$", "USD"),
    ("^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$", "10.00"),
    ("^[A-Z0-9]+$", "1DL556911D1752055"),
    ("^.*$", "a note to the payer"),
    (r"^\+[1-9]\d{1,14}$", "+14155552671"),
    (r"^(?!\d+$)\w+\S+", "order_1234"),
];
const CHECKS: u32 = 200_000;

/// Nanoseconds per call of `check`, the best of three runs.
fn per_call(mut check: impl FnMut() -> bool) -> f64 {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let matched = (0..CHECKS).filter(|_| check()).count();
            assert_eq!(matched, CHECKS as usize, "every value matches");
            start.elapsed().as_nanos() as f64 / f64::from(CHECKS)
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    println!(
        "{:<42} {:>10} {:>10} {:>7}",
        "pattern", "ours", "regress", "ratio"
    );
    for (source, value) in CASES {
        let ours = payspec_pattern::Pattern::new(source).unwrap();
        let theirs = regress::Regex::new(source).unwrap();
        let ours_ns = per_call(|| ours.is_match(black_box(value)));
        let theirs_ns = per_call(|| theirs.find(black_box(value)).is_some());
        println!(
            "{source:<42} {ours_ns:>7.1} ns {theirs_ns:>7.1} ns {:>7.2}",
            ours_ns / theirs_ns
        );
    }
}
