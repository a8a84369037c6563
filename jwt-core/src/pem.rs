//! PEM documents (RFC 7468): the label says which DER structure follows.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use pkcs8::der::asn1::ObjectIdentifier;
use zeroize::Zeroizing;

use crate::error::{KeyProblem, Result};

/// `rsaEncryption` (RFC 8017 appendix C).
pub(crate) const RSA_ENCRYPTION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `id-Ed25519` (RFC 8410).
pub(crate) const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
/// `id-ecPublicKey` (RFC 5480): an EC key, its curve named by the algorithm's parameters.
pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// The DER inside a PEM document, by label.
pub(crate) enum Document {
    /// `PUBLIC KEY`: SPKI.
    Spki(Vec<u8>),
    /// `RSA PUBLIC KEY`: PKCS#1.
    RsaPublic(Vec<u8>),
    /// `PRIVATE KEY`: PKCS#8.
    Pkcs8(Zeroizing<Vec<u8>>),
    /// `RSA PRIVATE KEY`: PKCS#1.
    RsaPrivate(Zeroizing<Vec<u8>>),
    /// `EC PRIVATE KEY`: SEC1 (RFC 5915).
    EcPrivate(Zeroizing<Vec<u8>>),
}

/// Decodes one PEM document with one of the five key labels.
pub(crate) fn decode(pem: &str) -> Result<Document> {
    let (label, der) =
        pkcs8::der::pem::decode_vec(pem.trim().as_bytes()).map_err(|_| KeyProblem::MalformedPem)?;
    Ok(match label {
        "PUBLIC KEY" => Document::Spki(der),
        "RSA PUBLIC KEY" => Document::RsaPublic(der),
        "PRIVATE KEY" => Document::Pkcs8(Zeroizing::new(der)),
        "RSA PRIVATE KEY" => Document::RsaPrivate(Zeroizing::new(der)),
        "EC PRIVATE KEY" => Document::EcPrivate(Zeroizing::new(der)),
        other => return Err(KeyProblem::UnsupportedPemLabel(other.to_string()).into()),
    })
}

/// Encodes `der` as a PEM document with `label` and LF line endings.
pub(crate) fn encode(label: &str, der: &[u8]) -> Result<String> {
    pkcs8::der::pem::encode_string(label, pkcs8::der::pem::LineEnding::LF, der)
        .map_err(|_| KeyProblem::Unencodable.into())
}

/// The algorithm OID of an SPKI structure.
pub(crate) fn spki_algorithm(der: &[u8]) -> Result<ObjectIdentifier> {
    use pkcs8::der::Decode;
    let spki = pkcs8::spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|_| KeyProblem::MalformedDer)?;
    Ok(spki.algorithm.oid)
}

/// The algorithm OID of a PKCS#8 structure.
pub(crate) fn pkcs8_algorithm(der: &[u8]) -> Result<ObjectIdentifier> {
    use pkcs8::der::Decode;
    let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|_| KeyProblem::MalformedDer)?;
    Ok(info.algorithm.oid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn refuses_other_labels_and_garbage() {
        let cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assert!(matches!(
            decode(cert),
            Err(Error::InvalidKey(KeyProblem::UnsupportedPemLabel(label))) if label == "CERTIFICATE"
        ));
        for garbage in [
            "",
            "not a key",
            "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----",
        ] {
            assert!(matches!(
                decode(garbage),
                Err(Error::InvalidKey(KeyProblem::MalformedPem))
            ));
        }
    }
}
