//! The deprecation policy: removing an operation or parameter is breaking unless it was
//! deprecated with an `x-sunset` date that has passed; then it is reported as information.

use std::time::{SystemTime, UNIX_EPOCH};

use super::Level;

/// The level and reason for removing something `deprecated` with `sunset` (`YYYY-MM-DD`).
pub(super) fn removal(deprecated: bool, sunset: Option<&str>) -> (Level, String) {
    match (deprecated, sunset) {
        (true, Some(date)) if date < today().as_str() => (
            Level::Info,
            format!("deprecated, and its sunset date {date} has passed: callers had notice"),
        ),
        (true, Some(date)) => (
            Level::Breaking,
            format!("deprecated, but removed before its sunset date {date}: callers still use it"),
        ),
        (true, None) => (
            Level::Breaking,
            "deprecated without an `x-sunset` date, so callers had no date to migrate by".into(),
        ),
        (false, _) => (
            Level::Breaking,
            "removed without deprecation: callers using it now fail".into(),
        ),
    }
}

/// A deprecation (or its reversal) as information, naming the sunset date.
pub(super) fn deprecation(became: bool, sunset: Option<&str>) -> (String, String) {
    if became {
        let when = sunset.map_or_else(
            || "no `x-sunset` date yet".to_owned(),
            |d| format!("sunset {d}"),
        );
        (
            "deprecated".into(),
            format!("still served; callers should migrate ({when})"),
        )
    } else {
        (
            "no longer deprecated".into(),
            "callers may keep using it".into(),
        )
    }
}

/// Today's UTC date as `YYYY-MM-DD`.
fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_a_plausible_date() {
        let today = today();
        assert_eq!(today.len(), 10, "{today}");
        assert!(today.as_str() > "2024-01-01" && today.as_str() < "2200-01-01");
    }

    #[test]
    fn only_a_passed_sunset_makes_removal_informational() {
        assert_eq!(removal(true, Some("2001-01-01")).0, Level::Info);
        assert_eq!(removal(true, Some("2999-01-01")).0, Level::Breaking);
        assert_eq!(removal(true, None).0, Level::Breaking);
        assert_eq!(removal(false, Some("2001-01-01")).0, Level::Breaking);
    }
}
