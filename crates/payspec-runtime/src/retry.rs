//! Retry decisions as values: pure functions of what happened, the attempt and the elapsed time,
//! so the policy is testable without a network.

use std::time::{Duration, SystemTime};

/// How a client retries. Money-moving requests are retried only when they carry an idempotency
/// key (the same key on every attempt) or when nothing was sent (a failed connect).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// No retry starts after this much time since the first attempt.
    pub max_elapsed: Duration,
    /// The first backoff; each later one doubles, with jitter.
    pub base_delay: Duration,
    /// The longest backoff, and the longest `Retry-After` honoured.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            max_elapsed: Duration::from_secs(30),
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }
}

/// What a 5xx answered to a request carrying an idempotency key means (the spec's
/// `info.x-payspec-keyed-server-error`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyedServerError {
    /// Nothing was stored under the key: the request may be sent again with it.
    #[default]
    Resend,
    /// The provider stored the 5xx under the key and replays it (Stripe): not retried, since
    /// resending would only replay it. The answer comes back as it came (body, status and request
    /// id), and its outcome is unknown: the caller finds out before sending again (the facade
    /// classifies it so).
    Unknown,
}

/// What one attempt ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// The connection could not be made: nothing was sent.
    ConnectFailed,
    /// The request may have been sent (timeout, connection dropped): its outcome is unknown.
    SendFailed,
    /// The server answered.
    Answered {
        /// HTTP status.
        status: u16,
        /// The `Retry-After` delay, when the server sent one.
        retry_after: Option<Duration>,
        /// The provider's own word on retrying (its retry-hint header, or its rule for a 5xx
        /// under an idempotency key); overrides the status rules.
        hint: Option<bool>,
    },
}

/// Whether to try again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send the same request again.
    RetryAfter(Duration),
    /// Return this attempt's result to the caller.
    Stop,
}

impl RetryPolicy {
    /// Decides after attempt number `attempt` (1-based) ended with `outcome`. `idempotent` says
    /// whether sending the request twice is safe (a read, or a write carrying an idempotency key);
    /// a provider's hint never makes an unsafe request retried.
    pub fn decide(
        &self,
        outcome: Attempt,
        attempt: u32,
        elapsed: Duration,
        idempotent: bool,
    ) -> Decision {
        if attempt >= self.max_attempts {
            return Decision::Stop;
        }
        let (retryable, retry_after) = match outcome {
            Attempt::ConnectFailed => (true, None),
            Attempt::SendFailed => (idempotent, None),
            // 425: Gr4vy's "a request with this idempotency key is still in flight".
            Attempt::Answered {
                status,
                retry_after,
                hint,
            } => (
                idempotent && hint.unwrap_or(matches!(status, 425 | 429 | 500 | 502 | 503 | 504)),
                retry_after,
            ),
        };
        if !retryable {
            return Decision::Stop;
        }
        let delay = match retry_after {
            Some(wait) if wait > self.max_delay => return Decision::Stop,
            Some(wait) => wait,
            None => self.backoff(attempt),
        };
        if elapsed + delay > self.max_elapsed {
            return Decision::Stop;
        }
        Decision::RetryAfter(delay)
    }

    /// Exponential backoff with jitter: between half and all of `base * 2^(attempt-1)`, capped.
    fn backoff(&self, attempt: u32) -> Duration {
        let exponential = self
            .base_delay
            .saturating_mul(1 << attempt.saturating_sub(1).min(16));
        let ceiling = exponential.min(self.max_delay);
        let half = ceiling / 2;
        half + half.mul_f64(crate::random::fraction())
    }
}

/// Parses `Retry-After`: delay seconds or an HTTP date (relative to `now`).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    fn answered(status: u16) -> Attempt {
        Attempt::Answered {
            status,
            retry_after: None,
            hint: None,
        }
    }

    fn hinted(status: u16, hint: bool) -> Attempt {
        Attempt::Answered {
            status,
            retry_after: None,
            hint: Some(hint),
        }
    }

    #[test]
    fn decisions() {
        let policy = RetryPolicy::default();
        let retries = |outcome, idempotent| {
            matches!(
                policy.decide(outcome, 1, Duration::ZERO, idempotent),
                Decision::RetryAfter(_)
            )
        };
        // (what happened, idempotent, retried)
        let table = [
            (Attempt::ConnectFailed, false, true),
            (Attempt::ConnectFailed, true, true),
            (Attempt::SendFailed, false, false),
            (Attempt::SendFailed, true, true),
            (answered(503), false, false),
            (answered(503), true, true),
            (answered(502), true, true),
            (answered(429), true, true),
            (answered(425), true, true),
            (answered(429), false, false),
            (answered(400), true, false),
            (answered(401), true, false),
            (answered(409), true, false),
            (answered(422), true, false),
            (answered(201), true, false),
            // The provider's hint decides for safe requests only.
            (hinted(503, false), true, false),
            (hinted(409, true), true, true),
            (hinted(409, true), false, false),
            (hinted(400, true), true, true),
        ];
        for (outcome, idempotent, expected) in table {
            assert_eq!(
                retries(outcome, idempotent),
                expected,
                "{outcome:?} idempotent={idempotent}"
            );
        }
    }

    #[test]
    fn attempts_and_time_are_bounded() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.decide(Attempt::ConnectFailed, 3, Duration::ZERO, true),
            Decision::Stop
        );
        assert_eq!(
            policy.decide(Attempt::ConnectFailed, 1, 30 * SECOND, true),
            Decision::Stop
        );
        assert_eq!(
            RetryPolicy::none().decide(Attempt::ConnectFailed, 1, Duration::ZERO, true),
            Decision::Stop
        );
    }

    #[test]
    fn retry_after_is_honoured_within_the_bounds() {
        let policy = RetryPolicy::default();
        let after = |wait| Attempt::Answered {
            status: 429,
            retry_after: Some(wait),
            hint: None,
        };
        assert_eq!(
            policy.decide(after(2 * SECOND), 1, Duration::ZERO, true),
            Decision::RetryAfter(2 * SECOND)
        );
        assert_eq!(
            policy.decide(after(60 * SECOND), 1, Duration::ZERO, true),
            Decision::Stop
        );
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let policy = RetryPolicy {
            max_attempts: 10,
            max_elapsed: 100 * SECOND,
            ..RetryPolicy::default()
        };
        for attempt in 1..=8 {
            let Decision::RetryAfter(delay) =
                policy.decide(Attempt::ConnectFailed, attempt, Duration::ZERO, true)
            else {
                panic!("attempt {attempt} is retried");
            };
            let ceiling = (policy.base_delay * (1 << (attempt - 1))).min(policy.max_delay);
            assert!(
                delay >= ceiling / 2 && delay <= ceiling,
                "attempt {attempt}: {delay:?} vs {ceiling:?}"
            );
        }
    }

    #[test]
    fn retry_after_formats() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("7", now), Some(7 * SECOND));
        assert_eq!(
            parse_retry_after("Tue, 14 Nov 2023 22:13:23 GMT", now),
            Some(3 * SECOND)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
