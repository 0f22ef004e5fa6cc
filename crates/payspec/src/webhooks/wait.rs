//! Waiting for a refund to become final: lookups with backoff, notifications from an inbox, or
//! both, whichever answers first.

use tokio::time::{Instant, sleep_until, timeout_at};

use super::Notifications;
use crate::error::{Error, ErrorKind};
use crate::refund::Refund;
use crate::{PollPolicy, RefundProvider};

/// See [`crate::wait_for_final`]; `inbox` is read when the provider reports by notification.
pub(crate) async fn wait_for_final(
    provider: &dyn RefundProvider,
    inbox: Option<&Notifications>,
    refund: Refund,
    policy: PollPolicy,
) -> Result<Refund, Error> {
    if refund.status.is_final() {
        return Ok(refund);
    }
    let name = provider.provider();
    let reporting = provider.capabilities().outcomes;
    let inbox = inbox.filter(|_| reporting.notification());
    if !reporting.lookup() && inbox.is_none() {
        return Err(Error::new(
            ErrorKind::Unsupported,
            format!(
                "{name} reports refund outcomes only by notification: wait with \
                 Payspec::wait_for_final or Notifications::wait_for_final, and push verified \
                 notifications into that inbox"
            ),
        )
        .with_provider(name));
    }
    let Some(id) = refund.id.clone() else {
        return Err(Error::new(
            ErrorKind::Unsupported,
            "the refund has no id to look up or match notifications with yet",
        ));
    };
    let deadline = Instant::now() + policy.max_wait;
    let mut delay = policy.initial_delay;
    let mut next_lookup = reporting.lookup().then(|| Instant::now() + delay);
    let mut last = refund;
    loop {
        // Created before the inbox is read, so a push in between still wakes this wait.
        let pushed = inbox.map(Notifications::changed);
        // The update for this refund's account, signed by this provider.
        let update = inbox
            .and_then(|inbox| inbox.latest(&last.account, &id))
            .filter(|update| update.provider == name);
        if let Some(update) = update {
            last = update.apply(last);
            if last.status.is_final() {
                return Ok(last);
            }
        }
        let now = Instant::now();
        match next_lookup {
            Some(at) if at <= now => {
                match provider.get_refund(&id).await {
                    Ok(current) if current.status.is_final() => return Ok(current),
                    Ok(current) => last = current,
                    Err(error) if error.is_retryable() => {}
                    Err(error) => return Err(error),
                }
                delay = (delay * 2).min(policy.max_delay);
                next_lookup = Some(Instant::now() + delay);
                continue;
            }
            // The next lookup would come too late and nothing else can answer: stop now.
            Some(at) if at > deadline && pushed.is_none() => return Ok(last),
            _ if now >= deadline => return Ok(last),
            _ => {}
        }
        let wake = next_lookup.map_or(deadline, |at| at.min(deadline));
        match pushed {
            Some(pushed) => {
                let _ = timeout_at(wake, pushed).await;
            }
            None => sleep_until(wake).await,
        }
    }
}
