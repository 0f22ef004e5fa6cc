//! A trace writer that keeps what it is given, for tests to read.

use std::io;
use std::sync::{Arc, Mutex};

use tracing::Dispatch;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::util::SubscriberInitExt;

/// Keeps [`Captured::this_thread`]'s subscriber installed.
pub struct Guard {
    _default: tracing::subscriber::DefaultGuard,
    _second: Dispatch,
}

#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// Captures every event of this thread, with its spans, until the guard drops.
    pub fn this_thread(&self) -> Guard {
        // With a single subscriber alive, tracing decides whether a callsite is wanted by asking
        // the default subscriber of whichever thread reaches it first: another test's thread,
        // which has none, would switch the callsite off for this one too. A second subscriber
        // makes tracing ask every live subscriber.
        let second = Dispatch::new(tracing::subscriber::NoSubscriber::default());
        let default = tracing_subscriber::fmt()
            .with_writer(self.clone())
            .with_max_level(tracing_subscriber::filter::LevelFilter::TRACE)
            .with_ansi(false)
            .finish()
            .set_default();
        tracing::callsite::rebuild_interest_cache();
        Guard {
            _default: default,
            _second: second,
        }
    }

    /// Everything written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}
