//! CMS (PKCS#7) SignedData envelopes around `.mobileconfig` profiles, DER or the BER
//! indefinite-length form `openssl smime` writes. The signature is not verified.

use super::ParseError;

/// The profile inside the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwrapped {
    pub content: Vec<u8>,
}

/// An ASN.1 SEQUENCE tag followed by a plausible length byte.
pub fn looks_like_cms(bytes: &[u8]) -> bool {
    bytes.len() > 2 && bytes[0] == 0x30 && (bytes[1] == 0x80 || (0x81..=0x84).contains(&bytes[1]))
}

pub fn unwrap(_bytes: &[u8]) -> Result<Unwrapped, ParseError> {
    Err(ParseError::new(
        "signed profiles are not supported yet",
        None,
    ))
}
