//! `application/x-www-form-urlencoded` request bodies encoded the way the spec documents them.
//!
//! A top-level field is sent as `field=value`; a list as the field repeated (`form` style,
//! exploded). A field the spec's `encoding` marks `deepObject` is sent in brackets, as Stripe
//! reads them: `metadata[order]=6735`, nested objects one bracket deeper, lists of values as
//! `expand[]=a&expand[]=b` and lists of objects by position, `items[0][price]=p_1`. A value the
//! documented style cannot carry (an object in a `form` field) is refused before sending, naming
//! the field.
//!
//! [`DeepQuery`] sends a `deepObject` query parameter that is a map of free keys the same way:
//! `metadata[order]=6735`.

use progenitor_client::Error;
use reqwest::RequestBuilder;
use serde::Serialize;
use serde_json::Value;

/// Sets `body` as the form-encoded body of `request`; `deep` names the top-level fields the spec
/// encodes as `deepObject`. The error is progenitor's, as the generated `send` returns it.
#[doc(hidden)]
#[allow(clippy::result_large_err)]
pub fn body<T: Serialize, E>(
    request: RequestBuilder,
    body: &T,
    deep: &[&str],
) -> Result<RequestBuilder, Error<E>> {
    let encoded = encode(body, deep).map_err(Error::InvalidRequest)?;
    Ok(request
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(encoded))
}

/// The form encoding of `body`, or why it cannot be encoded, naming the field.
pub fn encode<T: Serialize>(body: &T, deep: &[&str]) -> Result<String, String> {
    let value =
        serde_json::to_value(body).map_err(|e| format!("cannot encode the form body: {e}"))?;
    let Value::Object(fields) = value else {
        return Err("a form body must be an object of fields".to_owned());
    };
    let mut pairs = Vec::new();
    for (name, value) in &fields {
        if deep.contains(&name.as_str()) {
            bracketed(name, value, &mut pairs);
        } else {
            plain(name, value, &mut pairs)?;
        }
    }
    serde_urlencoded::to_string(&pairs).map_err(|e| format!("cannot encode the form body: {e}"))
}

/// A `deepObject` query parameter sent as bracketed pairs (`metadata[order]=6735`); nothing
/// when the value is absent.
#[doc(hidden)]
pub struct DeepQuery<'a, T> {
    name: &'a str,
    value: &'a T,
}

impl<'a, T> DeepQuery<'a, T> {
    /// The parameter `name` with its value.
    pub fn new(name: &'a str, value: &'a T) -> Self {
        DeepQuery { name, value }
    }
}

impl<T: Serialize> Serialize for DeepQuery<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = serde_json::to_value(self.value).map_err(serde::ser::Error::custom)?;
        let mut pairs = Vec::new();
        bracketed(self.name, &value, &mut pairs);
        serializer.collect_seq(pairs)
    }
}

/// A `form` field: a value, or a list of values repeated under the same name.
fn plain(name: &str, value: &Value, pairs: &mut Vec<(String, String)>) -> Result<(), String> {
    match value {
        Value::Null => Ok(()),
        Value::Array(items) => items.iter().try_for_each(|item| match scalar(item) {
            Some(text) => {
                pairs.push((name.to_owned(), text));
                Ok(())
            }
            None => Err(nested(name)),
        }),
        other => match scalar(other) {
            Some(text) => {
                pairs.push((name.to_owned(), text));
                Ok(())
            }
            None => Err(nested(name)),
        },
    }
}

fn nested(name: &str) -> String {
    format!(
        "form field `{name}` holds an object, which its documented encoding (`form`) cannot send; the spec must encode it as `deepObject`"
    )
}

/// A `deepObject` field at `key`, brackets for each level below.
fn bracketed(key: &str, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Object(fields) => {
            for (name, child) in fields {
                bracketed(&format!("{key}[{name}]"), child, pairs);
            }
        }
        Value::Array(items) if items.iter().all(|i| scalar(i).is_some()) => {
            for item in items {
                bracketed(&format!("{key}[]"), item, pairs);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                bracketed(&format!("{key}[{index}]"), item, pairs);
            }
        }
        other => pairs.extend(scalar(other).map(|text| (key.to_owned(), text))),
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn deep_fields_are_bracketed_and_plain_ones_repeated() {
        let body = json!({
            "amount": 500,
            "metadata": {"order": "6735", "note": "a b&c"},
            "expand": ["charge", "refund"],
            "items": [{"price": "p_1", "quantity": 2}],
            "tags": ["x", "y"],
            "reason": null,
        });
        let encoded = encode(&body, &["metadata", "expand", "items"]).unwrap();
        assert_eq!(
            encoded,
            "amount=500&expand%5B%5D=charge&expand%5B%5D=refund&items%5B0%5D%5Bprice%5D=p_1\
             &items%5B0%5D%5Bquantity%5D=2&metadata%5Bnote%5D=a+b%26c&metadata%5Border%5D=6735\
             &tags=x&tags=y"
        );
    }

    #[test]
    fn a_deep_query_map_is_sent_in_brackets_and_an_absent_one_not_at_all() {
        let map = json!({"order": "6735", "note": "a b"});
        let query = serde_urlencoded::to_string(DeepQuery::new("metadata", &map)).unwrap();
        assert_eq!(query, "metadata%5Bnote%5D=a+b&metadata%5Border%5D=6735");
        let absent: Option<serde_json::Value> = None;
        assert_eq!(
            serde_urlencoded::to_string(DeepQuery::new("metadata", &absent)).unwrap(),
            ""
        );
    }

    #[test]
    fn an_object_in_a_form_field_is_refused_naming_it() {
        let error = encode(&json!({"metadata": {"order": "1"}}), &[]).unwrap_err();
        assert!(error.contains("`metadata`"), "{error}");
    }
}
