//! What is checked before anything is sent: a request against its provider's rules.

use std::fmt::Display;

use crate::error::{Error, ErrorKind, shown};
use crate::refund::{RefundRequest, Target};
use crate::rules::{Rules, TargetKind};

/// `value` as the generated type of the request field `name`, through that type's own checks
/// (length, pattern, enum); refused before sending, naming the field and the value.
pub(crate) fn field<T>(name: &str, value: &str) -> Result<T, Error>
where
    T: for<'a> TryFrom<&'a str, Error: Display>,
{
    T::try_from(value).map_err(|e| {
        Error::invalid_input(format!(
            "`{name}` {} is not accepted by the provider's schema: {e}",
            shown(value)
        ))
    })
}

/// A request checked against the provider's rules, before anything is sent.
pub(crate) struct Checked {
    /// What the target is.
    pub kind: TargetKind,
    /// The target's id, trimmed.
    pub id: String,
    /// The reason as the provider writes it.
    pub reason: Option<String>,
}

/// Checks a request against what the provider can do and write, before anything is sent: the
/// target's kind, the amount's representation, the reason, the note and the reference.
pub(crate) fn check(rules: &Rules, request: &RefundRequest) -> Result<Checked, Error> {
    let provider = rules.provider;
    let capabilities = rules.capabilities;
    let refused = |error: Error| error.with_provider(provider);
    request.validate().map_err(refused)?;
    let unsupported = |what: &str| {
        Err(refused(Error::new(
            ErrorKind::Unsupported,
            format!("{provider} cannot {what}"),
        )))
    };
    let kind = classify(rules, &request.target).map_err(refused)?;
    match kind {
        TargetKind::Payment if !capabilities.refunds_payments => {
            return unsupported("refund a payment by id; pass the capture");
        }
        TargetKind::Capture if !capabilities.refunds_captures => {
            return unsupported("refund a capture by id; pass the payment");
        }
        _ => {}
    }
    if request.amount.is_none() && !capabilities.full_refund_without_amount {
        return unsupported("refund the rest without an amount; pass the amount");
    }
    if request.note_to_payer.is_some() && !capabilities.note_to_payer {
        return unsupported("carry a note to the payer; leave it out");
    }
    if request.merchant_reference.is_some() && !capabilities.merchant_reference {
        return unsupported("carry a merchant reference; leave it out");
    }
    if let Some(amount) = request.amount {
        rules.amounts.to_units(amount).map_err(refused)?;
    }
    let reason = request
        .reason
        .as_ref()
        .map(|reason| rules.reasons.value(reason))
        .transpose()
        .map_err(refused)?;
    Ok(Checked {
        kind,
        id: request.target.id().to_owned(),
        reason,
    })
}

/// What a target is: a payment or capture as it says, a plain id by the rules' prefixes, or by
/// the only kind the provider refunds.
fn classify(rules: &Rules, target: &Target) -> Result<TargetKind, Error> {
    let id = match target {
        Target::Payment(_) => return Ok(TargetKind::Payment),
        Target::Capture(_) => return Ok(TargetKind::Capture),
        Target::Id(id) => id.trim(),
    };
    let capabilities = rules.capabilities;
    rules
        .id_prefixes
        .iter()
        .find(|(prefix, _)| id.starts_with(prefix))
        .map(|(_, kind)| *kind)
        .or(
            match (capabilities.refunds_payments, capabilities.refunds_captures) {
                (true, false) => Some(TargetKind::Payment),
                (false, true) => Some(TargetKind::Capture),
                _ => None,
            },
        )
        .ok_or_else(|| {
            Error::invalid_input(format!(
                "cannot tell whether {} is a payment or a capture; pass Target::Payment or Target::Capture",
                shown(id)
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IdempotencyKey;
    use crate::provider::Provider;
    use crate::refund::Capabilities;

    /// Stripe's targets: `pi_` payment intents and `ch_` charges.
    const PREFIXED: Rules = Rules {
        id_prefixes: &[("pi_", TargetKind::Payment), ("ch_", TargetKind::Capture)],
        ..crate::fake::RULES
    };

    fn kind_of(rules: &Rules, id: &str) -> Result<TargetKind, Error> {
        let key = IdempotencyKey::new("k").unwrap();
        let request = RefundRequest::new(Provider::Fake, Target::Id(id.into()), None, key);
        check(rules, &request).map(|checked| checked.kind)
    }

    #[test]
    fn plain_ids_are_classified_by_prefix_or_by_the_only_kind_refunded() {
        assert_eq!(kind_of(&PREFIXED, "pi_3MtwBw").unwrap(), TargetKind::Payment);
        assert_eq!(kind_of(&PREFIXED, "ch_3MmlLr").unwrap(), TargetKind::Capture);
        let error = kind_of(&PREFIXED, "py_3MmlLr").unwrap_err();
        assert_eq!(error.kind(), &ErrorKind::InvalidInput);
        assert_eq!(error.outcome(), crate::Outcome::NotSent);

        let payments_only = Rules {
            capabilities: Capabilities {
                refunds_captures: false,
                ..crate::fake::RULES.capabilities
            },
            ..crate::fake::RULES
        };
        assert_eq!(kind_of(&payments_only, "anything").unwrap(), TargetKind::Payment);
    }
}
