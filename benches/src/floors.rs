//! The primitive floors: the cheapest way to do each part of the work with the crates jwt-core
//! is built on (and `ring` as the assembly-optimised reference), on the same token and keys.
//! A library cannot beat the sum of the floors of the work it must do; how close it gets is
//! its overhead.

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{KeyInit, Mac};
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use sha2::Sha256;

use crate::{BenchClaims, HMAC_SECRET, keys};

/// A token split into its parts, decoded ahead of time.
struct Parts {
    signing_input: String,
    segments: [String; 3],
    payload: Vec<u8>,
    signature: Vec<u8>,
}

impl Parts {
    fn new(token: &str) -> Self {
        let mut segments = token.split('.').map(String::from);
        let mut next = || segments.next().expect("three segments");
        let segments = [next(), next(), next()];
        let decode = |text: &str| Base64UrlUnpadded::decode_vec(text).expect("base64url");
        Self {
            signing_input: format!("{}.{}", segments[0], segments[1]),
            payload: decode(&segments[1]),
            signature: decode(&segments[2]),
            segments,
        }
    }
}

/// HS256: the MAC, the base64url decoding and the claims parsing, each alone.
pub struct Hs256Floor {
    keyed: hmac::Hmac<Sha256>,
    parts: Parts,
}

impl Hs256Floor {
    /// The floors for `token`, an HS256 token under [`HMAC_SECRET`].
    pub fn new(token: &str) -> Self {
        Self {
            keyed: hmac::Hmac::<Sha256>::new_from_slice(HMAC_SECRET).expect("any length"),
            parts: Parts::new(token),
        }
    }

    /// HMAC-SHA256 of the signing input from the precomputed keyed state, compared in
    /// constant time with the signature.
    pub fn hmac(&self) -> bool {
        let mut mac = self.keyed.clone();
        mac.update(self.parts.signing_input.as_bytes());
        mac.verify_slice(&self.parts.signature).is_ok()
    }

    /// Strict base64url decoding of the three segments into `buffer` (no allocation), which
    /// must hold the largest decoded segment. Returns the decoded length in total.
    pub fn base64(&self, buffer: &mut [u8]) -> usize {
        self.parts
            .segments
            .iter()
            .map(|segment| {
                Base64UrlUnpadded::decode(segment, buffer)
                    .expect("base64url")
                    .len()
            })
            .sum()
    }

    /// The same with the `base64` crate (table-driven, not constant-time; the decoder
    /// jsonwebtoken uses), configured as strictly: URL alphabet, no padding, canonical
    /// trailing bits.
    pub fn base64_table(&self, buffer: &mut [u8]) -> usize {
        use base64::Engine as _;
        self.parts
            .segments
            .iter()
            .map(|segment| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode_slice_unchecked(segment, buffer)
                    .expect("base64url")
            })
            .sum()
    }

    /// A buffer large enough for [`base64`](Self::base64).
    pub fn base64_buffer(&self) -> Vec<u8> {
        vec![0; self.parts.payload.len().max(256)]
    }

    /// The decoded payload parsed into the typed claims.
    pub fn claims(&self) -> BenchClaims {
        serde_json::from_slice(&self.parts.payload).expect("claims")
    }

    /// The decoded payload.
    pub fn payload(&self) -> &[u8] {
        &self.parts.payload
    }
}

/// RS256: PKCS#1 v1.5 with SHA-256 in the `rsa` crate jwt-core uses, and `ring`'s verification.
pub struct Rs256Floor {
    signing: rsa::pkcs1v15::SigningKey<Sha256>,
    verifying: rsa::pkcs1v15::VerifyingKey<Sha256>,
    ring: ring::signature::UnparsedPublicKey<Vec<u8>>,
    parts: Parts,
}

impl Rs256Floor {
    /// The floors for `token`, an RS256 token under the test key.
    pub fn new(token: &str) -> Self {
        let private = rsa::RsaPrivateKey::from_pkcs8_pem(keys::RSA_PRIVATE).expect("RSA key");
        let public = rsa::RsaPublicKey::from_public_key_pem(keys::RSA_PUBLIC).expect("RSA key");
        let pkcs1 = public.to_pkcs1_der().expect("encodes").into_vec();
        Self {
            signing: rsa::pkcs1v15::SigningKey::new(private),
            verifying: rsa::pkcs1v15::VerifyingKey::new(public),
            ring: ring::signature::UnparsedPublicKey::new(
                &ring::signature::RSA_PKCS1_2048_8192_SHA256,
                pkcs1,
            ),
            parts: Parts::new(token),
        }
    }

