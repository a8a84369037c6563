//! Fixtures shared by the benchmarks: one set of keys, one set of claims, and every library set
//! up the same way to sign those claims and to verify and validate tokens (signature, `exp`,
//! `iss` and `aud` checked), plus the primitive floors the libraries are measured against.
//!
//! Every library verifies the same token, signed once by jwt-core; the tests at the bottom
//! check that each library accepts it, refuses it when the issuer, the audience or the expiry
//! is wrong, and accepts the tokens each of the others signs.

#![forbid(unsafe_code)]

use serde::{Deserialize, Serialize};

pub mod dudect;
pub mod floors;

/// The issuer every token names and every verifier expects.
pub const ISSUER: &str = "https://auth.example.com";
/// The audience every token names and every verifier expects.
pub const AUDIENCE: &str = "https://api.example.com";
/// 2026-01-01T00:00:00Z.
pub const ISSUED_AT: u64 = 1_767_225_600;
/// 2100-01-01T00:00:00Z.
pub const EXPIRES_AT: u64 = 4_102_444_800;
/// The HS256 secret: 32 bytes, the shortest jwt-core accepts for HS256.
pub const HMAC_SECRET: &[u8; 32] = b"bench-secret-0123456789abcdefghi";

/// The test keys of jwt-core (2048-bit RSA with e = 65537, P-256, P-384, Ed25519).
pub mod keys {
    /// RSA private key, PKCS#8.
    pub const RSA_PRIVATE: &str =
        include_str!("../../jwt-core/tests/keys/rsa2048-private-pkcs8.pem");
    /// Its public half, SPKI.
    pub const RSA_PUBLIC: &str = include_str!("../../jwt-core/tests/keys/rsa2048-public-spki.pem");
    /// Ed25519 private key, PKCS#8.
    pub const ED25519_PRIVATE: &str =
        include_str!("../../jwt-core/tests/keys/ed25519-private-pkcs8.pem");
    /// Its public half, SPKI.
    pub const ED25519_PUBLIC: &str =
        include_str!("../../jwt-core/tests/keys/ed25519-public-spki.pem");
    /// P-256 private key, PKCS#8.
    pub const P256_PRIVATE: &str = include_str!("../../jwt-core/tests/keys/p256-private-pkcs8.pem");
    /// Its public half, SPKI.
    pub const P256_PUBLIC: &str = include_str!("../../jwt-core/tests/keys/p256-public-spki.pem");
    /// P-384 private key, PKCS#8.
    pub const P384_PRIVATE: &str = include_str!("../../jwt-core/tests/keys/p384-private-pkcs8.pem");
    /// Its public half, SPKI.
    pub const P384_PUBLIC: &str = include_str!("../../jwt-core/tests/keys/p384-public-spki.pem");
}

/// The claims every library signs and reads back: seven claims (`sub`, `name`, `iss`, `aud`,
/// `role`, `iat`, `exp`), and `pad`, absent from the comparisons and filled only by the
/// payload-size benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchClaims {
    /// Subject.
    pub sub: String,
    /// Display name.
    pub name: String,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Application role.
    pub role: String,
    /// Issued at.
    pub iat: u64,
    /// Expiry.
    pub exp: u64,
    /// Filler that brings the payload to a given size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pad: Option<String>,
}

