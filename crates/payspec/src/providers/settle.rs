//! When a search that finds no refund for a request may be believed. A provider's records can
//! lag behind its answers, and a request that timed out may still be processed after the client
//! gave up; so "not made" waits until `lag` has passed since this process last sent the request,
//! or, when it has no record of sending it (after a restart), since it first looked.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::refund::Resolution;

/// Records are dropped this long after their settling time, so the map stays small.
const KEEP: Duration = Duration::from_secs(3600);

#[derive(Debug)]
pub(crate) struct Settle {
    lag: Duration,
    since: Mutex<HashMap<String, Instant>>,
}

impl Settle {
    pub(crate) fn new(lag: Duration) -> Self {
        Settle {
            lag,
            since: Mutex::new(HashMap::new()),
        }
    }

    /// The request marked `reference` is being sent now.
    pub(crate) fn sent(&self, reference: &str) {
        let now = Instant::now();
        let mut since = self.since.lock().unwrap_or_else(|p| p.into_inner());
        since.retain(|_, at| now.duration_since(*at) < self.lag + KEEP);
        since.insert(reference.to_owned(), now);
    }

    /// What a search that found nothing for `reference` means: not made once the lag has
    /// passed, else ask again when it will have.
    pub(crate) fn not_found(&self, reference: &str) -> Resolution {
        let now = Instant::now();
        let mut since = self.since.lock().unwrap_or_else(|p| p.into_inner());
        let at = *since.entry(reference.to_owned()).or_insert(now);
        match self.lag.checked_sub(now.duration_since(at)) {
            Some(left) if !left.is_zero() => Resolution::Pending(left),
            _ => Resolution::NotMade,
        }
    }
}
