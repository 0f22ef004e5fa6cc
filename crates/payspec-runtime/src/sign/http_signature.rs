//! The `http-signature` scheme (CyberSource's HTTP Signature): HMAC-SHA256 with the base64-decoded shared secret over the
//! `host`, `date`, `request-target`, `digest` (requests with a body) and `v-c-merchant-id` lines.

use std::fmt;
use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::{CredentialError, Header, RequestParts, Signer};
use crate::Secret;

/// Signs requests with a merchant's id, key id and shared secret (CyberSource).
#[derive(Clone)]
pub struct HttpSignature {
    merchant_id: String,
    key_id: String,
    /// The decoded shared secret, kept as a [`Secret`] of its base64 form.
    shared_secret: Secret,
    key: Vec<u8>,
}

impl fmt::Debug for HttpSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpSignature")
            .field("merchant_id", &self.merchant_id)
            .field("key_id", &self.key_id)
            .field("shared_secret", &self.shared_secret)
            .finish()
    }
}

impl HttpSignature {
    /// A signer for `merchant_id` with the key `key_id` and its base64 shared secret.
    ///
    /// # Errors
    /// When the shared secret is not valid base64 (the error does not repeat it).
    pub fn new(
        merchant_id: impl Into<String>,
        key_id: impl Into<String>,
        shared_secret: Secret,
    ) -> Result<Self, CredentialError> {
        let key = BASE64.decode(shared_secret.expose()).map_err(|_| {
            CredentialError("the HTTP Signature shared secret is not valid base64".into())
        })?;
        Ok(HttpSignature {
            merchant_id: merchant_id.into(),
            key_id: key_id.into(),
            shared_secret,
            key,
        })
    }
}

impl Signer for HttpSignature {
    fn sign(&self, request: &RequestParts<'_>, now: SystemTime) -> Vec<Header> {
        let date = httpdate::fmt_http_date(now);
        let with_digest = !request.method.eq_ignore_ascii_case("GET");
        let digest = format!("SHA-256={}", BASE64.encode(Sha256::digest(request.body)));
        let target = format!(
            "{} {}",
            request.method.to_ascii_lowercase(),
            request.path_and_query
        );

        let mut lines = vec![
            format!("host: {}", request.host),
            format!("date: {date}"),
            format!("request-target: {target}"),
        ];
        if with_digest {
            lines.push(format!("digest: {digest}"));
        }
        lines.push(format!("v-c-merchant-id: {}", self.merchant_id));
        let signed_headers = if with_digest {
            "host date request-target digest v-c-merchant-id"
        } else {
            "host date request-target v-c-merchant-id"
        };

        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(lines.join("\n").as_bytes());
        let signature = BASE64.encode(mac.finalize().into_bytes());

        let mut headers = vec![
            Header {
                name: "v-c-merchant-id",
                value: Secret::new(self.merchant_id.clone()),
            },
            Header {
                name: "date",
                value: Secret::new(date),
            },
            Header {
                name: "host",
                value: Secret::new(request.host),
            },
        ];
        if with_digest {
            headers.push(Header {
                name: "digest",
                value: Secret::new(digest),
            });
        }
        headers.push(Header {
            name: "signature",
            value: Secret::new(format!(
                "keyid=\"{}\", algorithm=\"HmacSHA256\", headers=\"{signed_headers}\", signature=\"{signature}\"",
                self.key_id
            )),
        });
        headers
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    // CyberSource's public sandbox sample credentials; the expected values were computed with an
    // independent HMAC implementation (Python's hmac and hashlib).
    const SECRET: &str = "yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=";
    const BODY: &[u8] = br#"{"clientReferenceInformation":{"code":"TC50171_3"},"orderInformation":{"amountDetails":{"totalAmount":"102.21","currency":"USD"}}}"#;

    fn signer() -> HttpSignature {
        HttpSignature::new(
            "testrest",
            "08c94330-f618-42a3-b09d-e1e43be5efda",
            Secret::new(SECRET),
        )
        .unwrap()
    }

    fn at_fixed_time() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    fn header<'h>(headers: &'h [Header], name: &str) -> Option<&'h str> {
        headers
            .iter()
            .find(|h| h.name == name)
            .map(|h| h.value.expose())
    }

    #[test]
    fn post_matches_the_known_vector() {
        let request = RequestParts {
            method: "POST",
            host: "apitest.cybersource.com",
            path_and_query: "/pts/v2/payments/6461731521426399003473/refunds",
            body: BODY,
        };
        let headers = signer().sign(&request, at_fixed_time());
        assert_eq!(
            header(&headers, "date"),
            Some("Tue, 14 Nov 2023 22:13:20 GMT")
        );
        assert_eq!(
            header(&headers, "digest"),
            Some("SHA-256=rF9mfJHA9pS+FDJOW9yznnHnEgzwY9seZwrgVmnhcZ8=")
        );
        assert_eq!(header(&headers, "v-c-merchant-id"), Some("testrest"));
        assert_eq!(header(&headers, "host"), Some("apitest.cybersource.com"));
        assert_eq!(
            header(&headers, "signature"),
            Some(
                "keyid=\"08c94330-f618-42a3-b09d-e1e43be5efda\", algorithm=\"HmacSHA256\", \
                 headers=\"host date request-target digest v-c-merchant-id\", \
                 signature=\"DGk/4674eOe9OAWyF6roazCZ4aUE9Ebca3mupD1W3Oc=\""
            )
        );
    }

    #[test]
    fn get_leaves_out_the_digest() {
        let request = RequestParts {
            method: "GET",
            host: "apitest.cybersource.com",
            path_and_query: "/tss/v2/transactions/6461731521426399003477",
            body: b"",
        };
        let headers = signer().sign(&request, at_fixed_time());
        assert_eq!(header(&headers, "digest"), None);
        let signature = header(&headers, "signature").unwrap();
        assert!(
            signature.contains("headers=\"host date request-target v-c-merchant-id\""),
            "{signature}"
        );
        assert!(
            signature.ends_with("signature=\"J0a/2sn/6rZzbn4JjFbJmx+xXyjIJ72dS0s1JpgpMvU=\""),
            "{signature}"
        );
    }

    #[test]
    fn a_changed_body_changes_the_signature() {
        let mut request = RequestParts {
            method: "POST",
            host: "apitest.cybersource.com",
            path_and_query: "/pts/v2/payments",
            body: BODY,
        };
        let first = signer().sign(&request, at_fixed_time());
        request.body = br#"{"orderInformation":{"amountDetails":{"totalAmount":"1002.21"}}}"#;
        let second = signer().sign(&request, at_fixed_time());
        assert_ne!(header(&first, "signature"), header(&second, "signature"));
    }

    #[test]
    fn credentials_never_appear_in_debug_or_errors() {
        let debug = format!("{:?}", signer());
        assert!(
            !debug.contains(SECRET) && debug.contains("[redacted]"),
            "{debug}"
        );
        let error = HttpSignature::new("m", "k", Secret::new("not base64 at all!")).unwrap_err();
        assert!(!error.to_string().contains("not base64 at all!"), "{error}");
    }
}
