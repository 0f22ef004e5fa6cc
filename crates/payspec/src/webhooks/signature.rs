//! HMAC-SHA256 checks in constant time, and the text forms signatures arrive in.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Whether `signature` is the HMAC-SHA256 of the concatenated `parts` under `key`, compared in
/// constant time (`verify_slice`).
pub(super) fn matches(key: &[u8], parts: &[&[u8]], signature: &[u8]) -> bool {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    for part in parts {
        mac.update(part);
    }
    mac.verify_slice(signature).is_ok()
}

/// Whether any of `signatures` (lowercase or uppercase hex) is the HMAC-SHA256 of `parts` under
/// any of `keys`. Every pair is checked, so the time taken does not depend on which one matches.
pub(super) fn any_hex_matches<'a>(
    keys: impl Iterator<Item = &'a [u8]> + Clone,
    parts: &[&[u8]],
    signatures: &[&str],
) -> bool {
    let decoded: Vec<Vec<u8>> = signatures.iter().filter_map(|s| hex(s)).collect();
    let mut found = false;
    for key in keys {
        for signature in &decoded {
            found |= matches(key, parts, signature);
        }
    }
    found
}

/// Decodes hex text, or `None` when it is not hex.
pub(super) fn hex(text: &str) -> Option<Vec<u8>> {
    let text = text.trim().as_bytes();
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    text.chunks(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    const RFC4231_2: &str = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    #[test]
    fn rfc_4231_vector() {
        let signature = hex(RFC4231_2).unwrap();
        assert!(matches(
            b"Jefe",
            &[b"what do ya ", b"want for nothing?"],
            &signature
        ));
        assert!(!matches(
            b"Jeff",
            &[b"what do ya want for nothing?"],
            &signature
        ));
    }

    #[test]
    fn any_pair_of_key_and_signature() {
        let keys: [&[u8]; 2] = [b"old", b"Jefe"];
        let parts: &[&[u8]] = &[b"what do ya want for nothing?"];
        assert!(any_hex_matches(
            keys.iter().copied(),
            parts,
            &["zz", RFC4231_2]
        ));
        assert!(!any_hex_matches(
            keys[..1].iter().copied(),
            parts,
            &[RFC4231_2]
        ));
    }

    #[test]
    fn hex_text() {
        assert_eq!(hex("0aFf"), Some(vec![0x0a, 0xff]));
        assert_eq!(hex("abc"), None);
        assert_eq!(hex("zz"), None);
    }
}
