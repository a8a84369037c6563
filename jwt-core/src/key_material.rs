//! Key bytes whose form the caller did not say, sorted by what they are: how the Python and
//! JavaScript packages read a "key" given as a string or bytes, as PyJWT and jsonwebtoken
//! take one, so that both read the same bytes the same way.

use alloc::borrow::Cow;
use alloc::string::String;
use core::str;

use serde_json::Value;

use crate::error::{Error, KeyProblem, Result};
use crate::jwk::Jwk;
use crate::jwk_set::JwkSet;
use crate::key::VerifyingKey;

/// Key bytes sorted by their form. Anything that is a key in some encoding (PEM, DER, a JWK
/// or a JWK Set) is that key, and never an HMAC secret: only bytes that are none of them are
/// a [`Secret`](Self::Secret). Bytes that hold a key or a certificate this library does not
/// read (an SSH public key, a DER key of another type, an X.509 certificate, JWKs nested in
/// other JSON) are refused rather than taken for secrets: used as one, they are how an
/// algorithm-confusion attack turns a public key into a MAC key.
///
/// ```
/// use jwt_core::KeyMaterial;
///
/// let pem = include_str!("../tests/keys/ed25519-public-spki.pem");
/// assert!(matches!(KeyMaterial::sort(pem.as_bytes())?, KeyMaterial::Pem(_)));
/// let jwk = br#"{"kty":"oct","k":"c2VjcmV0"}"#;
/// assert!(matches!(KeyMaterial::sort(jwk)?, KeyMaterial::Jwk(_)));
/// let secret = b"a secret of at least 32 random bytes";
/// assert!(matches!(KeyMaterial::sort(secret)?, KeyMaterial::Secret(_)));
/// assert!(KeyMaterial::sort(b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5").is_err());
/// assert!(KeyMaterial::sort(br#"[{"kty":"oct","k":"c2VjcmV0"}]"#).is_err());
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum KeyMaterial<'a> {
    /// PEM text (any label: [`VerifyingKey::from_pem`] says which it reads).
    Pem(&'a str),
    /// A DER key: SPKI, PKCS#1 `RSAPublicKey`, PKCS#8 or PKCS#1 `RSAPrivateKey`.
    Der(&'a [u8]),
    /// A JSON object with a `kty` member.
    Jwk(Jwk),
    /// A JSON object with a `keys` member.
    JwkSet(JwkSet),
    /// Anything else: an HMAC secret, whose strength is judged when it is made a key.
    Secret(&'a [u8]),
}

/// The beginnings of SSH public keys (RFC 4253 section 6.6, RFC 5656 section 3.1).
const SSH_PREFIXES: [&[u8]; 6] = [
    b"ssh-ed25519",
    b"ssh-rsa",
    b"ssh-dss",
    b"ecdsa-sha2-nistp256",
    b"ecdsa-sha2-nistp384",
    b"ecdsa-sha2-nistp521",
];

/// The UTF-8 byte order mark, which text from some editors and platforms starts with.
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

impl<'a> KeyMaterial<'a> {
    /// Sorts `bytes` (a UTF-8 byte order mark before text is skipped): PEM armour
    /// (`-----BEGIN`) is PEM; an SSH public key is refused
    /// ([`KeyProblem::UnsupportedKeyType`]); a DER structure that is a key is DER, and one
    /// that is a key this library refuses (of another type or curve, too weak) or a
    /// certificate is refused; JSON (UTF-8, -16 or -32)
    /// that is an object naming `kty` is a JWK, one holding `keys` a JWK Set (both parsed
    /// strictly: a malformed one is refused, not taken for a secret), and other JSON with a
    /// `kty` member anywhere is refused ([`KeyProblem::NotAnHmacSecret`]); anything else is
    /// a secret.
    pub fn sort(bytes: &'a [u8]) -> Result<Self> {
        let text = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
        if Self::is_pem(text) {
            let text = str::from_utf8(text).map_err(|_| KeyProblem::MalformedPem)?;
            return Ok(Self::Pem(text));
        }
        if starts_as_ssh_public_key(text) {
            return Err(KeyProblem::UnsupportedKeyType.into());
        }
        if text.first() == Some(&0x30) {
            // A key structure this library refuses (another key type or curve, a weak RSA
            // modulus, a point off its curve) is still a key: refused with the reason, never a
            // secret. Only bytes that are no key structure (and no certificate) go on.
            match VerifyingKey::from_der(text) {
                Ok(_) => return Ok(Self::Der(text)),
                Err(Error::InvalidKey(KeyProblem::MalformedDer)) if is_certificate(text) => {
                    return Err(KeyProblem::NotAnHmacSecret.into());
                }
                Err(Error::InvalidKey(KeyProblem::MalformedDer)) => {}
                Err(refused) => return Err(refused),
            }
        }
        if let Some(json) = json_text(bytes) {
            return sort_json(json).map(|sorted| sorted.unwrap_or(Self::Secret(bytes)));
        }
        Ok(Self::Secret(bytes))
    }

    /// Whether `bytes` hold PEM armour (`-----BEGIN`): what [`sort`](Self::sort) reads as PEM.
    ///
    /// ```
    /// use jwt_core::KeyMaterial;
    /// assert!(KeyMaterial::is_pem(b"-----BEGIN PUBLIC KEY-----\nMCow..."));
    /// assert!(!KeyMaterial::is_pem(b"a secret of at least 32 random bytes"));
    /// ```
    pub fn is_pem(bytes: &[u8]) -> bool {
        bytes.windows(10).any(|window| window == b"-----BEGIN")
    }

    /// Whether `bytes` (after a UTF-8 byte order mark) begin as an OpenSSH public key line:
    /// what [`sort`](Self::sort) refuses as [`KeyProblem::UnsupportedKeyType`].
    ///
    /// ```
    /// use jwt_core::KeyMaterial;
    /// assert!(KeyMaterial::is_ssh_public_key(b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5"));
    /// assert!(!KeyMaterial::is_ssh_public_key(b"a secret of at least 32 random bytes"));
    /// ```
    pub fn is_ssh_public_key(bytes: &[u8]) -> bool {
        starts_as_ssh_public_key(bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes))
    }
}

/// Whether `text` (a byte order mark already taken off) begins as an OpenSSH public key line.
fn starts_as_ssh_public_key(text: &[u8]) -> bool {
    SSH_PREFIXES.iter().any(|prefix| text.starts_with(prefix))
}

/// What JSON text holds: a JWK, a JWK Set, a refusal for JWKs in another shape, or `None`
/// for JSON that is no key (a secret).
fn sort_json(json: Cow<'_, str>) -> Result<Option<KeyMaterial<'static>>> {
    let Ok(value) = serde_json::from_str::<Value>(&json) else {
        // Not JSON after all (or nested too deep to read): refused if it names `kty`.
        return match json.contains("\"kty\"") {
            true => Err(KeyProblem::NotAnHmacSecret.into()),
            false => Ok(None),
        };
    };
    match &value {
        Value::Object(members) if members.contains_key("kty") => {
            json.parse().map(KeyMaterial::Jwk).map(Some)
        }
        Value::Object(members) if members.contains_key("keys") => {
            json.parse().map(KeyMaterial::JwkSet).map(Some)
        }
        _ if names_kty(&value) => Err(KeyProblem::NotAnHmacSecret.into()),
        _ => Ok(None),
    }
}

/// Whether an object anywhere in `value` has a `kty` member.
fn names_kty(value: &Value) -> bool {
    let mut pending = alloc::vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(members) if members.contains_key("kty") => return true,
            Value::Object(members) => pending.extend(members.values()),
            Value::Array(items) => pending.extend(items),
            _ => {}
        }
    }
    false
}

