//! Stripe: refunds of payment intents (`pi_`) and charges (`ch_`) in integer minor units by
//! Stripe's own currency rules, keyed by `Idempotency-Key` ([`RULES`]).

use crate::money::Currency;
use crate::provider::Provider;
use crate::refund::{Capabilities, OutcomeReporting, RefundStatus};
use crate::rules::{
    AmountForm, Amounts, CurrencyRule, Idempotency, OtherReason, Reasons, RequestId, Rules,
    ServerErrors, TargetKind,
};

/// Stripe's semantics: integer minor units, with MGA zero-decimal (ISO: two), ISK with two
/// decimals in whole krónur (ISO: none) and three-decimal currencies in multiples of ten; the
/// fixed reasons `duplicate`, `fraudulent` and `requested_by_customer`; `pi_` payment intents
/// and `ch_` charges; refunds stored under `Idempotency-Key`, a 5xx included (so a 5xx is an
/// unknown outcome, resolved by a search); `Stripe-Should-Retry` hints; every answer carries
/// `Request-Id`. Outcomes by lookup and by `refund.*` webhooks.
pub const RULES: Rules = Rules {
    provider: Provider::Stripe,
    capabilities: Capabilities {
        partial_refunds: true,
        full_refund_without_amount: true,
        outcomes: OutcomeReporting::LookupAndNotification,
        refunds_payments: true,
        refunds_captures: true,
        note_to_payer: false,
        merchant_reference: true,
    },
    amounts: Amounts::iso(AmountForm::Units).except(&[
        CurrencyRule::new(Currency::MGA, 0),
        CurrencyRule::new(Currency::ISK, 2).step(100),
        CurrencyRule::new(Currency::BHD, 3).step(10),
        CurrencyRule::new(Currency::JOD, 3).step(10),
        CurrencyRule::new(Currency::KWD, 3).step(10),
        CurrencyRule::new(Currency::OMR, 3).step(10),
        CurrencyRule::new(Currency::TND, 3).step(10),
    ]),
    reasons: Reasons::fixed(
        "duplicate",
        "fraudulent",
        "requested_by_customer",
        OtherReason::Refused,
    ),
    id_prefixes: &[
        ("pi_", TargetKind::Payment),
        ("ch_", TargetKind::Capture),
        ("py_", TargetKind::Capture),
    ],
    idempotency: Idempotency::Key {
        header: "Idempotency-Key",
        server_errors: ServerErrors::Unknown,
    },
    retry_hint: Some("Stripe-Should-Retry"),
    request_id: RequestId::Header("Request-Id"),
};

/// Stripe's refund status values (`pending`, `requires_action`, `succeeded`, `failed`,
/// `canceled`); any other is still pending.
pub(crate) fn status(raw: &str) -> RefundStatus {
    match raw {
        "succeeded" => RefundStatus::Succeeded,
        "failed" => RefundStatus::Failed,
        "canceled" => RefundStatus::Cancelled,
        "requires_action" => RefundStatus::RequiresAction,
        _ => RefundStatus::Pending,
    }
}
