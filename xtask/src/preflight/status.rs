//! Response status keys as progenitor groups them.

/// A status key as progenitor groups it.
#[derive(Clone, Copy)]
pub(crate) enum Status {
    Code(u16),
    Range(u16),
    Default,
}

impl Status {
    /// Whether progenitor counts the status among successes (`default` counts both ways).
    pub(crate) fn is_success(self) -> bool {
        matches!(
            self,
            Status::Default | Status::Code(101) | Status::Code(200..=299) | Status::Range(2)
        )
    }

    /// Whether progenitor counts the status among errors.
    pub(crate) fn is_error(self) -> bool {
        matches!(
            self,
            Status::Default | Status::Code(400..=599) | Status::Range(4..=5)
        )
    }
}

/// The status key `code` (`404`, `4XX`, `default`), or `None` when it is not one.
pub(crate) fn parse_status(code: &str) -> Option<Status> {
    if code == "default" {
        return Some(Status::Default);
    }
    if let Some(first) = code.strip_suffix("XX") {
        return first
            .parse()
            .ok()
            .filter(|d| (1..=5).contains(d))
            .map(Status::Range);
    }
    code.parse()
        .ok()
        .filter(|c| (100..=599).contains(c))
        .map(Status::Code)
}
