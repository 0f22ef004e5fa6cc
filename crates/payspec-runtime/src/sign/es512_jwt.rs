//! The `es512-jwt` scheme (Gr4vy): a bearer JWT the merchant signs itself with a P-521 key (ES512),
//! minted fresh for every request.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64URL;
use p521::ecdsa::signature::Signer as _;
use p521::ecdsa::{Signature, SigningKey};
use p521::pkcs8::DecodePrivateKey;
use sha2::{Digest, Sha256};

use super::{CredentialError, Header, RequestParts, Signer};
use crate::Secret;

/// How long a minted token is valid.
const LIFETIME_SECONDS: u64 = 60;

/// Signs each request with a fresh ES512 JWT from a P-521 private key.
#[derive(Clone)]
pub struct Es512Jwt {
    key: SigningKey,
    /// RFC 7638 thumbprint of the public key, the JWT header's `kid`.
    kid: String,
    issuer: String,
    scopes: Vec<String>,
}

impl fmt::Debug for Es512Jwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Es512Jwt")
            .field("key", &Secret::new(""))
            .field("kid", &self.kid)
            .field("issuer", &self.issuer)
            .field("scopes", &self.scopes)
            .finish()
    }
}

impl Es512Jwt {
    /// A signer from the merchant's PKCS#8 PEM private key, issuing tokens with `scopes` (for
    /// example `transactions.write`) and `iss` set to `issuer`.
    ///
    /// # Errors
    /// When the key is not a P-521 PKCS#8 PEM key (the error does not repeat it).
    pub fn new(
        private_key_pem: &Secret,
        issuer: impl Into<String>,
        scopes: &[&str],
    ) -> Result<Self, CredentialError> {
        let key = SigningKey::from_pkcs8_pem(private_key_pem.expose()).map_err(|_| {
            CredentialError("the ES512 private key is not a P-521 PKCS#8 PEM key".into())
        })?;
        let kid = thumbprint(&key);
        Ok(Es512Jwt {
            key,
            kid,
            issuer: issuer.into(),
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        })
    }

    /// The RFC 7638 thumbprint sent as `kid`.
    pub fn key_id(&self) -> &str {
        &self.kid
    }

    /// A token valid from `now` for one minute.
    pub fn token(&self, now: SystemTime) -> Secret {
        let iat = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let header = serde_json::json!({"alg": "ES512", "typ": "JWT", "kid": self.kid});
        let claims = serde_json::json!({
            "scopes": self.scopes,
            "iss": self.issuer,
            "iat": iat,
            "nbf": iat,
            "exp": iat + LIFETIME_SECONDS,
            "jti": crate::random::uuid_v4(),
        });
        let input = format!(
            "{}.{}",
            BASE64URL.encode(header.to_string()),
            BASE64URL.encode(claims.to_string())
        );
        let signature: Signature = self.key.sign(input.as_bytes());
        Secret::new(format!(
            "{input}.{}",
            BASE64URL.encode(signature.to_bytes())
        ))
    }
}

impl Signer for Es512Jwt {
    fn sign(&self, _request: &RequestParts<'_>, now: SystemTime) -> Vec<Header> {
        vec![Header {
            name: "authorization",
            value: Secret::new(format!("Bearer {}", self.token(now).expose())),
        }]
    }
}

/// base64url(SHA-256 of `{"crv":"P-521","kty":"EC","x":..,"y":..}`) with 66-byte coordinates.
fn thumbprint(key: &SigningKey) -> String {
    let point = key.verifying_key().to_sec1_point(false);
    let bytes = point.as_bytes();
    // Uncompressed SEC1: 0x04 || x (66 bytes) || y (66 bytes): already fixed width.
    let (x, y) = bytes[1..].split_at(66);
    let canonical = format!(
        r#"{{"crv":"P-521","kty":"EC","x":"{}","y":"{}"}}"#,
        BASE64URL.encode(x),
        BASE64URL.encode(y)
    );
    BASE64URL.encode(Sha256::digest(canonical.as_bytes()))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use p521::ecdsa::VerifyingKey;
    use p521::ecdsa::signature::Verifier;
    use p521::pkcs8::DecodePublicKey;

    use super::*;

    const PRIVATE: &str = include_str!("../../tests/fixtures/gr4vy-test-key.pem");
    const PUBLIC: &str = include_str!("../../tests/fixtures/gr4vy-test-key.pub.pem");

    fn signer() -> Es512Jwt {
        Es512Jwt::new(
            &Secret::new(PRIVATE),
            "payspec-test",
            &["transactions.write"],
        )
        .unwrap()
    }

    fn part(token: &str, index: usize) -> serde_json::Value {
        let segment = token.split('.').nth(index).unwrap();
        serde_json::from_slice(&BASE64URL.decode(segment).unwrap()).unwrap()
    }

    #[test]
    fn kid_is_the_rfc7638_thumbprint() {
        // Computed independently with Python's hashlib from the key's DER public point; the x
        // coordinate starts with a zero byte, so a trimmed encoding would give another value.
        assert_eq!(
            signer().key_id(),
            "9HEqlRS_ZcC5tZqLLzfYhONYR3ByYuMMx3oWnQ3ld8E"
        );
    }

    #[test]
    fn token_verifies_with_the_public_key_and_carries_the_claims() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let token = signer().token(now);
        let token = token.expose();
        let (input, signature) = token.rsplit_once('.').unwrap();
        let public = VerifyingKey::from_public_key_pem(PUBLIC).unwrap();
        let signature =
            Signature::from_slice(&BASE64URL.decode(signature).unwrap()).expect("132-byte r||s");
        public
            .verify(input.as_bytes(), &signature)
            .expect("valid ES512 signature");

        let header = part(token, 0);
        assert_eq!(header["alg"], "ES512");
        assert_eq!(header["kid"], "9HEqlRS_ZcC5tZqLLzfYhONYR3ByYuMMx3oWnQ3ld8E");
        let claims = part(token, 1);
        assert_eq!(claims["scopes"], serde_json::json!(["transactions.write"]));
        assert_eq!(claims["iss"], "payspec-test");
        assert_eq!(claims["iat"], 1_700_000_000);
        assert_eq!(claims["nbf"], 1_700_000_000);
        assert_eq!(claims["exp"], 1_700_000_060);
        let jti = claims["jti"].as_str().unwrap();
        assert!(crate::random::tests::is_uuid_v4(jti), "{jti}");
    }

    #[test]
    fn every_token_has_a_new_jti() {
        let now = SystemTime::now();
        let (a, b) = (signer().token(now), signer().token(now));
        assert_ne!(part(a.expose(), 1)["jti"], part(b.expose(), 1)["jti"]);
    }

    #[test]
    fn the_key_never_appears_in_debug_or_errors() {
        let debug = format!("{:?}", signer());
        assert!(
            !debug.contains("PRIVATE KEY") && debug.contains("[redacted]"),
            "{debug}"
        );
        let error = Es512Jwt::new(
            &Secret::new("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"),
            "i",
            &[],
        )
        .unwrap_err();
        assert!(!error.to_string().contains("AAAA"), "{error}");
    }
}