impl BenchClaims {
    /// The seven claims of the comparisons.
    pub fn standard() -> Self {
        Self {
            sub: "user_8f14e45fceea167a".into(),
            name: "Ada Lovelace".into(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            role: "admin".into(),
            iat: ISSUED_AT,
            exp: EXPIRES_AT,
            pad: None,
        }
    }

    /// The seven claims padded so that their JSON is exactly `bytes` long; the bare seven
    /// claims (about 170 bytes) if `bytes` is not more than that.
    pub fn padded_to(bytes: usize) -> Self {
        let standard = Self::standard();
        let mut claims = Self {
            pad: Some(String::new()),
            ..standard.clone()
        };
        let base = serde_json::to_vec(&claims).map_or(0, |json| json.len());
        if bytes <= base {
            return standard;
        }
        claims.pad = Some("x".repeat(bytes - base));
        claims
    }

    /// The claims as jwt-simple models them: registered claims as fields, the rest custom.
    fn to_jwt_simple(&self) -> jwt_simple::prelude::JWTClaims<CustomClaims> {
        use jwt_simple::prelude::{Audiences, JWTClaims, UnixTimeStamp};
        JWTClaims {
            issued_at: Some(UnixTimeStamp::from_secs(self.iat)),
            expires_at: Some(UnixTimeStamp::from_secs(self.exp)),
            invalid_before: None,
            issuer: Some(self.iss.clone()),
            subject: Some(self.sub.clone()),
            audiences: Some(Audiences::AsString(self.aud.clone())),
            jwt_id: None,
            nonce: None,
            custom: CustomClaims {
                name: self.name.clone(),
                role: self.role.clone(),
                pad: self.pad.clone(),
            },
        }
    }

    fn from_jwt_simple(claims: jwt_simple::prelude::JWTClaims<CustomClaims>) -> Option<Self> {
        use jwt_simple::prelude::Audiences;
        let aud = match claims.audiences? {
            Audiences::AsString(aud) => aud,
            Audiences::AsSet(_) => return None,
        };
        Some(Self {
            sub: claims.subject?,
            name: claims.custom.name,
            iss: claims.issuer?,
            aud,
            role: claims.custom.role,
            iat: claims.issued_at?.as_secs(),
            exp: claims.expires_at?.as_secs(),
            pad: claims.custom.pad,
        })
    }
}

/// The claims jwt-simple leaves to the application.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CustomClaims {
    name: String,
    role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pad: Option<String>,
}

/// The algorithms compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    /// HMAC-SHA256.
    Hs256,
    /// RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit key.
    Rs256,
    /// RSASSA-PSS with SHA-256, 2048-bit key (the same key as RS256).
    Ps256,
    /// ECDSA on P-256 with SHA-256.
    Es256,
    /// ECDSA on P-384 with SHA-384.
    Es384,
    /// Ed25519.
    EdDsa,
}

impl Alg {
    /// All six, in report order.
    pub const ALL: [Self; 6] = [
        Self::Hs256,
        Self::Rs256,
        Self::Ps256,
        Self::Es256,
        Self::Es384,
        Self::EdDsa,
    ];

    /// One algorithm per primitive of the first comparisons (MAC, RSA, Ed25519): the payload
    /// sizes are measured for these only, as PSS and ECDSA grow with the payload as RSA and
    /// Ed25519 do (by hashing it).
    pub const PAYLOAD: [Self; 3] = [Self::Hs256, Self::Rs256, Self::EdDsa];

    /// The JOSE name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Hs256 => "HS256",
            Self::Rs256 => "RS256",
            Self::Ps256 => "PS256",
            Self::Es256 => "ES256",
            Self::Es384 => "ES384",
            Self::EdDsa => "EdDSA",
        }
    }

    /// The lower-case name used in benchmark ids.
    pub fn id(self) -> &'static str {
        match self {
            Self::Hs256 => "hs256",
            Self::Rs256 => "rs256",
            Self::Ps256 => "ps256",
            Self::Es256 => "es256",
            Self::Es384 => "es384",
            Self::EdDsa => "eddsa",
        }
    }
}

/// A JWT library set up for one algorithm: it signs [`BenchClaims`] and verifies tokens,
/// checking the signature, `exp`, `iss` and `aud`.
pub trait Jwt {
    /// The crate name, as reported.
    const NAME: &'static str;

    /// A compact token for `claims`.
    fn sign(&self, claims: &BenchClaims) -> String;

    /// The claims of `token` if it verifies and validates, `None` otherwise.
    fn verify(&self, token: &str) -> Option<BenchClaims>;
}

/// jwt-core.
pub struct JwtCore {
    signer: jwt_core::SigningKey,
    key: jwt_core::VerifyingKey,
    validation: jwt_core::Validation,
}

