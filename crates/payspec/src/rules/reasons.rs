//! Which refund reasons a provider carries, and the value each becomes: a fixed list entry
//! (Stripe's `requested_by_customer`) or free text.

use crate::error::Error;
use crate::refund::RefundReason;

/// What becomes of [`RefundReason::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OtherReason {
    /// It cannot be carried: refused before sending.
    Refused,
    /// Its text is sent as it is.
    Text,
    /// This fixed value is sent (the text is not).
    Fixed(&'static str),
}

/// The value a provider's reason field takes for each [`RefundReason`]; `None` where it cannot
/// carry that reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Reasons {
    /// For [`RefundReason::Duplicate`].
    pub duplicate: Option<&'static str>,
    /// For [`RefundReason::Fraudulent`].
    pub fraudulent: Option<&'static str>,
    /// For [`RefundReason::RequestedByCustomer`].
    pub requested_by_customer: Option<&'static str>,
    /// For [`RefundReason::Other`].
    pub other: OtherReason,
}

impl Reasons {
    /// A provider with no reason field.
    pub const NONE: Reasons = Reasons {
        duplicate: None,
        fraudulent: None,
        requested_by_customer: None,
        other: OtherReason::Refused,
    };

    /// A free-text field: these words for the three known reasons, `Other`'s text as it is.
    pub const fn text(
        duplicate: &'static str,
        fraudulent: &'static str,
        requested_by_customer: &'static str,
    ) -> Self {
        Reasons {
            duplicate: Some(duplicate),
            fraudulent: Some(fraudulent),
            requested_by_customer: Some(requested_by_customer),
            other: OtherReason::Text,
        }
    }

    /// A fixed list: these values, and what `Other` becomes.
    pub const fn fixed(
        duplicate: &'static str,
        fraudulent: &'static str,
        requested_by_customer: &'static str,
        other: OtherReason,
    ) -> Self {
        Reasons {
            duplicate: Some(duplicate),
            fraudulent: Some(fraudulent),
            requested_by_customer: Some(requested_by_customer),
            other,
        }
    }

    /// Whether `reason` can be carried.
    pub fn carries(&self, reason: &RefundReason) -> bool {
        self.value(reason).is_ok()
    }

    /// The value sent for `reason`.
    ///
    /// # Errors
    /// [`ErrorKind::Unsupported`](crate::ErrorKind::Unsupported) when the provider cannot carry
    /// it (nothing is sent).
    pub fn value(&self, reason: &RefundReason) -> Result<String, Error> {
        let value = match reason {
            RefundReason::Duplicate => self.duplicate.map(str::to_owned),
            RefundReason::Fraudulent => self.fraudulent.map(str::to_owned),
            RefundReason::RequestedByCustomer => self.requested_by_customer.map(str::to_owned),
            RefundReason::Other(text) => match self.other {
                OtherReason::Refused => None,
                OtherReason::Text => Some(text.clone()),
                OtherReason::Fixed(value) => Some(value.to_owned()),
            },
        };
        value.ok_or_else(|| {
            Error::new(
                crate::ErrorKind::Unsupported,
                format!("the provider cannot carry the refund reason {reason}; leave it out"),
            )
        })
    }
}
