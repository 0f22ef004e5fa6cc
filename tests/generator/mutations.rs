//! Spec mutations: each project spec, damaged the ways a hand edit, a bad merge or a hostile
//! contributor could (cut short, lines lost, doubled or shifted, wrong types, broken references,
//! `enum: []`, invalid bytes, huge strings), is either refused with a finding that names its
//! place in `specs/<file>`, or generates a client whose `src/lib.rs` parses as Rust. Nothing
//! panics. The mutants are the same on every run (`mutants.rs`), so a failure reproduces.

mod mutants;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use xtask::diagnostic::{Diagnostic, Location};
use xtask::spec::{self, Mode};

use self::mutants::Mutant;

/// Mutants of one spec that pass the check and are generated; the rest are only checked.
/// Generating the large CyberSource spec takes seconds in a debug build, so the generated ones
/// are a sample, spread over the kinds of damage.
const GENERATED_PER_SPEC: usize = 5;

/// What became of a mutant that did not fail.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Refused by `spec::check` (the findings `gen` stops on).
    Refused,
    /// Passed the check; not in the generated sample.
    Checked,
    /// Passed the check, then refused by the codegen view, openapiv3 or the generator.
    RefusedLater,
    /// Generated, and the client parses.
    Generated,
}

/// Whether `diagnostic` names the mutant's file and a place in it: a line and column within the
/// file, or a JSON pointer.
fn located(diagnostic: &Diagnostic, mutant: &Mutant) -> bool {
    let lines = mutant.bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    diagnostic.file == mutant.file
        && match &diagnostic.location {
            Location::Position { line, column } => (1..=lines).contains(line) && *column >= 1,
            Location::Pointer(pointer) => pointer.starts_with('/'),
        }
}

/// A refusal must say where: at least one diagnostic located in the file, and at the mutant's
/// exact place when the damage has one.
fn check_refusal(mutant: &Mutant, diagnostics: &[Diagnostic]) -> Result<(), String> {
    let shown = || {
        diagnostics
            .iter()
            .take(5)
            .map(|d| format!("\n    {d}"))
            .collect::<String>()
    };
    if !diagnostics.iter().any(|d| located(d, mutant)) {
        return Err(format!("refused without a located finding:{}", shown()));
    }
    if let Some((line, column)) = mutant.place {
        let at = Location::Position { line, column };
        if !diagnostics.iter().any(|d| d.location == at) {
            return Err(format!(
                "refused, but not at line {line} column {column}:{}",
                shown()
            ));
        }
    }
    Ok(())
}

/// `f`, with a panic turned into an error naming the step.
fn no_panic<T>(step: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("(no message)");
        format!("{step} panicked: {message}")
    })
}

/// The first step: `Refused` (with a located finding) or `Checked`.
fn check(mutant: &Mutant) -> Result<Fate, String> {
    let checked = no_panic("spec::check", || spec::check(&mutant.file, &mutant.bytes))?;
    let blocking: Vec<Diagnostic> = checked
        .findings
        .iter()
        .filter(|f| Mode::Lenient.blocks(f))
        .map(|f| f.diagnostic.clone())
        .collect();
    if blocking.is_empty() && checked.document.is_some() {
        return Ok(Fate::Checked);
    }
    check_refusal(mutant, &blocking)?;
    Ok(Fate::Refused)
}

/// The second step, for a mutant the check passed: parse (which runs the same check, then the
/// codegen view and openapiv3) and generate; refused with a located finding, or generated
/// code that parses.
fn generate(mutant: &Mutant) -> Result<Fate, String> {
    let parsed = no_panic("spec::parse", || {
        spec::parse_bytes(&mutant.file, &mutant.provider, &mutant.bytes, Mode::Lenient)
    })?;
    let generated = match parsed {
        Ok(spec) => no_panic("generate::crate_files", || {
            xtask::generate::crate_files(&spec)
        })?,
        Err(diagnostics) => Err(diagnostics),
    };
    let files = match generated {
        Ok(files) => files,
        Err(diagnostics) => {
            check_refusal(mutant, &diagnostics)?;
            return Ok(Fate::RefusedLater);
        }
    };
    if mutant.must_refuse {
        return Err("generated, but this damage must be refused".to_owned());
    }
    let lib = files
        .iter()
        .find(|f| f.path.ends_with("src/lib.rs"))
        .ok_or("generated no src/lib.rs")?;
    syn::parse_file(&lib.contents)
        .map_err(|e| format!("generated a src/lib.rs that does not parse: {e}"))?;
    Ok(Fate::Generated)
}

/// `step` over every mutant in `which`, on every core; the results in the order of `which`.
fn in_parallel(
    all: &[Mutant],
    which: &[usize],
    step: fn(&Mutant) -> Result<Fate, String>,
) -> Vec<Result<Fate, String>> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(vec![Ok(Fate::Checked); which.len()]);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&i) = which.get(n) else { break };
                    let result = step(&all[i]);
                    results.lock().unwrap()[n] = result;
                }
            });
        }
    });
    results.into_inner().unwrap()
}

/// Of the mutants the check passed, those generated: every one that must be refused, and up to
/// `GENERATED_PER_SPEC` of each spec, evenly spaced from its last (a huge string).
fn sample(all: &[Mutant], passed: &[usize]) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::new();
    let mut specs: Vec<&str> = passed.iter().map(|&i| all[i].file.as_str()).collect();
    specs.dedup();
    for file in specs {
        let of_spec: Vec<usize> = passed
            .iter()
            .copied()
            .filter(|&i| all[i].file == file)
            .collect();
        let step = of_spec.len().div_ceil(GENERATED_PER_SPEC).max(1);
        chosen.extend(of_spec.iter().rev().step_by(step));
        chosen.extend(of_spec.iter().filter(|&&i| all[i].must_refuse));
    }
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

#[test]
fn mutated_specs_are_refused_where_they_break_or_generate_parsing_code() {
    let started = Instant::now();
    let root = xtask::workspace_root();
    let mut all = Vec::new();
    for provider in spec::providers(&root).unwrap() {
        let text = std::fs::read_to_string(root.join(format!("specs/{provider}.yaml"))).unwrap();
        all.extend(mutants::mutants(&provider, &text));
    }
    assert!(all.len() >= 250, "only {} mutants", all.len());

    let everyone: Vec<usize> = (0..all.len()).collect();
    let mut fates = in_parallel(&all, &everyone, check);
    let passed: Vec<usize> = everyone
        .into_iter()
        .filter(|&i| fates[i] == Ok(Fate::Checked))
        .collect();
    let sampled = sample(&all, &passed);
    for (i, fate) in sampled.iter().zip(in_parallel(&all, &sampled, generate)) {
        fates[*i] = fate;
    }

    let count = |wanted: Fate| fates.iter().filter(|f| **f == Ok(wanted)).count();
    println!(
        "{} mutants: {} refused by the check; of {} it passed, {} generated: {} refused by the \
         codegen view or the generator, {} generated code that parses; in {:.1?}",
        all.len(),
        count(Fate::Refused),
        passed.len(),
        sampled.len(),
        count(Fate::RefusedLater),
        count(Fate::Generated),
        started.elapsed()
    );
    let failures: Vec<String> = fates
        .iter()
        .zip(&all)
        .filter_map(|(fate, mutant)| {
            let why = fate.as_ref().err()?;
            Some(format!("{} ({}): {why}", mutant.file, mutant.description))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} mutants failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
