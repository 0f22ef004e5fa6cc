use std::path::Path;

use xtask::generate::{self, Drift};

fn root() -> std::path::PathBuf {
    xtask::workspace_root()
}

#[test]
fn generated_matches_the_specs() {
    let plan = generate::plan(&root(), &[]).expect("the specs are valid");
    let drift = generate::drift(&root(), &plan);
    assert!(
        drift.is_empty(),
        "generated/ is stale, run `cargo xtask gen`:\n{drift:#?}"
    );
}

#[test]
fn generation_is_deterministic() {
    let first = generate::plan(&root(), &[]).unwrap();
    let second = generate::plan(&root(), &[]).unwrap();
    assert_eq!(first.files, second.files);
}

/// Every generated file is pinned: a change to a spec or to the generator is a snapshot diff.
/// (The licence files are the repository's own, copied.) Every file is compared before the test
/// fails, so a new provider's snapshots are all written in one run for review.
#[test]
fn generated_files_snapshots() {
    let plan = generate::plan(&root(), &[]).unwrap();
    let mut failed = Vec::new();
    for file in plan.files.iter().filter(|f| !is_license(&f.path)) {
        let name = file
            .path
            .strip_prefix("generated")
            .unwrap()
            .display()
            .to_string()
            .replace('/', "__");
        let compared = std::panic::catch_unwind(|| {
            insta::assert_snapshot!(name.as_str(), file.contents.as_str());
        });
        if compared.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "snapshots to review: {failed:?} (`cargo insta review`)"
    );
}

fn is_license(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with("LICENSE-"))
}

/// A copy of the workspace's specs and generated/ in a temporary directory.
fn scratch_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("specs"), &dir.path().join("specs"));
    copy_tree(&root().join("generated"), &dir.path().join("generated"));
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_dir() {
            if entry.file_name() != "target" {
                copy_tree(&entry.path(), &to.join(entry.file_name()));
            }
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn check_reports_a_stale_file_with_a_diff_and_a_hand_added_file() {
    let dir = scratch_copy();
    let lib = dir.path().join("generated/paypal/src/lib.rs");
    let edited = std::fs::read_to_string(&lib)
        .unwrap()
        .replace("pub fn get_refund(", "pub fn fetch_refund(");
    std::fs::write(&lib, edited).unwrap();
    std::fs::write(
        dir.path().join("generated/paypal/src/extra.rs"),
        "// by hand\n",
    )
    .unwrap();

    let plan = generate::plan(dir.path(), &[]).unwrap();
    let drift = generate::drift(dir.path(), &plan);
    assert_eq!(drift.len(), 2, "{drift:#?}");
    match &drift[0] {
        Drift::Changed { path, diff } => {
            assert_eq!(path, Path::new("generated/paypal/src/lib.rs"));
            assert!(
                diff.contains("-    pub fn fetch_refund(")
                    && diff.contains("+    pub fn get_refund("),
                "{diff}"
            );
        }
        other => panic!("expected a changed file, got {other:?}"),
    }
    assert_eq!(
        drift[1],
        Drift::Orphan("generated/paypal/src/extra.rs".into())
    );

    let (_, changed) = generate::regenerate(dir.path(), &[]).unwrap();
    assert_eq!(changed.len(), 2);
    assert!(generate::drift(dir.path(), &generate::plan(dir.path(), &[]).unwrap()).is_empty());
}

#[test]
fn one_provider_can_be_regenerated_alone() {
    let dir = scratch_copy();
    std::fs::remove_file(dir.path().join("generated/gr4vy/README.md")).unwrap();
    std::fs::remove_file(dir.path().join("generated/paypal/README.md")).unwrap();
    let (plan, changed) = generate::regenerate(dir.path(), &["gr4vy".to_owned()]).unwrap();
    // Cargo.toml, README.md, src/lib.rs and the two licence files.
    assert_eq!(plan.files.len(), 5);
    assert_eq!(
        changed,
        vec![Path::new("generated/gr4vy/README.md").to_path_buf()]
    );
    assert!(!dir.path().join("generated/paypal/README.md").exists());
}