/// `bytes` as JSON text if they are text that starts, after whitespace, with `{` or `[`: in
/// UTF-8, or in UTF-16 or UTF-32, recognised by a byte order mark or by the zero bytes of
/// their first characters (RFC 4627 section 3).
fn json_text(bytes: &[u8]) -> Option<Cow<'_, str>> {
    let text = match bytes {
        [0xef, 0xbb, 0xbf, rest @ ..] => Cow::Borrowed(str::from_utf8(rest).ok()?),
        [0x00, 0x00, 0xfe, 0xff, rest @ ..] => utf32(rest, u32::from_be_bytes)?,
        [0xff, 0xfe, 0x00, 0x00, rest @ ..] => utf32(rest, u32::from_le_bytes)?,
        [0xfe, 0xff, rest @ ..] => utf16(rest, u16::from_be_bytes)?,
        [0xff, 0xfe, rest @ ..] => utf16(rest, u16::from_le_bytes)?,
        [0x00, 0x00, 0x00, _, ..] => utf32(bytes, u32::from_be_bytes)?,
        [_, 0x00, 0x00, 0x00, ..] => utf32(bytes, u32::from_le_bytes)?,
        [0x00, _, ..] => utf16(bytes, u16::from_be_bytes)?,
        [_, 0x00, ..] => utf16(bytes, u16::from_le_bytes)?,
        _ => Cow::Borrowed(str::from_utf8(bytes).ok()?),
    };
    matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'[')).then_some(text)
}

