//! CMS (PKCS#7) SignedData envelopes around `.mobileconfig` profiles, DER or the BER
//! indefinite-length form `openssl smime` writes. The signature is not verified.
//!
//! Why a hand-written BER walker and not `rasn-cms`: we need five fields out of one
//! structure (content type, the encapsulated content, and the signer's subject), not a
//! CMS library. `rasn-cms` 0.30 brings about 30 crates (rasn, its derive macros, bitvec,
//! nom, num-bigint, chrono, snafu…) that cost more to build on our CI than the whole core
//! crate, to decode types we would then mostly ignore. The walker below is about a hundred
//! lines, reads DER and BER (indefinite lengths, constructed OCTET STRINGs whose chunks are
//! concatenated), bounds its nesting, checks every length against the input and cannot
//! panic: every slice goes through `get`.

use super::ParseError;

/// The profile inside the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwrapped {
    pub content: Vec<u8>,
    /// Common name (CN) of the signing certificate's subject, when the envelope carries
    /// the certificate (openssl and Apple tools do).
    pub signer: Option<String>,
}

/// OID 1.2.840.113549.1.7 (PKCS#7 content types), DER-encoded, without its last arc.
const PKCS7_PREFIX: [u8; 8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07];
/// id-commonName, 2.5.4.3.
const OID_CN: [u8; 3] = [0x55, 0x04, 0x03];

/// BER nesting deeper than this is not a profile (real envelopes nest about 10 levels).
const MAX_DEPTH: usize = 64;

/// A SEQUENCE whose first element is a PKCS#7 content-type OID (signedData, or another
/// PKCS#7 type, which `unwrap` then explains). Checking the OID, not just `30 8x`, keeps
/// arbitrary binary that happens to start with 0x30 out.
pub fn looks_like_cms(bytes: &[u8]) -> bool {
    let Some((&0x30, rest)) = bytes.split_first() else {
        return false;
    };
    // Skip the outer length: indefinite (0x80), short, or long form of up to 4 bytes.
    let rest = match rest.first() {
        Some(0x80) => rest.get(1..),
        Some(&n) if n < 0x80 => rest.get(1..),
        Some(&n) if (0x81..=0x84).contains(&n) => rest.get(1 + usize::from(n & 0x7F)..),
        _ => None,
    };
    matches!(rest, Some(r) if r.len() >= 11 && r[0] == 0x06 && r[1] == 0x09 && r[2..10] == PKCS7_PREFIX)
}

pub fn unwrap(bytes: &[u8]) -> Result<Unwrapped, ParseError> {
    let (ci, _trailing) = read(bytes, 0, 0)?;
    if ci.tag != 0x30 {
        return Err(bad("the file does not start with an ASN.1 SEQUENCE", 0));
    }
    let mut ci_items = children(&ci);
    let oid = next(&mut ci_items, 0x06, "content type OID")?;
    if oid.content.len() != 9 || oid.content[..8] != PKCS7_PREFIX {
        return Err(bad("not a PKCS#7 / CMS envelope", oid.offset));
    }
    match oid.content[8] {
        2 => {}
        3 => {
            return Err(bad(
                "the file is CMS EnvelopedData (encrypted for a device), not a signed profile",
                oid.offset,
            ));
        }
        n => {
            return Err(bad(
                format!("CMS content type 1.2.840.113549.1.7.{n} is not SignedData"),
                oid.offset,
            ));
        }
    }
    let explicit = next(&mut ci_items, 0xA0, "[0] content")?;
    let sd = next(&mut children(&explicit), 0x30, "SignedData")?;

    let mut sd_items = children(&sd);
    next(&mut sd_items, 0x02, "SignedData version")?;
    next(&mut sd_items, 0x31, "digest algorithms")?;
    let encap = next(&mut sd_items, 0x30, "encapsulated content")?;
    let mut certificates = None;
    let mut signer_infos = None;
    for item in sd_items {
        let item = item?;
        match item.tag {
            0xA0 => certificates = Some(item),
            0x31 => signer_infos = Some(item),
            _ => {}
        }
    }

    let mut encap_items = children(&encap);
    next(&mut encap_items, 0x06, "encapsulated content type")?;
    let content = match encap_items.next().transpose()? {
        Some(e) if e.tag == 0xA0 => {
            let octets = children(&e)
                .next()
                .transpose()?
                .filter(|o| o.tag & !0x20 == 0x04);
            let octets =
                octets.ok_or_else(|| bad("the content is not an OCTET STRING", e.offset))?;
            let mut out = Vec::with_capacity(octets.content.len());
            octet_string(&octets, 0, &mut out)?;
            out
        }
        _ => {
            return Err(bad(
                "the signature is detached: the profile itself is not in this file",
                encap.offset,
            ));
        }
    };
    let signer = certificates.and_then(|c| signer_cn(&c, signer_infos.as_ref()));
    Ok(Unwrapped { content, signer })
}