impl JwtCore {
    /// Keys and settings for `alg`, expecting [`ISSUER`] and [`AUDIENCE`].
    pub fn new(alg: Alg) -> Self {
        use jwt_core::{Algorithm, HmacKey, SigningKey, Validation, VerifyingKey};
        let (algorithm, private, public) = match alg {
            Alg::Hs256 => (Algorithm::HS256, "", ""),
            Alg::Rs256 => (Algorithm::RS256, keys::RSA_PRIVATE, keys::RSA_PUBLIC),
            Alg::Ps256 => (Algorithm::PS256, keys::RSA_PRIVATE, keys::RSA_PUBLIC),
            Alg::Es256 => (Algorithm::ES256, keys::P256_PRIVATE, keys::P256_PUBLIC),
            Alg::Es384 => (Algorithm::ES384, keys::P384_PRIVATE, keys::P384_PUBLIC),
            Alg::EdDsa => (
                Algorithm::EdDSA,
                keys::ED25519_PRIVATE,
                keys::ED25519_PUBLIC,
            ),
        };
        let (signer, key) = match alg {
            Alg::Hs256 => {
                let secret = HmacKey::new(HMAC_SECRET).expect("valid secret");
                let signer = SigningKey::hmac(algorithm, secret).expect("HS256 key");
                let key = signer.verifying_key();
                (signer, key)
            }
            _ => (
                SigningKey::from_pem(algorithm, private).expect("private key"),
                VerifyingKey::from_pem(public).expect("public key"),
            ),
        };
        Self {
            signer,
            key,
            validation: Validation::new(algorithm).issuer(ISSUER).audience(AUDIENCE),
        }
    }

    /// The same, accepting tokens of up to 128 KiB (the default limit is 32 KiB).
    pub fn for_large_tokens(alg: Alg) -> Self {
        let core = Self::new(alg);
        Self {
            validation: core.validation.clone().max_token_bytes(128 * 1024),
            ..core
        }
    }

    /// The claims of `token` as a generic JSON object, if it verifies and validates.
    pub fn verify_map(&self, token: &str) -> Option<jwt_core::Claims> {
        jwt_core::decode::<jwt_core::Claims>(token, &self.key, &self.validation)
            .ok()
            .map(|data| data.claims)
    }
}

impl Jwt for JwtCore {
    const NAME: &'static str = "jwt-core";

    fn sign(&self, claims: &BenchClaims) -> String {
        jwt_core::encode(&self.signer, &jwt_core::Header::new(), claims).expect("signs")
    }

    fn verify(&self, token: &str) -> Option<BenchClaims> {
        jwt_core::decode::<BenchClaims>(token, &self.key, &self.validation)
            .ok()
            .map(|data| data.claims)
    }
}

/// jsonwebtoken 11 on its RustCrypto backend.
pub struct Jsonwebtoken {
    header: jsonwebtoken::Header,
    encoding: jsonwebtoken::EncodingKey,
    decoding: jsonwebtoken::DecodingKey,
    validation: jsonwebtoken::Validation,
}

impl Jsonwebtoken {
    /// Keys and settings for `alg`, expecting [`ISSUER`] and [`AUDIENCE`] and requiring `exp`,
    /// `iss` and `aud` (by default it requires only `exp`).
    pub fn new(alg: Alg) -> Self {
        use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};
        let rsa = |algorithm| {
            (
                algorithm,
                EncodingKey::from_rsa_pem(keys::RSA_PRIVATE.as_bytes()).expect("RSA key"),
                DecodingKey::from_rsa_pem(keys::RSA_PUBLIC.as_bytes()).expect("RSA key"),
            )
        };
        let ec = |algorithm, private: &str, public: &str| {
            (
                algorithm,
                EncodingKey::from_ec_pem(private.as_bytes()).expect("EC key"),
                DecodingKey::from_ec_pem(public.as_bytes()).expect("EC key"),
            )
        };
        let (algorithm, encoding, decoding) = match alg {
            Alg::Hs256 => (
                Algorithm::HS256,
                EncodingKey::from_secret(HMAC_SECRET),
                DecodingKey::from_secret(HMAC_SECRET),
            ),
            Alg::Rs256 => rsa(Algorithm::RS256),
            Alg::Ps256 => rsa(Algorithm::PS256),
            Alg::Es256 => ec(Algorithm::ES256, keys::P256_PRIVATE, keys::P256_PUBLIC),
            Alg::Es384 => ec(Algorithm::ES384, keys::P384_PRIVATE, keys::P384_PUBLIC),
            Alg::EdDsa => (
                Algorithm::EdDSA,
                EncodingKey::from_ed_pem(keys::ED25519_PRIVATE.as_bytes()).expect("Ed25519 key"),
                DecodingKey::from_ed_pem(keys::ED25519_PUBLIC.as_bytes()).expect("Ed25519 key"),
            ),
        };
        let mut validation = jsonwebtoken::Validation::new(algorithm);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        validation.leeway = 0;
        Self {
            header: jsonwebtoken::Header::new(algorithm),
            encoding,
            decoding,
            validation,
        }
    }
}