    /// `rsa`: SHA-256 of the signing input and the signature (CRT, no blinding, as
    /// `rsa::RsaPrivateKey::sign`).
    pub fn rsa_sign(&self) -> Vec<u8> {
        self.signing
            .sign(self.parts.signing_input.as_bytes())
            .to_vec()
    }

    /// `rsa`: SHA-256 of the signing input and the signature check.
    pub fn rsa_verify(&self) -> bool {
        let signature =
            rsa::pkcs1v15::Signature::try_from(self.parts.signature.as_slice()).expect("length");
        self.verifying
            .verify(self.parts.signing_input.as_bytes(), &signature)
            .is_ok()
    }

    /// `ring`: the signature check (the key is parsed on each call, as ring does).
    pub fn ring_verify(&self) -> bool {
        self.ring
            .verify(self.parts.signing_input.as_bytes(), &self.parts.signature)
            .is_ok()
    }
}

/// PS256: RSASSA-PSS with SHA-256 (salt of 32 bytes) in the `rsa` crate jwt-core signs
/// with, and `ring`'s verification.
pub struct Ps256Floor {
    private: rsa::RsaPrivateKey,
    verifying: rsa::pss::VerifyingKey<Sha256>,
    ring: ring::signature::UnparsedPublicKey<Vec<u8>>,
    parts: Parts,
}

impl Ps256Floor {
    /// The floors for `token`, a PS256 token under the test RSA key.
    pub fn new(token: &str) -> Self {
        let private = rsa::RsaPrivateKey::from_pkcs8_pem(keys::RSA_PRIVATE).expect("RSA key");
        let public = rsa::RsaPublicKey::from_public_key_pem(keys::RSA_PUBLIC).expect("RSA key");
        let pkcs1 = public.to_pkcs1_der().expect("encodes").into_vec();
        Self {
            private,
            verifying: rsa::pss::VerifyingKey::new(public),
            ring: ring::signature::UnparsedPublicKey::new(
                &ring::signature::RSA_PSS_2048_8192_SHA256,
                pkcs1,
            ),
            parts: Parts::new(token),
        }
    }

    /// `rsa`: SHA-256 of the signing input and the PSS signature with a random 32-byte salt
    /// and blinding, as jwt-core signs.
    pub fn rsa_sign(&self) -> Vec<u8> {
        use rsa::traits::SignatureScheme;
        let hashed = <Sha256 as sha2::Digest>::digest(self.parts.signing_input.as_bytes());
        rsa::pss::Pss::<Sha256>::new()
            .sign(Some(&mut getrandom::SysRng), &self.private, &hashed)
            .expect("signs")
    }

    /// `rsa`: SHA-256 of the signing input and the PSS check with the salt length fixed.
    pub fn rsa_verify(&self) -> bool {
        let signature =
            rsa::pss::Signature::try_from(self.parts.signature.as_slice()).expect("length");
        self.verifying
            .verify(self.parts.signing_input.as_bytes(), &signature)
            .is_ok()
    }

    /// `ring`: the signature check (the key is parsed on each call, as ring does).
    pub fn ring_verify(&self) -> bool {
        self.ring
            .verify(self.parts.signing_input.as_bytes(), &self.parts.signature)
            .is_ok()
    }
}

/// The ECDSA floors of one curve: its crate's signing and verification (the crates jwt-core
/// uses), and `ring`'s verification.
macro_rules! ecdsa_floor {
    ($name:ident, $alg:literal, $curve:ident, $private:expr, $ring:expr) => {
        #[doc = concat!($alg, ": ECDSA in `", stringify!($curve), "` and `ring`'s verification.")]
        pub struct $name {
            signing: $curve::ecdsa::SigningKey,
            verifying: $curve::ecdsa::VerifyingKey,
            ring: ring::signature::UnparsedPublicKey<Vec<u8>>,
            parts: Parts,
        }

        impl $name {
            #[doc = concat!("The floors for `token`, an ", $alg, " token under the test key.")]
            pub fn new(token: &str) -> Self {
                let signing = $curve::ecdsa::SigningKey::from_pkcs8_pem($private).expect("EC key");
                let verifying = *signing.verifying_key();
                let point = verifying.to_sec1_point(false).as_bytes().to_vec();
                Self {
                    ring: ring::signature::UnparsedPublicKey::new($ring, point),
                    signing,
                    verifying,
                    parts: Parts::new(token),
                }
            }

            /// The signature `r || s` of the signing input (RFC 6979 nonce, as jwt-core signs).
            pub fn sign(&self) -> Vec<u8> {
                let signature: $curve::ecdsa::Signature =
                    self.signing.sign(self.parts.signing_input.as_bytes());
                signature.to_bytes().to_vec()
            }

            /// The token's signature `r || s` read and checked over the signing input.
            pub fn verify(&self) -> bool {
                $curve::ecdsa::Signature::from_slice(&self.parts.signature).is_ok_and(|signature| {
                    self.verifying
                        .verify(self.parts.signing_input.as_bytes(), &signature)
                        .is_ok()
                })
            }

            /// `ring`: the signature check (the key is parsed on each call, as ring does).
            pub fn ring_verify(&self) -> bool {
                self.ring
                    .verify(self.parts.signing_input.as_bytes(), &self.parts.signature)
                    .is_ok()
            }
        }
    };
}

