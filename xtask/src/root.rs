//! Which checkout a command works on, found when it runs (never when it was compiled: cargo
//! reuses one compiled xtask across checkouts that share a target directory).

use std::path::{Path, PathBuf};

/// The workspace this process works on: the nearest directory, walking up from
/// `CARGO_MANIFEST_DIR` as cargo sets it for `cargo run` and `cargo test` (else from the current
/// directory), whose `Cargo.toml` declares `[workspace]`.
///
/// # Panics
/// When neither place is inside a cargo workspace: the commands and tests cannot work anywhere
/// else, and saying so beats acting on another checkout.
pub fn workspace_root() -> PathBuf {
    let start = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    find_workspace_root(&start).unwrap_or_else(|| {
        panic!(
            "no cargo workspace (a Cargo.toml with [workspace]) at or above {}",
            start.display()
        )
    })
}

/// The nearest directory at or above `start` whose `Cargo.toml` has a `[workspace]` table.
pub fn find_workspace_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| declares_workspace(&dir.join("Cargo.toml")))
        .map(Path::to_path_buf)
}

fn declares_workspace(manifest: &Path) -> bool {
    std::fs::read_to_string(manifest)
        .is_ok_and(|text| text.lines().any(|line| line.trim() == "[workspace]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_up_to_the_manifest_that_declares_the_workspace() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = find_workspace_root(&here.join("src")).expect("inside the workspace");
        assert_eq!(root, here.parent().unwrap());
        assert_eq!(find_workspace_root(Path::new("/")), None);
    }
}