impl Jwt for Jsonwebtoken {
    const NAME: &'static str = "jsonwebtoken";

    fn sign(&self, claims: &BenchClaims) -> String {
        jsonwebtoken::encode(&self.header, claims, &self.encoding).expect("signs")
    }

    fn verify(&self, token: &str) -> Option<BenchClaims> {
        jsonwebtoken::decode::<BenchClaims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
    }
}

/// jwt-simple 0.15 with its pure-Rust backend.
pub struct JwtSimple {
    keys: SimpleKeys,
    options: jwt_simple::prelude::VerificationOptions,
}

/// jwt-simple's keys for one algorithm (the RSA and EC pairs boxed: they are much the
/// largest).
enum SimpleKeys {
    Hs256(jwt_simple::prelude::HS256Key),
    Rs256(
        Box<(
            jwt_simple::prelude::RS256KeyPair,
            jwt_simple::prelude::RS256PublicKey,
        )>,
    ),
    Ps256(
        Box<(
            jwt_simple::prelude::PS256KeyPair,
            jwt_simple::prelude::PS256PublicKey,
        )>,
    ),
    Es256(
        Box<(
            jwt_simple::prelude::ES256KeyPair,
            jwt_simple::prelude::ES256PublicKey,
        )>,
    ),
    Es384(
        Box<(
            jwt_simple::prelude::ES384KeyPair,
            jwt_simple::prelude::ES384PublicKey,
        )>,
    ),
    EdDsa(
        jwt_simple::prelude::Ed25519KeyPair,
        jwt_simple::prelude::Ed25519PublicKey,
    ),
}

impl JwtSimple {
    /// Keys and settings for `alg`, expecting [`ISSUER`] and [`AUDIENCE`] with no clock
    /// tolerance. (It checks `exp` whenever present, and the tokens here all have one.)
    pub fn new(alg: Alg) -> Self {
        use jwt_simple::prelude::*;
        let keys = match alg {
            Alg::Hs256 => SimpleKeys::Hs256(HS256Key::from_bytes(HMAC_SECRET)),
            Alg::Rs256 => SimpleKeys::Rs256(Box::new((
                RS256KeyPair::from_pem(keys::RSA_PRIVATE).expect("RSA key"),
                RS256PublicKey::from_pem(keys::RSA_PUBLIC).expect("RSA key"),
            ))),
            Alg::Ps256 => SimpleKeys::Ps256(Box::new((
                PS256KeyPair::from_pem(keys::RSA_PRIVATE).expect("RSA key"),
                PS256PublicKey::from_pem(keys::RSA_PUBLIC).expect("RSA key"),
            ))),
            Alg::Es256 => SimpleKeys::Es256(Box::new((
                ES256KeyPair::from_pem(keys::P256_PRIVATE).expect("P-256 key"),
                ES256PublicKey::from_pem(keys::P256_PUBLIC).expect("P-256 key"),
            ))),
            Alg::Es384 => SimpleKeys::Es384(Box::new((
                ES384KeyPair::from_pem(keys::P384_PRIVATE).expect("P-384 key"),
                ES384PublicKey::from_pem(keys::P384_PUBLIC).expect("P-384 key"),
            ))),
            Alg::EdDsa => SimpleKeys::EdDsa(
                Ed25519KeyPair::from_pem(keys::ED25519_PRIVATE).expect("Ed25519 key"),
                Ed25519PublicKey::from_pem(keys::ED25519_PUBLIC).expect("Ed25519 key"),
            ),
        };
        let options = VerificationOptions {
            allowed_issuers: Some(HashSet::from([ISSUER.to_owned()])),
            allowed_audiences: Some(HashSet::from([AUDIENCE.to_owned()])),
            time_tolerance: Some(Duration::from_secs(0)),
            ..VerificationOptions::default()
        };
        Self { keys, options }
    }
}

impl Jwt for JwtSimple {
    const NAME: &'static str = "jwt-simple";

    fn sign(&self, claims: &BenchClaims) -> String {
        use jwt_simple::prelude::*;
        let claims = claims.to_jwt_simple();
        match &self.keys {
            SimpleKeys::Hs256(key) => key.authenticate(claims),
            SimpleKeys::Rs256(keys) => keys.0.sign(claims),
            SimpleKeys::Ps256(keys) => keys.0.sign(claims),
            SimpleKeys::Es256(keys) => keys.0.sign(claims),
            SimpleKeys::Es384(keys) => keys.0.sign(claims),
            SimpleKeys::EdDsa(pair, _) => pair.sign(claims),
        }
        .expect("signs")
    }

