//! The target ids that choose what the fake does with a refund.

use std::time::Duration;

use crate::error::{DeclineReason, Error, ErrorKind};
use crate::refund::RefundStatus;

/// What a target id asks the fake for.
pub(super) enum Magic {
    /// Make the refund with this status.
    Made(RefundStatus),
    /// Make nothing and fail so.
    Refused(Error),
    /// Make the refund but answer that the outcome is unknown.
    MadeUnanswered,
    /// Make the refund but report one minor unit less than requested.
    MadeShort,
}

/// What `id` asks for; an id with no meaning is a payment that does not exist.
pub(super) fn magic(id: &str) -> Magic {
    let refused = |kind, message: &str| Magic::Refused(Error::new(kind, message));
    let declined = |reason: DeclineReason| {
        Magic::Refused(Error::new(
            ErrorKind::Declined(reason),
            format!("declined: {reason:?}"),
        ))
    };
    match id {
        "fake_succeeded" => Magic::Made(RefundStatus::Succeeded),
        "fake_pending" => Magic::Made(RefundStatus::Pending),
        "fake_failed" => Magic::Made(RefundStatus::Failed),
        "fake_review" => Magic::Made(RefundStatus::RequiresReview),
        "fake_requires_action" => Magic::Made(RefundStatus::RequiresAction),
        "fake_declined_exceeds" => declined(DeclineReason::ExceedsRefundableAmount),
        "fake_declined_refunded" => declined(DeclineReason::AlreadyFullyRefunded),
        "fake_declined_window" => declined(DeclineReason::RefundWindowExpired),
        "fake_declined_not_captured" => declined(DeclineReason::NotCaptured),
        "fake_declined_disputed" => declined(DeclineReason::Disputed),
        "fake_declined_currency" => declined(DeclineReason::CurrencyMismatch),
        "fake_conflict" => refused(ErrorKind::Conflict, "a refund with this key is in flight"),
        "fake_rate_limited" => Magic::Refused(
            Error::new(ErrorKind::RateLimited, "slow down")
                .with_retry_after(Some(Duration::from_secs(1))),
        ),
        "fake_transient" => refused(ErrorKind::Transient, "temporarily unavailable"),
        "fake_outcome_unknown" => Magic::MadeUnanswered,
        "fake_integrity" => Magic::MadeShort,
        other => Magic::Refused(Error::new(
            ErrorKind::NotFound,
            format!("no payment {}", crate::error::shown(other)),
        )),
    }
}

/// The fake's own status value for `status`, as a provider would spell it.
pub(super) fn raw_status(status: RefundStatus) -> &'static str {
    match status {
        RefundStatus::Pending => "PENDING",
        RefundStatus::Succeeded => "SUCCEEDED",
        RefundStatus::Failed => "FAILED",
        RefundStatus::Cancelled => "CANCELLED",
        RefundStatus::RequiresReview => "REQUIRES_REVIEW",
        RefundStatus::RequiresAction => "REQUIRES_ACTION",
    }
}