fn bad(message: impl Into<String>, offset: usize) -> ParseError {
    ParseError::new(
        format!("invalid signed profile: {}", message.into()),
        Some(offset),
    )
}

/// One BER element. `content` excludes the header and, for indefinite lengths, the
/// end-of-contents marker. `tag` is the first identifier octet (class, form, number <31).
#[derive(Clone, Copy)]
struct Tlv<'a> {
    tag: u8,
    content: &'a [u8],
    /// Offset of the element in the whole file, for errors.
    offset: usize,
    /// Offset of `content` in the whole file.
    content_offset: usize,
}

impl Tlv<'_> {
    fn constructed(&self) -> bool {
        self.tag & 0x20 != 0
    }
}

/// Reads the element at the start of `input` (at file offset `base`); returns it and the
/// bytes after it.
fn read(input: &[u8], base: usize, depth: usize) -> Result<(Tlv<'_>, &[u8]), ParseError> {
    if depth > MAX_DEPTH {
        return Err(bad("nesting too deep", base));
    }
    let truncated = || bad("truncated ASN.1 element", base);
    let &tag = input.first().ok_or_else(truncated)?;
    if tag & 0x1F == 0x1F {
        // High tag numbers never occur in CMS structures we read.
        return Err(bad("unsupported high tag number", base));
    }
    let &len0 = input.get(1).ok_or_else(truncated)?;
    let mut pos = 2;
    let length = if len0 < 0x80 {
        Some(usize::from(len0))
    } else if len0 == 0x80 {
        None
    } else {
        let n = usize::from(len0 & 0x7F);
        if n > 4 {
            return Err(bad("length over 4 GiB", base));
        }
        let bytes = input.get(2..2 + n).ok_or_else(truncated)?;
        pos += n;
        Some(
            bytes
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b)),
        )
    };
    match length {
        Some(len) => {
            let end = pos.checked_add(len).ok_or_else(truncated)?;
            let content = input.get(pos..end).ok_or_else(truncated)?;
            let rest = input.get(end..).unwrap_or_default();
            Ok((
                Tlv {
                    tag,
                    content,
                    offset: base,
                    content_offset: base + pos,
                },
                rest,
            ))
        }
        None => {
            if tag & 0x20 == 0 {
                return Err(bad("indefinite length on a primitive element", base));
            }
            // Walk the children to find the end-of-contents marker (00 00).
            let mut cursor = input.get(pos..).ok_or_else(truncated)?;
            loop {
                if cursor.len() < 2 {
                    return Err(truncated());
                }
                let here = input.len() - cursor.len();
                if cursor[0] == 0 && cursor[1] == 0 {
                    let content = input.get(pos..here).ok_or_else(truncated)?;
                    let rest = input.get(here + 2..).unwrap_or_default();
                    return Ok((
                        Tlv {
                            tag,
                            content,
                            offset: base,
                            content_offset: base + pos,
                        },
                        rest,
                    ));
                }
                let (_, after) = read(cursor, base + here, depth + 1)?;
                cursor = after;
            }
        }
    }
}

/// The elements inside a constructed element, in order.
fn children<'a>(tlv: &Tlv<'a>) -> Children<'a> {
    Children {
        rest: tlv.content,
        offset: tlv.content_offset,
        failed: false,
    }
}

struct Children<'a> {
    rest: &'a [u8],
    offset: usize,
    failed: bool,
}

impl<'a> Iterator for Children<'a> {
    type Item = Result<Tlv<'a>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() || self.failed {
            return None;
        }
        match read(self.rest, self.offset, 1) {
            Ok((tlv, rest)) => {
                self.offset += self.rest.len() - rest.len();
                self.rest = rest;
                Some(Ok(tlv))
            }
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

/// The next element, which must have tag `tag`.
fn next<'a>(items: &mut Children<'a>, tag: u8, what: &str) -> Result<Tlv<'a>, ParseError> {
    let at = items.offset;
    match items.next().transpose()? {
        Some(t) if t.tag == tag => Ok(t),
        Some(t) => Err(bad(
            format!("expected the {what}, found tag 0x{:02X}", t.tag),
            t.offset,
        )),
        None => Err(bad(format!("the {what} is missing"), at)),
    }
}

/// An OCTET STRING's bytes; a constructed one (BER) is the concatenation of its chunks.
fn octet_string(tlv: &Tlv<'_>, depth: usize, out: &mut Vec<u8>) -> Result<(), ParseError> {
    if !tlv.constructed() {
        out.extend_from_slice(tlv.content);
        return Ok(());
    }
    if depth > MAX_DEPTH {
        return Err(bad("nesting too deep", tlv.offset));
    }
    for chunk in children(tlv) {
        let chunk = chunk?;
        if chunk.tag & !0x20 != 0x04 {
            return Err(bad(
                "a chunk of the content is not an OCTET STRING",
                chunk.offset,
            ));
        }
        octet_string(&chunk, depth + 1, out)?;
    }
    Ok(())
}