    fn verify(&self, token: &str) -> Option<BenchClaims> {
        use jwt_simple::prelude::*;
        let options = Some(self.options.clone());
        let claims = match &self.keys {
            SimpleKeys::Hs256(key) => key.verify_token::<CustomClaims>(token, options),
            SimpleKeys::Rs256(keys) => keys.1.verify_token::<CustomClaims>(token, options),
            SimpleKeys::Ps256(keys) => keys.1.verify_token::<CustomClaims>(token, options),
            SimpleKeys::Es256(keys) => keys.1.verify_token::<CustomClaims>(token, options),
            SimpleKeys::Es384(keys) => keys.1.verify_token::<CustomClaims>(token, options),
            SimpleKeys::EdDsa(_, key) => key.verify_token::<CustomClaims>(token, options),
        };
        claims.ok().and_then(BenchClaims::from_jwt_simple)
    }
}

/// The token every library verifies: `claims` signed by jwt-core with `alg`.
pub fn token(alg: Alg, claims: &BenchClaims) -> String {
    JwtCore::new(alg).sign(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_library<L: Jwt>(make: fn(Alg) -> L) {
        for alg in Alg::ALL {
            let library = make(alg);
            let claims = BenchClaims::standard();
            let token = token(alg, &claims);
            assert_eq!(
                library.verify(&token),
                Some(claims.clone()),
                "{} {alg:?}",
                L::NAME
            );
            for other in [
                BenchClaims {
                    iss: "https://evil.example.com".into(),
                    ..claims.clone()
                },
                BenchClaims {
                    aud: "https://other.example.com".into(),
                    ..claims.clone()
                },
                BenchClaims {
                    exp: ISSUED_AT,
                    ..claims.clone()
                },
            ] {
                let refused = super::token(alg, &other);
                assert_eq!(
                    library.verify(&refused),
                    None,
                    "{} {alg:?} {other:?}",
                    L::NAME
                );
            }
            let mut tampered = token.clone().into_bytes();
            let last = tampered.len() - 5;
            tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
            let tampered = String::from_utf8(tampered).expect("ascii");
            assert_eq!(library.verify(&tampered), None, "{} {alg:?}", L::NAME);

            // What this library signs, the others accept.
            let signed = library.sign(&claims);
            assert_eq!(JwtCore::new(alg).verify(&signed), Some(claims.clone()));
            assert_eq!(Jsonwebtoken::new(alg).verify(&signed), Some(claims.clone()));
            assert_eq!(JwtSimple::new(alg).verify(&signed), Some(claims.clone()));
        }
    }

    #[test]
    fn jwt_core_verifies_and_validates() {
        check_library(JwtCore::new);
    }

    #[test]
    fn jsonwebtoken_verifies_and_validates() {
        check_library(Jsonwebtoken::new);
    }

    #[test]
    fn jwt_simple_verifies_and_validates() {
        check_library(JwtSimple::new);
    }

    #[test]
    fn the_seven_claims_are_all_there() {
        let json = serde_json::to_value(BenchClaims::standard()).expect("serializes");
        let mut names: Vec<&str> = json
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        assert_eq!(names, ["aud", "exp", "iat", "iss", "name", "role", "sub"]);
    }

    #[test]
    fn padding_hits_the_size_exactly() {
        for size in [1024, 4096, 65_536] {
            let json = serde_json::to_vec(&BenchClaims::padded_to(size)).expect("serializes");
            assert_eq!(json.len(), size);
        }
    }

    #[test]
    fn large_tokens_verify_everywhere() {
        for alg in Alg::ALL {
            let claims = BenchClaims::padded_to(65_536);
            let token = JwtCore::for_large_tokens(alg).sign(&claims);
            assert_eq!(
                JwtCore::new(alg).verify(&token),
                None,
                "over the default limit"
            );
            assert_eq!(
                JwtCore::for_large_tokens(alg).verify(&token),
                Some(claims.clone())
            );
            assert_eq!(Jsonwebtoken::new(alg).verify(&token), Some(claims.clone()));
            assert_eq!(JwtSimple::new(alg).verify(&token), Some(claims.clone()));
        }
    }
}
