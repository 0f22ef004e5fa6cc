//! Identifiers that must never repeat: idempotency keys and token ids, as random UUIDs (version
//! 4, 122 random bits from the operating system), the form every provider accepts.

const HEX: &[u8; 16] = b"0123456789abcdef";

/// A new random UUID, lowercase and hyphenated (`8-4-4-4-12` hexadecimal digits).
pub(crate) fn uuid_v4() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
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
    fn every_key_is_a_fresh_version_4_uuid() {
        let keys: std::collections::BTreeSet<String> = (0..1_000).map(|_| uuid_v4()).collect();
        assert_eq!(keys.len(), 1_000);
        assert!(keys.iter().all(|key| is_uuid_v4(key)), "{keys:?}");
    }
}
