//! Which provider and which account of it: the names everything else refers to. Depends on
//! nothing else in the crate.

use std::fmt;
use std::str::FromStr;

/// Declares [`Provider`] from the one table of providers in [`crate::providers`].
macro_rules! declare_provider {
    ($($module:ident $variant:ident $name:literal $krate:ident $doc:literal;)*) => {
        /// The providers the facade speaks to: those whose cargo feature is enabled, and the
        /// in-memory fake.
        ///
        /// Its text form (Display and [`FromStr`]) is the provider's name, also its cargo feature
        /// and module name (`paypal`), and the default [`Account`] of an adapter added unnamed.
        ///
        /// ```
        /// use payspec::Provider;
        ///
        /// assert_eq!(Provider::Fake.to_string(), "fake");
        /// assert_eq!("fake".parse::<Provider>(), Ok(Provider::Fake));
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Provider {
            $(
                #[doc = $doc]
                #[cfg(feature = $name)]
                $variant,
            )*
            /// The in-memory [`crate::fake::FakeProvider`].
            Fake,
        }

        impl Provider {
            /// Every provider this build knows, the fake last.
            pub const ALL: &'static [Provider] = &[
                $(
                    #[cfg(feature = $name)]
                    Provider::$variant,
                )*
                Provider::Fake,
            ];

            /// The provider's name: its cargo feature and module (`paypal`).
            pub const fn name(self) -> &'static str {
                match self {
                    $(
                        #[cfg(feature = $name)]
                        Provider::$variant => $name,
                    )*
                    Provider::Fake => "fake",
                }
            }
        }
    };
}

crate::providers::with_providers!(declare_provider);

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A provider name this build does not know (misspelt, or its cargo feature is off).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownProvider(pub String);

impl fmt::Display for UnknownProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = Provider::ALL.iter().map(|p| p.name()).collect();
        write!(
            f,
            "unknown provider `{}`: this build knows {}",
            self.0.escape_debug(),
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownProvider {}

impl FromStr for Provider {
    type Err = UnknownProvider;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Provider::ALL
            .iter()
            .copied()
            .find(|p| p.name() == name)
            .ok_or_else(|| UnknownProvider(name.to_owned()))
    }
}

/// The name an application gives one configured adapter, so that several accounts of one
/// provider (two PayPal merchant accounts, say) can sit side by side in a
/// [`Payspec`](crate::Payspec). An adapter added without a name is the account named after its
/// provider, so `Account::from(Provider::PayPal)` is `"paypal"`.
///
/// ```
/// use payspec::{Account, Provider};
///
/// assert_eq!(Account::from(Provider::Fake), Account::from("fake"));
/// assert_eq!(Account::from("paypal-eu").as_str(), "paypal-eu");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Account(String);

impl Account {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Provider> for Account {
    fn from(provider: Provider) -> Self {
        Account(provider.name().to_owned())
    }
}

impl From<&str> for Account {
    fn from(name: &str) -> Self {
        Account(name.to_owned())
    }
}

impl From<String> for Account {
    fn from(name: String) -> Self {
        Account(name)
    }
}

impl From<&Account> for Account {
    fn from(account: &Account) -> Self {
        account.clone()
    }
}
