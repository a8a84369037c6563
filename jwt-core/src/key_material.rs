//! Key bytes whose form the caller did not say, sorted by what they are: how the Python and
//! JavaScript packages read a "key" given as a string or bytes, as PyJWT and jsonwebtoken
//! take one, so that both read the same bytes the same way.

use core::str;

use crate::error::{Error, KeyProblem, Result};
use crate::jwk::Jwk;
use crate::jwk_set::JwkSet;
use crate::key::VerifyingKey;

/// Key bytes sorted by their form. Anything that is a key in some encoding (PEM, DER, a JWK
/// or a JWK Set) is that key, and never an HMAC secret: only bytes that are none of them are
/// a [`Secret`](Self::Secret). SSH public keys and PEM documents that are not keys (a
/// certificate) are refused rather than taken for secrets.
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

impl<'a> KeyMaterial<'a> {
    /// Sorts `bytes`: PEM armour (`-----BEGIN`) is PEM; an SSH public key is refused
    /// ([`KeyProblem::UnsupportedKeyType`]); a DER structure that is a key is DER, and one of a
    /// key this library refuses (a P-521 or X25519 key, an RSA modulus under 2048 bits) is
    /// refused with the reason; a JSON
    /// object naming `kty` is a JWK and one holding `keys` a JWK Set (parsed strictly: a
    /// malformed one is refused, not taken for a secret); anything else is a secret.
    pub fn sort(bytes: &'a [u8]) -> Result<Self> {
        if bytes.windows(10).any(|window| window == b"-----BEGIN") {
            let text = str::from_utf8(bytes).map_err(|_| KeyProblem::MalformedPem)?;
            return Ok(Self::Pem(text));
        }
        if SSH_PREFIXES.iter().any(|prefix| bytes.starts_with(prefix)) {
            return Err(KeyProblem::UnsupportedKeyType.into());
        }
        if bytes.first() == Some(&0x30) {
            // A key structure this library refuses (another curve, a weak RSA modulus) is
            // still a key: refused, never a secret. Only bytes that are no key structure go on.
            match VerifyingKey::from_der(bytes) {
                Ok(_) => return Ok(Self::Der(bytes)),
                Err(Error::InvalidKey(KeyProblem::MalformedDer)) => {}
                Err(refused) => return Err(refused),
            }
        }
        let json = bytes.trim_ascii();
        if json.first() == Some(&b'{')
            && let Ok(text) = str::from_utf8(json)
            && let Ok(serde_json::Value::Object(members)) =
                serde_json::from_str::<serde_json::Value>(text)
        {
            if members.contains_key("kty") {
                return text.parse().map(Self::Jwk);
            }
            if members.contains_key("keys") {
                return text.parse().map(Self::JwkSet);
            }
        }
        Ok(Self::Secret(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::JwkProblem;
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
    fn everything_else_is_a_secret() {
        for secret in [
            &b"0123456789abcdef0123456789abcdef"[..],
            b"\x30\x03\x02\x01\x01",
            br#"{"not":"a key"}"#,
            b"[1, 2, 3]",
            b"",
        ] {
            assert_eq!(KeyMaterial::sort(secret), Ok(KeyMaterial::Secret(secret)));
        }
    }
}