ecdsa_floor!(
    Es256Floor,
    "ES256",
    p256,
    keys::P256_PRIVATE,
    &ring::signature::ECDSA_P256_SHA256_FIXED
);
ecdsa_floor!(
    Es384Floor,
    "ES384",
    p384,
    keys::P384_PRIVATE,
    &ring::signature::ECDSA_P384_SHA384_FIXED
);

/// EdDSA: Ed25519 in `ed25519-dalek` (which jwt-core uses) and `ring`'s verification.
pub struct EdDsaFloor {
    signing: ed25519_dalek::SigningKey,
    verifying: ed25519_dalek::VerifyingKey,
    ring: ring::signature::UnparsedPublicKey<[u8; 32]>,
    parts: Parts,
}

impl EdDsaFloor {
    /// The floors for `token`, an EdDSA token under the test key.
    pub fn new(token: &str) -> Self {
        use ed25519_dalek::pkcs8::DecodePrivateKey as _;
        let signing =
            ed25519_dalek::SigningKey::from_pkcs8_pem(keys::ED25519_PRIVATE).expect("Ed25519 key");
        let verifying = signing.verifying_key();
        Self {
            ring: ring::signature::UnparsedPublicKey::new(
                &ring::signature::ED25519,
                verifying.to_bytes(),
            ),
            signing,
            verifying,
            parts: Parts::new(token),
        }
    }

    /// `ed25519-dalek`: `sign` over the signing input.
    pub fn dalek_sign(&self) -> [u8; 64] {
        self.signing
            .sign(self.parts.signing_input.as_bytes())
            .to_bytes()
    }

    /// `ed25519-dalek`: `verify_strict` over the signing input.
    pub fn dalek_verify_strict(&self) -> bool {
        let signature =
            ed25519_dalek::Signature::from_slice(&self.parts.signature).expect("length");
        self.verifying
            .verify_strict(self.parts.signing_input.as_bytes(), &signature)
            .is_ok()
    }

    /// `ring`: the signature check.
    pub fn ring_verify(&self) -> bool {
        self.ring
            .verify(self.parts.signing_input.as_bytes(), &self.parts.signature)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Alg, token};

    #[test]
    fn every_floor_accepts_the_token() {
        let claims = BenchClaims::standard();
        let hs = Hs256Floor::new(&token(Alg::Hs256, &claims));
        assert!(hs.hmac());
        let mut buffer = hs.base64_buffer();
        let decoded = hs.base64(&mut buffer);
        assert!(decoded > hs.payload().len());
        assert_eq!(hs.base64_table(&mut buffer), decoded);
        assert_eq!(hs.claims(), claims);

        let rs = Rs256Floor::new(&token(Alg::Rs256, &claims));
        assert!(rs.rsa_verify());
        assert!(rs.ring_verify());
        assert_eq!(
            rs.rsa_sign(),
            rs.parts.signature,
            "PKCS#1 v1.5 is deterministic"
        );

        let ps = Ps256Floor::new(&token(Alg::Ps256, &claims));
        assert!(ps.rsa_verify());
        assert!(ps.ring_verify());
        let signed = ps.rsa_sign();
        assert_ne!(signed, ps.parts.signature, "PSS is salted");
        assert!(
            ps.verifying
                .verify(
                    ps.parts.signing_input.as_bytes(),
                    &rsa::pss::Signature::try_from(signed.as_slice()).expect("length")
                )
                .is_ok()
        );

        let es256 = Es256Floor::new(&token(Alg::Es256, &claims));
        assert!(es256.verify() && es256.ring_verify());
        assert_eq!(
            es256.sign(),
            es256.parts.signature,
            "RFC 6979 is deterministic"
        );
        let es384 = Es384Floor::new(&token(Alg::Es384, &claims));
        assert!(es384.verify() && es384.ring_verify());
        assert_eq!(
            es384.sign(),
            es384.parts.signature,
            "RFC 6979 is deterministic"
        );

        let ed = EdDsaFloor::new(&token(Alg::EdDsa, &claims));
        assert!(ed.dalek_verify_strict());
        assert!(ed.ring_verify());
        assert_eq!(
            ed.dalek_sign().as_slice(),
            ed.parts.signature,
            "Ed25519 is deterministic"
        );
    }
}