/// The signer's CN: the certificate whose issuer and serial number match the first
/// SignerInfo's, else the only certificate. Any decoding problem just yields `None`.
fn signer_cn(certificates: &Tlv<'_>, signer_infos: Option<&Tlv<'_>>) -> Option<String> {
    // (issuer, serial) of the first signer, when it is identified that way (version 1).
    let sid = signer_infos.and_then(|set| {
        let info = children(set).next()?.ok()?;
        let mut items = children(&info);
        items.next()?.ok()?; // version
        let sid = items.next()?.ok()?;
        if sid.tag != 0x30 {
            return None; // [0] subjectKeyIdentifier
        }
        let mut parts = children(&sid);
        let issuer = parts.next()?.ok()?;
        let serial = parts.next()?.ok()?;
        Some((issuer.content, serial.content))
    });
    let certs: Vec<Tlv<'_>> = children(certificates)
        .filter_map(Result::ok)
        .filter(|c| c.tag == 0x30)
        .collect();
    let mut chosen = None;
    for cert in &certs {
        let Some((serial, issuer, subject)) = tbs_fields(cert) else {
            continue;
        };
        if sid.is_some_and(|(i, s)| i == issuer.content && s == serial.content) {
            chosen = Some(subject);
            break;
        }
    }
    if chosen.is_none() && certs.len() == 1 {
        chosen = tbs_fields(&certs[0]).map(|(_, _, subject)| subject);
    }
    common_name(&chosen?)
}

/// serialNumber, issuer and subject of a Certificate.
fn tbs_fields<'a>(cert: &Tlv<'a>) -> Option<(Tlv<'a>, Tlv<'a>, Tlv<'a>)> {
    let tbs = children(cert).next()?.ok()?;
    let mut items = children(&tbs).filter_map(Result::ok).peekable();
    if items.peek()?.tag == 0xA0 {
        items.next(); // [0] version
    }
    let serial = items.next()?;
    items.next()?; // signature algorithm
    let issuer = items.next()?;
    items.next()?; // validity
    let subject = items.next()?;
    Some((serial, issuer, subject))
}

