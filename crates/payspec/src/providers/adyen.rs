//! Adyen Checkout v71: refunds of captured payments by their `pspReference`, in integer minor
//! units by Adyen's own currency table, keyed by `Idempotency-Key` ([`RULES`]).

use crate::money::Currency;
use crate::provider::Provider;
use crate::refund::{Capabilities, OutcomeReporting};
use crate::rules::{
    AmountForm, Amounts, CurrencyRule, Idempotency, OtherReason, Reasons, RequestId, Rules,
    ServerErrors,
};

/// Adyen's semantics: integer minor units, with two decimals for CLP and ISK and none for CVE
/// and IDR; `merchantRefundReason` from its fixed list (`OTHER` for any other reason); the
/// amount is required; modifications stored under `Idempotency-Key` (a 5xx is resent under the
/// same key, as Adyen documents); the answer's `pspReference` is the request's id. A refund is
/// only `received` when answered: its outcome arrives by notification, never by lookup.
pub const RULES: Rules = Rules {
    provider: Provider::Adyen,
    capabilities: Capabilities {
        partial_refunds: true,
        full_refund_without_amount: false,
        outcomes: OutcomeReporting::Notification,
        refunds_payments: true,
        refunds_captures: false,
        note_to_payer: false,
        merchant_reference: false,
    },
    amounts: Amounts::iso(AmountForm::Units).except(&[
        CurrencyRule::new(Currency::CLP, 2),
        CurrencyRule::new(Currency::ISK, 2),
        CurrencyRule::new(Currency::CVE, 0),
        CurrencyRule::new(Currency::IDR, 0),
    ]),
    reasons: Reasons::fixed(
        "DUPLICATE",
        "FRAUD",
        "CUSTOMER REQUEST",
        OtherReason::Fixed("OTHER"),
    ),
    id_prefixes: &[],
    idempotency: Idempotency::Key {
        header: "Idempotency-Key",
        server_errors: ServerErrors::Resend,
    },
    retry_hint: None,
    request_id: RequestId::BodyField("pspReference"),
};
