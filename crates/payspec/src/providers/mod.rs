//! One adapter per provider, each mapping the facade's request onto the generated client and the
//! provider's answers (statuses, amounts, error bodies) back, by its provider's declared
//! [`Rules`]. No HTTP code lives here.
//!
//! The set of providers is declared once, in `with_providers!`: the [`Provider`] enum, its
//! names, the adapter modules, [`clients`] and [`rules`] all follow from that table, each
//! provider behind the cargo feature of its name.

use crate::provider::Provider;
use crate::rules::Rules;

/// The one table of providers: module (and adapter file), `Provider` variant, name (also its
/// cargo feature), generated crate, and a line of documentation. Calls `$then!` with the rows.
macro_rules! with_providers {
    ($then:ident) => {
        $then! {
            adyen Adyen "adyen" payspec_adyen "Adyen Checkout v71.";
            cybersource CyberSource "cybersource" payspec_cybersource "CyberSource REST payments.";
            gr4vy Gr4vy "gr4vy" payspec_gr4vy "Gr4vy.";
            maverick Maverick "maverick" payspec_maverick "Maverick Payments.";
            paypal PayPal "paypal" payspec_paypal "PayPal Payments v2.";
            stripe Stripe "stripe" payspec_stripe "Stripe.";
        }
    };
}
pub(crate) use with_providers;

/// Declares each enabled provider's adapter module, its generated client and its rules, and
/// the code the adapters share (parts of which a build without some providers leaves unused).
macro_rules! declare_modules {
    ($($module:ident $variant:ident $name:literal $krate:ident $doc:literal;)*) => {
        #[cfg_attr(not(all($(feature = $name),*)), allow(dead_code))]
        pub(crate) mod call;
        #[cfg_attr(not(all($(feature = $name),*)), allow(dead_code))]
        pub(crate) mod check;
        #[cfg_attr(not(all($(feature = $name),*)), allow(dead_code))]
        mod settle;

        $(
            #[cfg(feature = $name)]
            pub mod $module;
        )*

        /// The generated client of each enabled provider, so applications need not depend on
        /// the generated crates themselves: `payspec::clients::paypal::Client`.
        pub mod clients {
            $(
                #[doc = $doc]
                #[cfg(feature = $name)]
                pub use $krate as $module;
            )*
        }

        /// The rules `provider`'s adapter follows.
        ///
        /// ```
        /// use payspec::Provider;
        ///
        /// assert_eq!(payspec::providers::rules(Provider::Fake).provider, Provider::Fake);
        /// ```
        pub fn rules(provider: Provider) -> &'static Rules {
            match provider {
                $(
                    #[cfg(feature = $name)]
                    Provider::$variant => &$module::RULES,
                )*
                Provider::Fake => &crate::fake::RULES,
            }
        }
    };
}
with_providers!(declare_modules);
