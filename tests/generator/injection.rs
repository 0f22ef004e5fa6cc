//! Values from a spec cannot add to or break the generated manifest: strings are escaped, and a
//! file name that cannot name a crate is refused. (A crate version that is not semver is a
//! broken-spec fixture: `fixtures/broken/hostile_crate_version.yaml`.)

use xtask::generate;

const SPEC: &str = r#"openapi: 3.0.3
info:
  title: "Evil \"quoted\" API\n[dependencies]\nevil = { path = \"/\" }"
  version: "1"
paths:
  /refunds:
    get:
      operationId: listRefunds
      summary: List refunds
      responses:
        '200': {description: ok}
        '400': {description: invalid}
"#;

fn contents<'a>(files: &'a [generate::GeneratedFile], name: &str) -> &'a str {
    let file = files.iter().find(|f| f.path.ends_with(name));
    &file.expect("the file is generated").contents
}

#[test]
fn a_title_with_quotes_and_lines_stays_inside_the_description() {
    let spec = xtask::spec::parse("specs/evil.yaml", "evil", SPEC).expect("a valid spec");
    let files = generate::crate_files(&spec).expect("it generates");
    let manifest = contents(&files, "Cargo.toml");
    let description = manifest
        .lines()
        .find(|line| line.starts_with("description = "))
        .unwrap();
    assert_eq!(
        description,
        r#"description = "Typed Rust client for the Evil \"quoted\" API\n[dependencies]\nevil = { path = \"/\" }, generated from payspec's OpenAPI spec.""#
    );
    assert_eq!(manifest.matches("[dependencies]").count(), 2, "{manifest}");
    assert!(
        !manifest.lines().any(|line| line.starts_with("evil")),
        "{manifest}"
    );
}

#[test]
fn a_file_name_that_cannot_name_a_crate_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("specs")).unwrap();
    std::fs::write(dir.path().join("specs/Evil\"Name.yaml"), SPEC).unwrap();
    let error = generate::regenerate(dir.path(), &[]).expect_err("the name is refused");
    assert_eq!(
        error.to_string().lines().next().unwrap(),
        "specs/Evil\"Name.yaml#: the file name `Evil\"Name` cannot name the crate \
         `payspec-Evil\"Name`: use lower-case ASCII letters, digits, `-` and `_`, starting with a \
         letter or digit (at most 56 characters)"
    );
    assert!(
        !dir.path().join("generated").exists(),
        "nothing was written"
    );
}

/// The README is compiled as the crate's doc page: a description cannot add a code block to it.
#[test]
fn a_description_cannot_add_code_to_the_readme() {
    let spec = SPEC.replace(
        "  version: \"1\"\n",
        "  version: \"1\"\n  description: \"Intro.\\n```rust\\nstd::process::exit(1);\\n```\\n\\n    indented();\"\n",
    );
    let spec = xtask::spec::parse("specs/evil.yaml", "evil", &spec).expect("a valid spec");
    let files = generate::crate_files(&spec).expect("it generates");
    let readme = contents(&files, "README.md");
    assert!(readme.contains("\nIntro.\n\\```rust\n"), "{readme}");
    assert!(readme.contains("\nindented();\n"), "{readme}");
    // Only the generator's own block (the `[dependencies]` line) remains.
    let fences = readme.lines().filter(|line| line.starts_with("```"));
    assert_eq!(fences.count(), 2, "{readme}");
}
