//! The inbox that verified refund updates are pushed into and waits read from.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

use super::RefundUpdate;
use crate::error::Error;
use crate::provider::Account;
use crate::refund::Refund;
use crate::{PollPolicy, RefundProvider};

/// How many refunds an inbox remembers by default.
const DEFAULT_CAPACITY: usize = 10_000;

/// The latest verified update of each refund, by account and refund id, shared by the webhook endpoint that pushes them
/// and the code that waits for refunds to become final. Cloning shares the inbox.
///
/// It keeps the latest update per refund (a final status is never replaced by a pending one
/// that arrives late) for the most recent `capacity` refunds, so updates that arrive before
/// anyone waits are not lost, and memory stays bounded.
///
/// ```
/// use payspec::webhooks::Notifications;
/// use payspec::Provider;
///
/// let inbox = Notifications::new();
/// assert!(inbox.latest(Provider::Stripe, "re_123").is_none());
/// ```
#[derive(Clone, Debug)]
pub struct Notifications {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    changed: Notify,
    capacity: usize,
}

#[derive(Debug, Default)]
struct State {
    latest: HashMap<(Account, String), RefundUpdate>,
    /// Keys from the oldest to the newest first arrival, for eviction.
    order: VecDeque<(Account, String)>,
}

impl Default for Notifications {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

impl Notifications {
    /// An empty inbox remembering 10 000 refunds.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty inbox remembering the `capacity` (at least one) most recent refunds.
    pub fn with_capacity(capacity: usize) -> Self {
        Notifications {
            shared: Arc::new(Shared {
                state: Mutex::default(),
                changed: Notify::new(),
                capacity: capacity.max(1),
            }),
        }
    }

    /// Records a verified update and wakes the waits.
    pub fn push(&self, update: RefundUpdate) {
        self.extend([update]);
    }

    /// Records verified updates (a verifier's result) and wakes the waits.
    pub fn extend(&self, updates: impl IntoIterator<Item = RefundUpdate>) {
        {
            let mut state = self.state();
            for update in updates {
                let key = (update.account.clone(), update.refund_id.clone());
                match state.latest.get(&key) {
                    Some(known) if known.status.is_final() && !update.status.is_final() => {}
                    Some(_) => {
                        state.latest.insert(key, update);
                    }
                    None => {
                        state.order.push_back(key.clone());
                        state.latest.insert(key, update);
                        if state.order.len() > self.shared.capacity
                            && let Some(oldest) = state.order.pop_front()
                        {
                            state.latest.remove(&oldest);
                        }
                    }
                }
            }
        }
        self.shared.changed.notify_waiters();
    }

    /// The latest update of a refund of `account` (a [`Provider`](crate::Provider) for the
    /// account named after it), if one arrived.
    pub fn latest(&self, account: impl Into<Account>, refund_id: &str) -> Option<RefundUpdate> {
        self.state()
            .latest
            .get(&(account.into(), refund_id.to_owned()))
            .cloned()
    }

    /// Waits for `refund` to become final by notification or by lookup, whichever comes first,
    /// as [`crate::wait_for_final`] does, reading this inbox for providers that report outcomes
    /// by notification.
    ///
    /// # Errors
    /// See [`crate::wait_for_final`].
    pub async fn wait_for_final(
        &self,
        provider: &dyn RefundProvider,
        refund: Refund,
        policy: PollPolicy,
    ) -> Result<Refund, Error> {
        super::wait_for_final(provider, Some(self), refund, policy).await
    }

    /// A wake-up for the next push; it counts from its creation, not from its first poll.
    pub(super) fn changed(&self) -> tokio::sync::futures::Notified<'_> {
        self.shared.changed.notified()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves the maps consistent (each step is one insert or
        // remove), so a poisoned lock is still usable.
        self.shared
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