/// UTF-16 text in units read by `unit`.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<Cow<'static, str>> {
    let (units, []) = bytes.as_chunks::<2>() else {
        return None;
    };
    char::decode_utf16(units.iter().map(|pair| unit(*pair)))
        .collect::<core::result::Result<String, _>>()
        .ok()
        .map(Cow::Owned)
}

/// UTF-32 text in units read by `unit`.
fn utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> Option<Cow<'static, str>> {
    let (units, []) = bytes.as_chunks::<4>() else {
        return None;
    };
    units
        .iter()
        .map(|quad| char::from_u32(unit(*quad)))
        .collect::<Option<String>>()
        .map(Cow::Owned)
}

/// Whether `der` is shaped as an X.509 certificate (RFC 5280 section 4.1): a sequence of a
/// sequence (the certificate's contents), a sequence (the signature algorithm) and a bit
/// string (the signature), and nothing after it.
fn is_certificate(der: &[u8]) -> bool {
    use pkcs8::der::asn1::{AnyRef, BitStringRef};
    use pkcs8::der::{Decode, Reader, SliceReader, Tag, Tagged};
    let certificate = |reader: &mut SliceReader<'_>| {
        reader.sequence(|fields| {
            let contents = AnyRef::decode(fields)?;
            let algorithm = AnyRef::decode(fields)?;
            BitStringRef::decode(fields)?;
            Ok::<_, pkcs8::der::Error>(
                contents.tag() == Tag::Sequence && algorithm.tag() == Tag::Sequence,
            )
        })
    };
    SliceReader::new(der)
        .and_then(|mut reader| {
            let shaped = certificate(&mut reader)?;
            Ok::<_, pkcs8::der::Error>(shaped && reader.is_finished())
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, JwkProblem};
    use alloc::format;
    use alloc::string::ToString;

    const RSA_PKCS8: &str = include_str!("../tests/keys/rsa2048-private-pkcs8.pem");

    #[test]
    fn keys_in_any_encoding_are_never_secrets() {
        let key = VerifyingKey::from_pem(RSA_PKCS8).unwrap();
        let der = key.to_public_der().unwrap();
        assert_eq!(KeyMaterial::sort(&der), Ok(KeyMaterial::Der(&der)));
        let private = crate::SigningKey::from_pem(crate::Algorithm::RS256, RSA_PKCS8).unwrap();
        let private_der = private.to_private_der().unwrap();
        assert_eq!(
            KeyMaterial::sort(&private_der),
            Ok(KeyMaterial::Der(&private_der))
        );
        assert_eq!(
            KeyMaterial::sort(RSA_PKCS8.as_bytes()),
            Ok(KeyMaterial::Pem(RSA_PKCS8))
        );
        let certificate = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert_eq!(
            KeyMaterial::sort(certificate.as_bytes()),
            Ok(KeyMaterial::Pem(certificate))
        );
        let jwk = key.to_public_jwk().unwrap().to_string();
        assert!(matches!(
            KeyMaterial::sort(jwk.as_bytes()),
            Ok(KeyMaterial::Jwk(_))
        ));
        let set = JwkSet::new([key.to_public_jwk().unwrap()]).to_string();
        assert!(matches!(
            KeyMaterial::sort(format!("  {set}\n").as_bytes()),
            Ok(KeyMaterial::JwkSet(_))
        ));
        for ssh in [&b"ssh-rsa AAAAB3NzaC1yc2E"[..], b"ecdsa-sha2-nistp256 AAAA"] {
            assert_eq!(
                KeyMaterial::sort(ssh),
                Err(Error::InvalidKey(KeyProblem::UnsupportedKeyType))
            );
        }
    }

    #[test]
    fn ec_keys_and_refused_keys_in_der_are_never_secrets() {
        let der = |pem| match crate::pem::decode(pem).unwrap() {
            crate::pem::Document::Spki(der) => der,
            crate::pem::Document::EcPrivate(der) | crate::pem::Document::Pkcs8(der) => der.to_vec(),
            _ => panic!("an SPKI, SEC1 or PKCS#8 test key"),
        };
        for pem in [
            include_str!("../tests/keys/p256-public-spki.pem"),
            include_str!("../tests/keys/p256-private-sec1.pem"),
            include_str!("../tests/keys/p384-private-pkcs8.pem"),
        ] {
            let der = der(pem);
            assert_eq!(KeyMaterial::sort(&der), Ok(KeyMaterial::Der(&der)));
        }
        for (pem, problem) in [
            (
                include_str!("../tests/keys/p521-public-spki.pem"),
                KeyProblem::UnsupportedKeyType,
            ),
            (
                include_str!("../tests/keys/x25519-public-spki.pem"),
                KeyProblem::UnsupportedKeyType,
            ),
            (
                include_str!("../tests/keys/rsa1024-public-spki.pem"),
                KeyProblem::RsaModulusTooSmall { bits: 1024 },
            ),
        ] {
            assert_eq!(
                KeyMaterial::sort(&der(pem)),
                Err(Error::InvalidKey(problem))
            );
        }
    }

    #[test]
    fn malformed_keys_are_refused_not_taken_for_secrets() {
        assert_eq!(
            KeyMaterial::sort(br#"{"kty":"oct","kty":"oct"}"#),
            Err(JwkProblem::DuplicateMember("kty".into()).into())
        );
        assert_eq!(
            KeyMaterial::sort(b"\xff-----BEGIN PUBLIC KEY-----"),
            Err(Error::InvalidKey(KeyProblem::MalformedPem))
        );
    }

    #[test]
    fn keys_in_other_shapes_are_refused_not_taken_for_secrets() {
        let not_a_secret = Err(Error::InvalidKey(KeyProblem::NotAnHmacSecret));
        let jwk = br#"{"kty":"oct","k":"c2VjcmV0"}"#;
        for wrapped in [
            format!("[{}]", str::from_utf8(jwk).unwrap()),
            format!(r#"{{"key":{}}}"#, str::from_utf8(jwk).unwrap()),
            format!("{}{{\"kty\":1}}{}", "[".repeat(200), "]".repeat(200)),
            r#"{"kty":"oct","exp":1e400}"#.into(),
        ] {
            assert_eq!(
                KeyMaterial::sort(wrapped.as_bytes()),
                not_a_secret,
                "{wrapped}"
            );
        }
        // SEQUENCE { SEQUENCE {}, SEQUENCE {}, BIT STRING }: shaped as a certificate.
        let certificate = b"\x30\x07\x30\x00\x30\x00\x03\x01\x00";
        assert_eq!(KeyMaterial::sort(certificate), not_a_secret);
        let x25519 = match crate::pem::decode(include_str!("../tests/keys/x25519-public-spki.pem"))
        {
            Ok(crate::pem::Document::Spki(der)) => der,
            _ => panic!("SPKI"),
        };
        assert_eq!(
            KeyMaterial::sort(&x25519),
            Err(Error::InvalidKey(KeyProblem::UnsupportedKeyType))
        );
    }

    #[test]
    fn text_is_read_past_a_byte_order_mark_and_in_utf16_and_utf32() {
        let jwk = r#"{"kty":"oct","k":"c2VjcmV0"}"#;
        let utf8_bom = [&b"\xef\xbb\xbf"[..], jwk.as_bytes()].concat();
        let utf16le: alloc::vec::Vec<u8> = jwk.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be_bom: alloc::vec::Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(jwk.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let utf32le: alloc::vec::Vec<u8> = jwk
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        for bytes in [&utf8_bom, &utf16le, &utf16be_bom, &utf32le] {
            assert!(
                matches!(KeyMaterial::sort(bytes), Ok(KeyMaterial::Jwk(_))),
                "{bytes:?}"
            );
        }
        let pem = include_str!("../tests/keys/ed25519-public-spki.pem");
        let pem_bom = [&b"\xef\xbb\xbf"[..], pem.as_bytes()].concat();
        assert_eq!(KeyMaterial::sort(&pem_bom), Ok(KeyMaterial::Pem(pem)));
    }

    #[test]
    fn everything_else_is_a_secret() {
        for secret in [
            &b"0123456789abcdef0123456789abcdef"[..],
            b"\x30\x03\x02\x01\x01",
            br#"{"not":"a key"}"#,
            b"[1, 2, 3]",
            b"{not json",
            b"\xff\xfe\x00",
            b"",
        ] {
            assert_eq!(KeyMaterial::sort(secret), Ok(KeyMaterial::Secret(secret)));
        }
    }
}
