//! `cargo xtask <command>`: see `cargo xtask help`.

use std::process::ExitCode;

use xtask::generate::{self, Drift};
use xtask::spec::Mode;

/// Generation builds and drops millions of small syntax nodes; mimalloc does that in a fraction
/// of the system allocator's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: cargo xtask gen [--check] [--strict] [<provider>...]
       cargo xtask lint [<provider>...]
       cargo xtask diff [--base <git ref>] [--format markdown|json] [--fail-on breaking|warning]
       cargo xtask audit <provider> <reference> [--format markdown|json] [--fail-under <percent>]
       cargo xtask import <provider> <reference> --op 'METHOD /path' [--op ...] [--force]

  gen               regenerate generated/<provider>/ from specs/<provider>.yaml (all providers by default)
  gen --check       change nothing; fail and show a diff when generated/ differs from the specs
  gen --strict      also stop on documentation findings (summaries, error responses, examples),
                    which gen otherwise prints as warnings and lint reports as errors
  lint              check the specs (what gen needs, examples, patterns, names, unused parts);
                    fails on errors, reports warnings
  diff              review spec changes against a git ref (default: main, or HEAD on main):
                    contract changes, generated Rust API changes, semver bumps, risks
  audit             compare specs/<provider>.yaml with the provider's reference (OpenAPI 3.0/3.1
                    or Swagger 2.0, JSON or YAML): coverage per operation, differences, and
                    response schemas stricter than the reference's
  import            start specs/<provider>.yaml from a reference: the given operations and every
                    schema they use, lowered to OpenAPI 3.0.3, without prose, TODO where a person
                    must decide (refuses to replace an existing spec without --force)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen") => run_gen(&args[1..]),
        Some("lint") => run_lint(&args[1..]),
        Some("diff") => run_diff(&args[1..]),
        Some("audit") => run_audit(&args[1..]),
        Some("import") => run_import(&args[1..]),

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
    let mode = if args.iter().any(|a| a == "--strict") {
        Mode::Strict
    } else {
        Mode::Lenient
    };
    let providers: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .collect();
    if let Some(unknown) = args
        .iter()
        .find(|a| a.starts_with("--") && !matches!(a.as_str(), "--check" | "--strict"))
    {
        eprintln!("unknown option `{unknown}`\n{USAGE}");
        return ExitCode::from(2);
    }
    let root = workspace();
    if !check {
        let result = generate::regenerate_with(&root, &providers, mode);
        if let Ok((plan, _)) = &result {
            print_warnings(plan);
        }
        return match result {
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
    let plan = match generate::plan_with(&root, &providers, mode) {
        Ok(plan) => plan,
        Err(diagnostics) => {
            eprintln!("{}", generate::Error::Specs(diagnostics));
            return ExitCode::FAILURE;
        }
    };
    print_warnings(&plan);
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

/// The findings that did not stop generation, and lowering notes.
fn print_warnings(plan: &generate::Plan) {
    for line in &plan.warnings {
        eprintln!("{line}");
    }
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
        let checked = xtask::lint::lint_file(&root, provider);
        for note in &checked.notes {
            eprintln!("specs/{provider}.yaml: note: {note}");
        }
        for finding in checked.findings {
            match finding.severity() {
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

fn run_audit(args: &[String]) -> ExitCode {
    let (mut positional, mut format, mut fail_under) = (Vec::new(), "markdown".to_owned(), None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match (arg.as_str(), rest.clone().next()) {
            ("--format", Some(v)) if v == "markdown" || v == "json" => format = v.clone(),
            ("--fail-under", Some(v)) if v.parse::<f64>().is_ok() => fail_under = v.parse().ok(),
            (flag, _) if flag.starts_with("--") => return usage_error(arg),
            _ => {
                positional.push(arg.clone());
                continue;
            }
        }
        rest.next();
    }
    let [provider, reference] = positional.as_slice() else {
        return usage_error("audit needs <provider> <reference>");
    };
    let root = workspace();
    let audit = match xtask::audit::run(&root, provider, std::path::Path::new(reference)) {
        Ok(audit) => audit,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if format == "json" {
        println!("{}", xtask::audit::json(&audit));
    } else {
        print!("{}", xtask::audit::markdown(&audit));
    }
    match fail_under {
        Some(percent) if audit.fails_under(percent) => {
            eprintln!("error: coverage is below {percent}%");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

fn run_import(args: &[String]) -> ExitCode {
    let (mut positional, mut operations, mut force) = (Vec::new(), Vec::new(), false);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--op" => match rest.next() {
                Some(op) => operations.push(op.clone()),
                None => return usage_error("--op needs 'METHOD /path'"),
            },
            "--force" => force = true,
            flag if flag.starts_with("--") => return usage_error(flag),
            _ => positional.push(arg.clone()),
        }
    }
    let ([provider, reference], false) = (positional.as_slice(), operations.is_empty()) else {
        return usage_error("import needs <provider> <reference> and at least one --op");
    };
    let root = workspace();
    let reference = std::path::Path::new(reference);
    match xtask::import::run(&root, provider, reference, &operations, force) {
        Ok((file, notes)) => {
            for note in notes {
                eprintln!("note: {note}");
            }
            println!("wrote {}", file.display());
            println!("next: `cargo xtask lint {provider}` lists the TODOs to fill in");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(problem: &str) -> ExitCode {
    eprintln!("unexpected argument `{problem}`\n{USAGE}");
    ExitCode::from(2)
}
