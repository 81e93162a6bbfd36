//! The MAC binding of node certificates: a private, non-critical extension that ties a
//! certificate to one device's MAC address without revealing it. Encoded here, read back by
//! `inspect`, written by `issue`.

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Non-critical private extension binding a node certificate to a device MAC:
/// SEQUENCE { binding OCTET STRING (SHA-256(mac(6 bytes) || nonce)), nonce OCTET STRING (32) }.
/// No registered arc exists for it; it sits under the IANA "experimental" arc (1.3.6.1.3).
pub const OID: &[u64] = &[1, 3, 6, 1, 3, 1842, 1];
pub fn parse_mac(text: &str) -> Result<[u8; 6]> {
    let hex: String = text.chars().filter(|c| !matches!(c, ':' | '-')).collect();
    let separators_ok = {
        let parts: Vec<&str> = text.split([':', '-']).collect();
        parts.len() == 1 || (parts.len() == 6 && parts.iter().all(|p| p.len() == 2))
    };
    let mut mac = [0u8; 6];
    if !separators_ok || hex.len() != 12 || hex::decode_to_slice(&hex, &mut mac).is_err() {
        return Err(Error::InvalidInput(format!(
            "{text:?} is not a MAC address (write it like 00:1a:2b:3c:4d:5e)"
        )));
    }
    Ok(mac)
}

/// The MAC binding extension's content, with a fresh nonce.
pub fn encode(mac: &[u8; 6]) -> Vec<u8> {
    let mut nonce = [0u8; 32];
    rand::fill(&mut nonce);
    let mut hasher = Sha256::new();
    hasher.update(mac);
    hasher.update(nonce);
    let binding = hasher.finalize();
    let mut der = vec![0x30, 0x44, 0x04, 0x20];
    der.extend_from_slice(&binding);
    der.extend_from_slice(&[0x04, 0x20]);
    der.extend_from_slice(&nonce);
    der
}

/// Reads back a MAC binding: (binding, nonce).
pub fn decode(content: &[u8]) -> Option<([u8; 32], [u8; 32])> {
    if content.len() != 70
        || content[..4] != [0x30, 0x44, 0x04, 0x20]
        || content[36..38] != [0x04, 0x20]
    {
        return None;
    }
    Some((
        content[4..36].try_into().ok()?,
        content[38..70].try_into().ok()?,
    ))
}

pub fn mac_matches(mac: &[u8; 6], binding: &[u8; 32], nonce: &[u8; 32]) -> bool {
    let mut hasher = Sha256::new();
    hasher.update(mac);
    hasher.update(nonce);
    hasher.finalize().as_slice() == binding
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macs_parse_in_the_usual_spellings() {
        let want = [0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e];
        assert_eq!(parse_mac("00:1a:2b:3c:4d:5e").unwrap(), want);
        assert_eq!(parse_mac("00-1A-2B-3C-4D-5E").unwrap(), want);
        assert_eq!(parse_mac("001a2b3c4d5e").unwrap(), want);
        for bad in ["00:1a:2b:3c:4d", "zz:1a:2b:3c:4d:5e", "001:a2b:3c4:d5e", ""] {
            assert!(parse_mac(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_mac_binding_verifies_only_for_its_mac() {
        let mac = [1, 2, 3, 4, 5, 6];
        let content = encode(&mac);
        let (binding, nonce) = decode(&content).unwrap();
        assert!(mac_matches(&mac, &binding, &nonce));
        assert!(!mac_matches(&[1, 2, 3, 4, 5, 7], &binding, &nonce));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn any_text_is_a_mac_or_refused(text in "\\PC{0,24}|[0-9a-fA-F:-]{0,20}") {
            if let Err(e) = parse_mac(&text) {
                proptest::prop_assert!(matches!(e, crate::error::Error::InvalidInput(_)));
            }
        }
    }
}
