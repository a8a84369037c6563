//! Keys bound to their family: a [`VerifyingKey`] verifies only its own family's algorithms
//! (and only one algorithm, when restricted), and a [`SigningKey`] carries the one algorithm
//! it signs with. Both read PEM, DER and JWK (one constructor per kind of input:
//! `from_pem`, `from_der`, `from_jwk`) and write them back (`to_public_*`, `to_private_*`).

use crate::alg::KeyFamily;
use crate::alg::ecdsa::{EcPrivateKey, EcPublicKey};
use crate::alg::eddsa::{Ed25519PrivateKey, Ed25519PublicKey, Ed25519Verifier};
use crate::alg::hmac::HmacKey;
use crate::alg::rsa::{RsaPrivateKey, RsaPublicKey};
use crate::error::{KeyProblem, Result};
use crate::pem::{self, Document};

mod signing;
mod verifying;

pub use signing::SigningKey;
pub use verifying::VerifyingKey;

/// What a [`VerifyingKey`] verifies with: an HMAC secret, or a public key.
#[derive(Clone, Debug)]
pub(crate) enum VerifyingMaterial {
    Hmac(HmacKey),
    Rsa(RsaPublicKey),
    Ec(EcPublicKey),
    Ed25519(Ed25519Verifier),
}

impl VerifyingMaterial {
    pub(crate) fn family(&self) -> KeyFamily {
        match self {
            Self::Hmac(_) => KeyFamily::Hmac,
            Self::Rsa(_) => KeyFamily::Rsa,
            Self::Ec(_) => KeyFamily::Ec,
            Self::Ed25519(_) => KeyFamily::Ed25519,
        }
    }

    /// A public key from SPKI DER (RSA, EC or Ed25519).
    pub(crate) fn from_spki_der(der: &[u8]) -> Result<Self> {
        let oid = pem::spki_algorithm(der)?;
        if oid == pem::RSA_ENCRYPTION {
            Ok(Self::Rsa(RsaPublicKey::from_der(der)?))
        } else if oid == pem::EC_PUBLIC_KEY {
            Ok(Self::Ec(EcPublicKey::from_der(der)?))
        } else if oid == pem::ED25519 {
            Ok(Self::Ed25519(Ed25519PublicKey::from_der(der)?.into()))
        } else {
            Err(KeyProblem::UnsupportedKeyType.into())
        }
    }

    /// The public key as SPKI DER; an HMAC secret has no such form.
    fn to_spki_der(&self) -> Result<alloc::vec::Vec<u8>> {
        match self {
            Self::Hmac(_) => Err(KeyProblem::NoPemForm.into()),
            Self::Rsa(key) => key.to_spki_der(),
            Self::Ec(key) => key.to_spki_der(),
            Self::Ed25519(verifier) => verifier.key().to_spki_der(),
        }
    }
}

/// What a [`SigningKey`] signs with: an HMAC secret, or a private key.
#[derive(Clone, Debug)]
pub(crate) enum SigningMaterial {
    Hmac(HmacKey),
    Rsa(RsaPrivateKey),
    Ec(EcPrivateKey),
    Ed25519(Ed25519PrivateKey),
}

impl SigningMaterial {
    /// A private key from PKCS#8 DER.
    fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let oid = pem::pkcs8_algorithm(der)?;
        if oid == pem::RSA_ENCRYPTION {
            Ok(Self::Rsa(RsaPrivateKey::from_der(der)?))
        } else if oid == pem::EC_PUBLIC_KEY {
            Ok(Self::Ec(EcPrivateKey::from_der(der)?))
        } else if oid == pem::ED25519 {
            Ok(Self::Ed25519(Ed25519PrivateKey::from_der(der)?))
        } else {
            Err(KeyProblem::UnsupportedKeyType.into())
        }
    }

    /// A private key from PKCS#8 DER, PKCS#1 `RSAPrivateKey` DER or SEC1 `ECPrivateKey` DER.
    pub(crate) fn from_der(der: &[u8]) -> Result<Self> {
        Self::from_pkcs8_der(der).or_else(|not_pkcs8| {
            RsaPrivateKey::from_pkcs1_der(der)
                .map(Self::Rsa)
                .or_else(|_| EcPrivateKey::from_sec1_der(der).map(Self::Ec))
                .map_err(|_| not_pkcs8)
        })
    }

    fn from_pem(text: &str) -> Result<Self> {
        match pem::decode(text)? {
            Document::Pkcs8(der) => Self::from_pkcs8_der(&der),
            Document::RsaPrivate(der) => Ok(Self::Rsa(RsaPrivateKey::from_pkcs1_der(&der)?)),
            Document::EcPrivate(der) => Ok(Self::Ec(EcPrivateKey::from_sec1_der(&der)?)),
            Document::Spki(_) | Document::RsaPublic(_) => Err(KeyProblem::NotAPrivateKey.into()),
        }
    }

    /// The material that verifies this material's signatures.
    pub(crate) fn verifying(&self) -> VerifyingMaterial {
        match self {
            Self::Hmac(key) => VerifyingMaterial::Hmac(key.clone()),
            Self::Rsa(key) => VerifyingMaterial::Rsa(key.public_key()),
            Self::Ec(key) => VerifyingMaterial::Ec(key.public_key()),
            Self::Ed25519(key) => VerifyingMaterial::Ed25519(key.public_key().into()),
        }
    }

    /// The private key as PKCS#8 DER; an HMAC secret has no such form.
    fn to_pkcs8_der(&self) -> Result<zeroize::Zeroizing<alloc::vec::Vec<u8>>> {
        match self {
            Self::Hmac(_) => Err(KeyProblem::NoPemForm.into()),
            Self::Rsa(key) => key.to_pkcs8_der(),
            Self::Ec(key) => key.to_pkcs8_der(),
            Self::Ed25519(key) => key.to_pkcs8_der(),
        }
    }
}