/// The last CN attribute of a Name (the most specific one).
fn common_name(name: &Tlv<'_>) -> Option<String> {
    let mut cn = None;
    for rdn in children(name).filter_map(Result::ok) {
        for atv in children(&rdn).filter_map(Result::ok) {
            let mut parts = children(&atv).filter_map(Result::ok);
            let (Some(oid), Some(value)) = (parts.next(), parts.next()) else {
                continue;
            };
            if oid.tag == 0x06 && oid.content == OID_CN {
                cn = Some(match value.tag {
                    // BMPString: UTF-16BE.
                    0x1E => String::from_utf16_lossy(
                        &value
                            .content
                            .chunks_exact(2)
                            .map(|c| u16::from_be_bytes([c[0], c[1]]))
                            .collect::<Vec<_>>(),
                    ),
                    _ => String::from_utf8_lossy(value.content).into_owned(),
                });
            }
        }
    }
    cn
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DER header for `tag` with `len` content bytes.
    fn der(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let len = content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else if len < 0x100 {
            out.extend([0x81, len as u8]);
        } else {
            out.extend([0x82, (len >> 8) as u8, len as u8]);
        }
        out.extend_from_slice(content);
        out
    }

    fn indef(tag: u8, parts: &[Vec<u8>]) -> Vec<u8> {
        let mut out = vec![tag, 0x80];
        for p in parts {
            out.extend_from_slice(p);
        }
        out.extend([0, 0]);
        out
    }

    fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
        parts.concat()
    }

    fn oid(last: u8) -> Vec<u8> {
        let mut c = PKCS7_PREFIX.to_vec();
        c.push(last);
        der(0x06, &c)
    }

    fn name(cn: &str) -> Vec<u8> {
        der(
            0x30,
            &der(
                0x31,
                &der(0x30, &cat(&[der(0x06, &OID_CN), der(0x0C, cn.as_bytes())])),
            ),
        )
    }

    fn cert(cn: &str, serial: u8) -> Vec<u8> {
        let tbs = der(
            0x30,
            &cat(&[
                der(0xA0, &der(0x02, &[2])),
                der(0x02, &[serial]),
                der(0x30, &[]),
                name("Issuer CA"),
                der(0x30, &[]),
                name(cn),
            ]),
        );
        der(0x30, &cat(&[tbs, der(0x30, &[]), der(0x03, &[0])]))
    }

    fn signer_info(serial: u8) -> Vec<u8> {
        der(
            0x30,
            &cat(&[
                der(0x02, &[1]),
                der(0x30, &cat(&[name("Issuer CA"), der(0x02, &[serial])])),
            ]),
        )
    }

    /// A DER SignedData with two certificates; the signer is the second.
    fn der_envelope(payload: &[u8]) -> Vec<u8> {
        let encap = der(0x30, &cat(&[oid(1), der(0xA0, &der(0x04, payload))]));
        let sd = der(
            0x30,
            &cat(&[
                der(0x02, &[1]),
                der(0x31, &[]),
                encap,
                der(
                    0xA0,
                    &cat(&[cert("Intermediate", 1), cert("intune-lint-test", 2)]),
                ),
                der(0x31, &signer_info(2)),
            ]),
        );
        der(0x30, &cat(&[oid(2), der(0xA0, &sd)]))
    }

    /// The same in BER with indefinite lengths and a chunked, nested OCTET STRING.
    fn ber_envelope(chunks: &[&[u8]]) -> Vec<u8> {
        let octets = indef(
            0x24,
            &[
                der(0x04, chunks[0]),
                indef(
                    0x24,
                    &chunks[1..].iter().map(|c| der(0x04, c)).collect::<Vec<_>>(),
                ),
            ],
        );
        let encap = indef(0x30, &[oid(1), indef(0xA0, &[octets])]);
        let sd = indef(
            0x30,
            &[
                der(0x02, &[1]),
                der(0x31, &[]),
                encap,
                indef(0xA0, &[cert("solo", 9)]),
                der(0x31, &[]),
            ],
        );
        indef(0x30, &[oid(2), indef(0xA0, &[sd])])
    }

    #[test]
    fn unwraps_der_and_finds_the_signer() {
        let payload = b"<?xml version=\"1.0\"?><plist><dict/></plist>".repeat(5);
        let env = der_envelope(&payload);
        assert_eq!(&env[..2], &[0x30, 0x82]);
        assert!(looks_like_cms(&env));
        let u = unwrap(&env).unwrap();
        assert_eq!(u.content, payload);
        assert_eq!(u.signer.as_deref(), Some("intune-lint-test"));
    }

    #[test]
    fn unwraps_ber_indefinite_and_concatenates_chunks() {
        let env = ber_envelope(&[b"<?xml", b" version", b"=\"1.0\"?>"]);
        assert_eq!(&env[..2], &[0x30, 0x80]);
        assert!(looks_like_cms(&env));
        let u = unwrap(&env).unwrap();
        assert_eq!(u.content, b"<?xml version=\"1.0\"?>");
        assert_eq!(u.signer.as_deref(), Some("solo"));
    }

    #[test]
    fn explains_what_is_not_a_signed_profile() {
        let enveloped = der(0x30, &cat(&[oid(3), der(0xA0, &der(0x30, &[]))]));
        assert!(
            unwrap(&enveloped)
                .unwrap_err()
                .message
                .contains("EnvelopedData")
        );
        // Detached: encapContentInfo without content.
        let sd = der(
            0x30,
            &cat(&[
                der(0x02, &[1]),
                der(0x31, &[]),
                der(0x30, &oid(1)),
                der(0x31, &[]),
            ]),
        );
        let detached = der(0x30, &cat(&[oid(2), der(0xA0, &sd)]));
        assert!(unwrap(&detached).unwrap_err().message.contains("detached"));
        assert!(!looks_like_cms(b"0\x82\x01\x00hello"));
        assert!(!looks_like_cms(b"{\"a\": 1}"));
        assert!(!looks_like_cms(b"bplist00"));
    }

    #[test]
    fn truncated_and_garbage_input_is_an_error() {
        let env = der_envelope(b"<plist><true/></plist>");
        for i in 0..env.len() {
            let e = unwrap(&env[..i]).unwrap_err();
            assert!(e.offset.is_some());
        }
        let ber = ber_envelope(&[b"a", b"b", b"c"]);
        for i in 0..ber.len() {
            assert!(unwrap(&ber[..i]).is_err());
        }
        // Bit flips anywhere: never a panic.
        for bytes in [&env, &ber] {
            for i in 0..bytes.len() {
                for x in [0x01u8, 0x20, 0x80, 0xFF] {
                    let mut b = bytes.clone();
                    b[i] ^= x;
                    let _ = unwrap(&b);
                }
            }
        }
        // Deep indefinite nesting and absurd lengths.
        let mut deep = Vec::new();
        for _ in 0..100_000 {
            deep.extend([0x30, 0x80]);
        }
        assert!(unwrap(&deep).is_err());
        assert!(unwrap(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0]).is_err());
        assert!(unwrap(&[0x30, 0x88, 1, 2, 3, 4, 5, 6, 7, 8]).is_err());
        assert!(unwrap(&[]).is_err());
    }
}
