//! `cargo xtask <command>`: see `cargo xtask help`.

use std::process::ExitCode;

use xtask::generate::{self, Drift};

const USAGE: &str = "\
usage: cargo xtask gen [--check] [<provider>...]
       cargo xtask lint [<provider>...]
       cargo xtask diff [--base <git ref>] [--format markdown|json] [--fail-on breaking|warning]

  gen               regenerate generated/<provider>/ from specs/<provider>.yaml (all providers by default)
  gen --check       change nothing; fail and show a diff when generated/ differs from the specs
  lint              check the specs (what gen needs, examples, patterns, names, unused parts);
                    fails on errors, reports warnings
  diff              review spec changes against a git ref (default: main, or HEAD on main):
                    contract changes, generated Rust API changes, semver bumps, risks
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen") => run_gen(&args[1..]),
        Some("lint") => run_lint(&args[1..]),
        Some("diff") => run_diff(&args[1..]),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The checkout to work on, named on stderr when it is not the current directory.
fn workspace() -> std::path::PathBuf {
    let root = xtask::workspace_root();
    let here = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    if root.canonicalize().ok() != here {
        eprintln!("using the workspace at {}", root.display());
    }
    root
}

fn run_gen(args: &[String]) -> ExitCode {
    let check = args.iter().any(|a| a == "--check");
    let providers: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .collect();
    if let Some(unknown) = args.iter().find(|a| a.starts_with("--") && *a != "--check") {
        eprintln!("unknown option `{unknown}`\n{USAGE}");
        return ExitCode::from(2);
    }
    let root = workspace();
    if !check {
        return match generate::regenerate(&root, &providers) {
            Ok((plan, changed)) if changed.is_empty() => {
                println!("generated/ is up to date ({} files)", plan.files.len());
                ExitCode::SUCCESS
            }
            Ok((_, changed)) => {
                for path in &changed {
                    println!("wrote {}", path.display());
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{error}");
                ExitCode::FAILURE
            }
        };
    }
    let plan = match generate::plan(&root, &providers) {
        Ok(plan) => plan,
        Err(diagnostics) => {
            eprintln!("{}", generate::Error::Specs(diagnostics));
            return ExitCode::FAILURE;
        }
    };
    let drift = generate::drift(&root, &plan);
    for item in &drift {
        match item {
            Drift::Missing(path) => eprintln!("missing: {}", path.display()),
            Drift::Orphan(path) => eprintln!("not produced by any spec: {}", path.display()),
            Drift::Changed { path, diff } => eprintln!("stale: {}\n{diff}", path.display()),
        }
    }
    if drift.is_empty() {
        println!("generated/ is up to date ({} files)", plan.files.len());
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "error: generated/ is stale ({} file(s)); run `cargo xtask gen` and commit the result",
        drift.len()
    );
    ExitCode::FAILURE
}

fn run_lint(args: &[String]) -> ExitCode {
    let root = workspace();
    let providers = match args {
        [] => match xtask::spec::providers(&root) {
            Ok(all) => all,
            Err(error) => {
                eprintln!("error: cannot read specs/: {error}");
                return ExitCode::FAILURE;
            }
        },
        given => given.to_vec(),
    };
    let mut errors = 0;
    let mut warnings = 0;
    for provider in &providers {
        for finding in xtask::lint::lint_file(&root, provider) {
            match finding.severity {
                xtask::lint::Severity::Error => errors += 1,
                xtask::lint::Severity::Warning => warnings += 1,
            }
            eprintln!("{finding}");
        }
    }
    println!(
        "{} spec(s): {errors} error(s), {warnings} warning(s)",
        providers.len()
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_diff(args: &[String]) -> ExitCode {
    let root = workspace();
    let (mut base, mut format, mut fail_on) = (None, "markdown".to_owned(), None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = rest.clone().next().cloned();
        match (arg.as_str(), value) {
            ("--base", Some(v)) => base = Some(v),
            ("--format", Some(v)) if v == "markdown" || v == "json" => format = v,
            ("--fail-on", Some(v)) if v == "breaking" => {
                fail_on = Some(xtask::diff::FailOn::Breaking)
            }
            ("--fail-on", Some(v)) if v == "warning" => {
                fail_on = Some(xtask::diff::FailOn::Warning)
            }
            _ => {
                eprintln!("unexpected argument `{arg}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
        rest.next();
    }
    let base = base.unwrap_or_else(|| xtask::diff::default_base(&root));
    let report = match xtask::diff::review(&root, &base) {
        Ok(report) => report,
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                eprintln!("{diagnostic}");
            }
            return ExitCode::FAILURE;
        }
    };
    if format == "json" {
        println!("{}", xtask::diff::json(&report));
    } else {
        print!("{}", xtask::diff::markdown(&report));
    }
    match fail_on {
        Some(level) if report.fails(level) => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}
