//! PKCS#12 (RFC 7292) bundles for browsers, Windows, Java keystores and provisioning tools: the
//! private key as a shrouded key bag encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the
//! certificate and its chain as certificate bags, and an HMAC-SHA256 integrity MAC — what
//! OpenSSL 3 writes by default, never RC2 or 3DES.
//!
//! Built by hand from DER pieces (a dependency for it would bring a second generation of the
//! RustCrypto crates into the build): the key encryption is the pkcs8 crate's, the MAC ring's.

use ring::{digest, hmac};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// PBKDF2 and MAC iterations (OpenSSL 3's default for both is 2048; more costs the holder a
/// fraction of a second once).
const ITERATIONS: u32 = 100_000;
const MAC_ITERATIONS: u32 = 2048;

const OID_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
const OID_SHROUDED_KEY_BAG: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02,
];
const OID_CERT_BAG: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03,
];
const OID_X509_CERT: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x16, 0x01];
const OID_FRIENDLY_NAME: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x14];
const OID_LOCAL_KEY_ID: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x15];
const OID_SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];

/// A DER tag-length-value (definite length, short or long form).
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn oid(bytes: &[u8]) -> Vec<u8> {
    tlv(0x06, bytes)
}

fn octets(bytes: &[u8]) -> Vec<u8> {
    tlv(0x04, bytes)
}

fn explicit0(content: &[u8]) -> Vec<u8> {
    tlv(0xa0, content)
}

fn integer(n: u32) -> Vec<u8> {
    let mut bytes: Vec<u8> = n
        .to_be_bytes()
        .into_iter()
        .skip_while(|b| *b == 0)
        .collect();
    if bytes.first().is_none_or(|b| b & 0x80 != 0) {
        bytes.insert(0, 0);
    }
    tlv(0x02, &bytes)
}

/// The bag attributes: friendlyName (BMPString) and localKeyId.
fn attributes(name: &str, key_id: &[u8]) -> Vec<u8> {
    let bmp: Vec<u8> = name.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let friendly = seq(&[&oid(OID_FRIENDLY_NAME), &tlv(0x31, &tlv(0x1e, &bmp))]);
    let local = seq(&[&oid(OID_LOCAL_KEY_ID), &tlv(0x31, &octets(key_id))]);
    tlv(0x31, &[friendly, local].concat())
}

/// RFC 7292 appendix B.2 key derivation with SHA-256 (u = 32, v = 64), for the MAC key (ID 3).
fn pkcs12_kdf(
    password: &str,
    salt: &[u8],
    id: u8,
    iterations: u32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    const U: usize = 32;
    const V: usize = 64;
    // The password as a BMPString with two zero bytes at the end.
    let mut pw: Zeroizing<Vec<u8>> =
        Zeroizing::new(password.encode_utf16().flat_map(u16::to_be_bytes).collect());
    pw.extend([0, 0]);
    let fill = |src: &[u8]| -> Vec<u8> {
        if src.is_empty() {
            return Vec::new();
        }
        let n = V * src.len().div_ceil(V);
        (0..n).map(|i| src[i % src.len()]).collect()
    };
    let mut i_block: Zeroizing<Vec<u8>> = Zeroizing::new([fill(salt), fill(&pw)].concat());
    let d = [id; V];
    let mut out = Zeroizing::new(Vec::with_capacity(len));
    while out.len() < len {
        let mut a = {
            let mut ctx = digest::Context::new(&digest::SHA256);
            ctx.update(&d);
            ctx.update(&i_block);
            ctx.finish().as_ref().to_vec()
        };
        for _ in 1..iterations {
            a = digest::digest(&digest::SHA256, &a).as_ref().to_vec();
        }
        let take = U.min(len - out.len());
        out.extend_from_slice(&a[..take]);
        // I_j = (I_j + B + 1) mod 2^(8v), B = a repeated to v bytes.
        let b: Vec<u8> = (0..V).map(|k| a[k % U]).collect();
        for chunk in i_block.chunks_mut(V) {
            let mut carry = 1u16;
            for k in (0..V).rev() {
                let sum = u16::from(chunk[k]) + u16::from(b[k]) + carry;
                chunk[k] = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out
}

/// A PKCS#12 file holding `key` (PKCS#8 DER) and `certs` (DER, the key's certificate first),
/// under `name`, protected by `password`.
pub fn build(name: &str, key_pkcs8: &[u8], certs: &[Vec<u8>], password: &str) -> Result<Vec<u8>> {
    let failed = |e: &dyn std::fmt::Display| Error::Crypto(format!("PKCS#12: {e}"));
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    rand::fill(&mut salt);
    rand::fill(&mut iv);
    let params = pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(ITERATIONS, &salt, &iv)
        .map_err(|e| failed(&e))?;
    let info = pkcs8::PrivateKeyInfo::try_from(key_pkcs8).map_err(|e| failed(&e))?;
    let encrypted = info
        .encrypt_with_params(params, password.as_bytes())
        .map_err(|e| failed(&e))?;
    let key_id = digest::digest(
        &digest::SHA256,
        certs.first().map_or(&[][..], |c| c.as_slice()),
    );
    let key_id = &key_id.as_ref()[..20];
    let attrs = attributes(name, key_id);
    let mut bags = seq(&[
        &oid(OID_SHROUDED_KEY_BAG),
        &explicit0(encrypted.as_bytes()),
        &attrs,
    ]);
    for (i, cert) in certs.iter().enumerate() {
        let cert_bag = seq(&[&oid(OID_X509_CERT), &explicit0(&octets(cert))]);
        let mut bag = vec![oid(OID_CERT_BAG), explicit0(&cert_bag)];
        if i == 0 {
            bag.push(attrs.clone());
        }
        let parts: Vec<&[u8]> = bag.iter().map(Vec::as_slice).collect();
        bags.extend(seq(&parts));
    }
    let safe_contents = tlv(0x30, &bags);
    let content_info = seq(&[&oid(OID_DATA), &explicit0(&octets(&safe_contents))]);
    let auth_safe = tlv(0x30, &content_info);
    let mut mac_salt = [0u8; 16];
    rand::fill(&mut mac_salt);
    let mac_key = pkcs12_kdf(password, &mac_salt, 3, MAC_ITERATIONS, 32);
    let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &mac_key), &auth_safe);
    let digest_info = seq(&[
        &seq(&[&oid(OID_SHA256), &[0x05, 0x00]]),
        &octets(tag.as_ref()),
    ]);
    let mac_data = seq(&[&digest_info, &octets(&mac_salt), &integer(MAC_ITERATIONS)]);
    let outer = seq(&[&oid(OID_DATA), &explicit0(&octets(&auth_safe))]);
    Ok(seq(&[&integer(3), &outer, &mac_data]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_lengths_are_der() {
        assert_eq!(integer(3), [0x02, 0x01, 0x03]);
        assert_eq!(integer(2048), [0x02, 0x02, 0x08, 0x00]);
        assert_eq!(integer(128), [0x02, 0x02, 0x00, 0x80]);
        assert_eq!(tlv(0x04, &[0u8; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(tlv(0x04, &[0u8; 300])[..4], [0x04, 0x82, 0x01, 0x2c]);
    }
}
