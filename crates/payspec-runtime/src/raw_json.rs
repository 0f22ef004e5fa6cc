//! JSON passed on byte for byte: the type of a spec's `x-payspec-verbatim` components.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// One JSON value kept exactly as written: serialized into a request with the same bytes it
/// was built from, so a provider that checks a signature over it (PayPal's webhook
/// verification) sees what it signed. Field order, unknown fields and number spellings are
/// never changed.
///
/// ```
/// use payspec_runtime::RawJson;
///
/// #[derive(serde::Serialize)]
/// struct Verify {
///     webhook_event: RawJson,
/// }
///
/// let webhook_event = RawJson::from_slice(br#"{"id": "WH-1", "amount": 10.50}"#)?;
/// assert_eq!(
///     serde_json::to_string(&Verify { webhook_event })?,
///     r#"{"webhook_event":{"id": "WH-1", "amount": 10.50}}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// Keeps `bytes` if they are one JSON value (surrounding whitespace is dropped).
    ///
    /// # Errors
    /// When `bytes` are not exactly one JSON value.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice::<&RawValue>(bytes).map(|raw| RawJson(raw.to_owned()))
    }

    /// The JSON text, as given.
    pub fn get(&self) -> &str {
        self.0.get()
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RawJson").field(&self.get()).finish()
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for RawJson {}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    /// Keeps the value's text; only serde_json's readers (`from_slice`, `from_str`, the ones
    /// generated clients use for responses) can provide it.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(RawJson)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_survives_a_round_trip_through_a_typed_value() {
        let text = r#"{"z":1,"a":1.0e0,"u":"\u00e9","extra":[ ]}"#;
        let raw = RawJson::from_slice(format!("  {text}\n").as_bytes()).unwrap();
        assert_eq!(raw.get(), text);
        let wrapped = serde_json::to_string(&[&raw]).unwrap();
        assert_eq!(wrapped, format!("[{text}]"));
        let back: Vec<RawJson> = serde_json::from_str(&wrapped).unwrap();
        assert_eq!(back, [raw]);
    }

    #[test]
    fn anything_but_one_json_value_is_refused() {
        for bad in [&b""[..], b"{", b"{} {}", b"\xff"] {
            assert!(RawJson::from_slice(bad).is_err(), "{bad:?}");
        }
    }
}
