//! Random values, all from the operating system: identifiers that must never repeat
//! (idempotency keys and token ids, as version 4 UUIDs, the form every provider accepts),
//! multipart boundaries and retry jitter.

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `N` random bytes.
fn bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    bytes
}

/// A random `u64`.
pub(crate) fn u64() -> u64 {
    u64::from_le_bytes(bytes())
}

/// A random fraction in `[0, 1)`, with 53 bits of precision.
pub(crate) fn fraction() -> f64 {
    (u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A new random UUID, lowercase and hyphenated (`8-4-4-4-12` hexadecimal digits).
pub(crate) fn uuid_v4() -> String {
    let mut bytes: [u8; 16] = bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
    let mut text = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push(char::from(HEX[usize::from(byte >> 4)]));
        text.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    text
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Whether `text` is a lowercase hyphenated version 4 UUID.
    pub(crate) fn is_uuid_v4(text: &str) -> bool {
        let groups: Vec<&str> = text.split('-').collect();
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        lengths == [8, 4, 4, 4, 12]
            && text
                .chars()
                .all(|c| c == '-' || matches!(c, '0'..='9' | 'a'..='f'))
            && groups[2].starts_with('4')
            && groups[3].starts_with(['8', '9', 'a', 'b'])
    }

    #[test]
    fn fractions_stay_below_one() {
        assert!(
            (0..1_000)
                .map(|_| fraction())
                .all(|f| (0.0..1.0).contains(&f))
        );
    }

    #[test]
    fn every_key_is_a_fresh_version_4_uuid() {
        let keys: std::collections::BTreeSet<String> = (0..1_000).map(|_| uuid_v4()).collect();
        assert_eq!(keys.len(), 1_000);
        assert!(keys.iter().all(|key| is_uuid_v4(key)), "{keys:?}");
    }
}
