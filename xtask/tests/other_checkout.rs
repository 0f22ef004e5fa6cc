//! One compiled xtask, run in another checkout, works on that checkout alone.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                copy_dir(&entry.path(), &target);
            }
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file below `dir` with its contents, to prove a tree was left untouched.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            files.push((path.clone(), fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

/// The xtask binary, started in `dir` the way a user's shell would (no cargo environment).
fn xtask(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn reads_and_writes_only_the_checkout_it_runs_in() {
    let home = xtask::workspace_root();
    let before = snapshot(&home.join("generated"));
    let copy = tempfile_dir();
    fs::copy(home.join("Cargo.toml"), copy.join("Cargo.toml")).unwrap();
    for dir in ["specs", "generated"] {
        copy_dir(&home.join(dir), &copy.join(dir));
    }

    let fresh = xtask(&copy, &["gen", "--check", "maverick"]);
    assert!(fresh.status.success(), "{}", text(&fresh.stderr));
    assert!(!text(&fresh.stderr).contains("using the workspace"));

    // A change made in the copy alone: the copy is stale, and `gen` from a subdirectory of the
    // copy says which workspace it uses and writes there.
    let spec = copy.join("specs/maverick.yaml");
    let source = fs::read_to_string(&spec).unwrap();
    let changed = source.replacen(
        "title: Maverick Payments",
        "title: Changed in the copy Maverick Payments",
        1,
    );
    assert_ne!(source, changed);
    fs::write(&spec, changed).unwrap();
    let stale = xtask(&copy, &["gen", "--check", "maverick"]);
    assert!(!stale.status.success(), "the copy's own spec was not read");

    let written = xtask(&copy.join("specs"), &["gen", "maverick"]);
    assert!(written.status.success(), "{}", text(&written.stderr));
    assert!(
        text(&written.stderr).contains(&format!("using the workspace at {}", copy.display())),
        "{}",
        text(&written.stderr)
    );
    let readme = fs::read_to_string(copy.join("generated/maverick/README.md")).unwrap();
    assert!(readme.contains("Changed in the copy"));
    assert!(
        xtask(&copy, &["gen", "--check", "maverick"])
            .status
            .success()
    );

    assert!(
        before == snapshot(&home.join("generated")),
        "this checkout was written to"
    );
    fs::remove_dir_all(&copy).unwrap();
}

/// A new empty directory outside this checkout.
fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("payspec-checkout-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}
