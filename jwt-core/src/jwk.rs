//! JSON Web Keys (RFC 7517): import with every member validated, export (public members by
//! default, private ones only when asked by name), and RFC 7638 thumbprints.
//!
//! Key types: `oct` and `RSA` (RFC 7518 section 6), `OKP` with `crv` `Ed25519` (RFC 8037).

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::alg::Algorithm;
use crate::alg::eddsa::{Ed25519PrivateKey, Ed25519PublicKey};
use crate::alg::hmac::HmacKey;
use crate::alg::rsa::{RsaPrivateKey, RsaPublicKey};
use crate::b64;
use crate::error::{Error, KeyProblem, Result, Segment};
use crate::key::{PrivateKey, PublicKey, SigningKey, VerifyingKey};

/// A JSON Web Key as a JSON object, as exported by [`VerifyingKey::to_jwk`] and
/// [`SigningKey::to_private_jwk`]; `serde_json::to_string` turns it into text.
pub type Jwk = Map<String, Value>;

/// What an imported key is for: its `key_ops`, if present, must include the operation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    Verify,
    Sign,
}

impl Purpose {
    fn operation(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Sign => "sign",
        }
    }
}

fn problem(message: impl Into<String>) -> Error {
    Error::InvalidKey(KeyProblem::Jwk(message.into()))
}

/// The members of a JWK, read with their types checked.
struct Members<'a>(&'a Jwk);

impl Members<'_> {
    fn string(&self, name: &str) -> Result<Option<&str>> {
        match self.0.get(name) {
            None => Ok(None),
            Some(Value::String(value)) => Ok(Some(value)),
            Some(_) => Err(problem(format!("\"{name}\" must be a string"))),
        }
    }

    /// A base64url member, strictly decoded.
    fn bytes(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let Some(text) = self.string(name)? else {
            return Ok(None);
        };
        let bytes = b64::decode(text)
            .ok_or_else(|| problem(format!("\"{name}\" is not unpadded canonical base64url")))?;
        Ok(Some(Zeroizing::new(bytes)))
    }

    fn required_bytes(&self, name: &str) -> Result<Zeroizing<Vec<u8>>> {
        self.bytes(name)?
            .ok_or_else(|| problem(format!("\"{name}\" is required")))
    }

    /// An RSA integer member: base64url of the minimal big-endian octets (RFC 7518 6.3).
    fn integer(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let value = self.bytes(name)?;
        if let Some(bytes) = &value
            && bytes.first().is_none_or(|first| *first == 0)
        {
            return Err(problem(format!(
                "\"{name}\" must be the minimal non-empty encoding"
            )));
        }
        Ok(value)
    }

    fn required_integer(&self, name: &str) -> Result<Zeroizing<Vec<u8>>> {
        self.integer(name)?
            .ok_or_else(|| problem(format!("\"{name}\" is required")))
    }
}

/// A key read from a JWK, with the constraints the JWK puts on it.
pub(crate) struct Imported {
    material: Material,
    algorithm: Option<Algorithm>,
    kid: Option<String>,
}

enum Material {
    Public(PublicKey),
    Private(PrivateKey),
}

impl Imported {
    /// Reads and validates every member of `jwk` for `purpose`.
    pub(crate) fn read(jwk: &Jwk, purpose: Purpose) -> Result<Self> {
        let members = Members(jwk);
        let algorithm = members.string("alg")?.map(parse_algorithm).transpose()?;
        check_use(&members, purpose)?;
        let kid = members.string("kid")?.map(ToOwned::to_owned);
        let material = match members.string("kty")? {
            Some("oct") => Material::Private(PrivateKey::Hmac(HmacKey::new(
                &members.required_bytes("k")?,
            )?)),
            Some("RSA") => read_rsa(&members)?,
            Some("OKP") => read_okp(&members)?,
            Some(other) => return Err(problem(format!("unsupported \"kty\" {other:?}"))),
            None => return Err(problem("\"kty\" is required")),
        };
        let imported = Self {
            material,
            algorithm,
            kid,
        };
        if let Some(algorithm) = algorithm {
            imported
                .public()
                .check(algorithm)
                .map_err(|err| match err {
                    Error::KeyAlgorithmMismatch { .. } => {
                        problem(format!("\"alg\" {algorithm} does not fit the key type"))
                    }
                    other => other,
                })?;
        }
        Ok(imported)
    }

    fn public(&self) -> VerifyingKey {
        let key = match &self.material {
            Material::Public(public) => VerifyingKey::new(public.clone()),
            Material::Private(private) => private.public(),
        };
        match &self.kid {
            Some(kid) => key.with_kid(kid.clone()),
            None => key,
        }
    }

    /// The verifying key, restricted to the JWK's `alg` if it has one.
    pub(crate) fn into_verifying_key(self) -> Result<VerifyingKey> {
        let key = self.public();
        match self.algorithm {
            Some(algorithm) => key.with_algorithm(algorithm),
            None => Ok(key),
        }
    }

    /// The signing key for `algorithm`, which must agree with the JWK's `alg`.
    pub(crate) fn into_signing_key(self, algorithm: Algorithm) -> Result<SigningKey> {
        if let Some(only) = self.algorithm
            && only != algorithm
        {
            return Err(Error::KeyAlgorithmMismatch {
                algorithm,
                key: only.family(),
                restricted_to: Some(only),
            });
        }
        let Material::Private(private) = self.material else {
            return Err(KeyProblem::NotAPrivateKey.into());
        };
        let key = SigningKey::bind(algorithm, private)?;
        Ok(match self.kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        })
    }
}

fn parse_algorithm(name: &str) -> Result<Algorithm> {
    name.parse()
        .map_err(|_| problem(format!("unsupported \"alg\" {name:?}")))
}

/// `use` must be `sig`; `key_ops` must be distinct strings including the operation needed.
fn check_use(members: &Members<'_>, purpose: Purpose) -> Result<()> {
    match members.string("use")? {
        None | Some("sig") => {}
        Some(other) => return Err(problem(format!("\"use\" {other:?} is not \"sig\""))),
    }
    let Some(ops) = members.0.get("key_ops") else {
        return Ok(());
    };
    let Value::Array(ops) = ops else {
        return Err(problem("\"key_ops\" must be an array of strings"));
    };
    let mut seen: Vec<&str> = Vec::with_capacity(ops.len());
    for op in ops {
        let op = op
            .as_str()
            .ok_or_else(|| problem("\"key_ops\" must be an array of strings"))?;
        if seen.contains(&op) {
            return Err(problem(format!("\"key_ops\" repeats {op:?}")));
        }
        seen.push(op);
    }
    if !seen.contains(&purpose.operation()) {
        return Err(problem(format!(
            "\"key_ops\" does not allow {:?}",
            purpose.operation()
        )));
    }
    Ok(())
}

fn read_rsa(members: &Members<'_>) -> Result<Material> {
    let n = members.required_integer("n")?;
    let e = members.required_integer("e")?;
    let Some(d) = members.integer("d")? else {
        return Ok(Material::Public(PublicKey::Rsa(
            RsaPublicKey::from_components(&n, &e)?,
        )));
    };
    if members.0.contains_key("oth") {
        return Err(problem("multi-prime RSA keys (\"oth\") are not supported"));
    }
    let crt = ["p", "q", "dp", "dq", "qi"].map(|name| members.integer(name));
    let [p, q, dp, dq, qi] = crt;
    let key = match (p?, q?, dp?, dq?, qi?) {
        (None, None, None, None, None) => RsaPrivateKey::from_components(&n, &e, &d, None)?,
        (Some(p), Some(q), Some(dp), Some(dq), Some(qi)) => {
            let key = RsaPrivateKey::from_components(&n, &e, &d, Some((&p, &q)))?;
            let computed = key.components().ok_or(KeyProblem::InvalidRsaKey)?;
            // Secret values: compared without early exit.
            let matches = computed.dp.as_slice().ct_eq(&dp)
                & computed.dq.as_slice().ct_eq(&dq)
                & computed.qi.as_slice().ct_eq(&qi);
            if !bool::from(matches) {
                return Err(problem("\"dp\", \"dq\" or \"qi\" does not match the key"));
            }
            key
        }
        _ => {
            return Err(problem(
                "\"p\", \"q\", \"dp\", \"dq\" and \"qi\" go together",
            ));
        }
    };
    Ok(Material::Private(PrivateKey::Rsa(key)))
}

fn read_okp(members: &Members<'_>) -> Result<Material> {
    match members.string("crv")? {
        Some("Ed25519") => {}
        Some(other) => return Err(problem(format!("unsupported \"crv\" {other:?}"))),
        None => return Err(problem("\"crv\" is required")),
    }
    let public = Ed25519PublicKey::from_bytes(&members.required_bytes("x")?)?;
    let Some(d) = members.bytes("d")? else {
        return Ok(Material::Public(PublicKey::Ed25519(public)));
    };
    let private = Ed25519PrivateKey::from_seed(&d)?;
    if private.public_key() != public {
        return Err(problem("\"d\" does not match \"x\""));
    }
    Ok(Material::Private(PrivateKey::Ed25519(private)))
}

/// Parses JWK text: one JSON object without duplicate member names.
pub(crate) fn parse(json: &str) -> Result<Jwk> {
    crate::json::parse_object(json.as_bytes(), Segment::Payload)
        .map_err(|err| problem(format!("not a JSON object: {err}")))
}

impl VerifyingKey {
    /// A key from a JWK (public or private; a private key's public half is kept). Its `alg`,
    /// `use`, `key_ops` and `kid` members constrain and name the key: a JWK with `alg` RS256
    /// never verifies RS512, and one with `use` `enc` is refused.
    ///
    /// ```
    /// use jwt_core::{Algorithm, ErrorKind, VerifyingKey};
    ///
    /// let jwk = r#"{"kty":"OKP","crv":"Ed25519","alg":"EdDSA","kid":"k1",
    ///               "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// let key = VerifyingKey::from_jwk(jwk)?;
    /// assert_eq!((key.algorithm(), key.kid()), (Some(Algorithm::EdDSA), Some("k1")));
    ///
    /// let encryption = r#"{"kty":"oct","use":"enc","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}"#;
    /// assert_eq!(VerifyingKey::from_jwk(encryption).unwrap_err().kind(), ErrorKind::InvalidKey);
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_jwk(json: &str) -> Result<Self> {
        Imported::read(&parse(json)?, Purpose::Verify)?.into_verifying_key()
    }

    /// The public JWK of this key, with `use` `sig`, and `alg` and `kid` when set. An HMAC
    /// secret has no public form: export it with [`SigningKey::to_private_jwk`].
    ///
    /// ```
    /// use jwt_core::{HmacKey, VerifyingKey};
    /// let pem = include_str!("../tests/keys/ed25519-public-spki.pem");
    /// let jwk = VerifyingKey::from_pem(pem)?.with_kid("k1").to_jwk()?;
    /// assert_eq!(jwk["kty"], "OKP");
    /// assert_eq!(VerifyingKey::from_jwk(&serde_json::to_string(&jwk).unwrap())?.kid(), Some("k1"));
    /// assert!(VerifyingKey::from(HmacKey::new(&[1; 32])?).to_jwk().is_err());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn to_jwk(&self) -> Result<Jwk> {
        let mut jwk = public_members(self.material())?;
        jwk.insert("use".into(), "sig".into());
        annotate(&mut jwk, self.algorithm(), self.kid());
        Ok(jwk)
    }

    /// The RFC 7638 thumbprint: base64url of the SHA-256 of the required members in canonical
    /// form. Stable across encodings of the same key, so usable as a default `kid`.
    ///
    /// ```
    /// // RFC 8037 appendix A.3
    /// let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// let key = jwt_core::VerifyingKey::from_jwk(jwk)?;
    /// assert_eq!(key.thumbprint(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn thumbprint(&self) -> String {
        let required = match self.material() {
            PublicKey::Hmac(key) => {
                let mut jwk = Jwk::new();
                jwk.insert("k".into(), b64::encode(key.secret()).into());
                jwk.insert("kty".into(), "oct".into());
                jwk
            }
            public => public_members(public).unwrap_or_default(),
        };
        // serde_json writes objects without whitespace, in the (sorted) order inserted.
        let canonical = Value::Object(required).to_string();
        b64::encode(&Sha256::digest(canonical.as_bytes()))
    }
}

impl SigningKey {
    /// A signing key for `algorithm` from a private JWK. The JWK's `alg`, if present, must be
    /// `algorithm`; its `key_ops`, if present, must include `sign`; its `kid` names the key.
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let jwk = r#"{"kty":"oct","kid":"k1","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}"#;
    /// let key = SigningKey::from_jwk(jwk, Algorithm::HS256)?;
    /// assert_eq!(key.kid(), Some("k1"));
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_jwk(json: &str, algorithm: Algorithm) -> Result<Self> {
        Imported::read(&parse(json)?, Purpose::Sign)?.into_signing_key(algorithm)
    }

    /// The public JWK of this key (see [`VerifyingKey::to_jwk`]).
    pub fn to_public_jwk(&self) -> Result<Jwk> {
        self.verifying_key().to_jwk()
    }

    /// The JWK of this key **including its private members** (`k`; `d`, `p`, `q`, `dp`, `dq`,
    /// `qi`; or `d`), with `alg`, `kid` and `use` `sig`. For storing or moving a key between
    /// systems you control; never publish it.
    ///
    /// ```
    /// use jwt_core::{Algorithm, SigningKey};
    /// let pem = include_str!("../tests/keys/rsa2048-private-pkcs8.pem");
    /// let key = SigningKey::from_pem(Algorithm::RS256, pem)?;
    /// let jwk = serde_json::to_string(&key.to_private_jwk()).unwrap();
    /// let again = SigningKey::from_jwk(&jwk, Algorithm::RS256)?;
    /// assert_eq!(again.to_private_jwk(), key.to_private_jwk());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn to_private_jwk(&self) -> Jwk {
        let mut jwk = match self.material() {
            PrivateKey::Hmac(key) => {
                let mut jwk = Jwk::new();
                jwk.insert("kty".into(), "oct".into());
                jwk.insert("k".into(), b64::encode(key.secret()).into());
                jwk
            }
            PrivateKey::Rsa(key) => {
                let mut jwk = public_members(&PublicKey::Rsa(key.public_key())).unwrap_or_default();
                if let Some(parts) = key.components() {
                    for (name, value) in [
                        ("d", &parts.d),
                        ("p", &parts.p),
                        ("q", &parts.q),
                        ("dp", &parts.dp),
                        ("dq", &parts.dq),
                        ("qi", &parts.qi),
                    ] {
                        jwk.insert(name.into(), b64::encode(value).into());
                    }
                }
                jwk
            }
            PrivateKey::Ed25519(key) => {
                let mut jwk =
                    public_members(&PublicKey::Ed25519(key.public_key())).unwrap_or_default();
                jwk.insert("d".into(), b64::encode(key.seed().as_ref()).into());
                jwk
            }
        };
        jwk.insert("use".into(), "sig".into());
        annotate(&mut jwk, Some(self.algorithm()), self.kid());
        jwk
    }

    /// The RFC 7638 thumbprint of this key (see [`VerifyingKey::thumbprint`]).
    pub fn thumbprint(&self) -> String {
        self.verifying_key().thumbprint()
    }

    /// This key, named by its thumbprint (a `kid` that is stable and needs no bookkeeping).
    #[must_use]
    pub fn with_thumbprint_kid(self) -> Self {
        let kid = self.thumbprint();
        self.with_kid(kid)
    }
}

/// The members RFC 7638 requires for a public key, in lexicographic order.
fn public_members(key: &PublicKey) -> Result<Jwk> {
    let mut jwk = Jwk::new();
    match key {
        PublicKey::Hmac(_) => return Err(KeyProblem::NoPublicForm.into()),
        PublicKey::Rsa(key) => {
            jwk.insert("e".into(), b64::encode(&key.exponent()).into());
            jwk.insert("kty".into(), "RSA".into());
            jwk.insert("n".into(), b64::encode(&key.modulus()).into());
        }
        PublicKey::Ed25519(key) => {
            jwk.insert("crv".into(), "Ed25519".into());
            jwk.insert("kty".into(), "OKP".into());
            jwk.insert("x".into(), b64::encode(&key.to_bytes()).into());
        }
    }
    Ok(jwk)
}

fn annotate(jwk: &mut Jwk, algorithm: Option<Algorithm>, kid: Option<&str>) {
    if let Some(algorithm) = algorithm {
        jwk.insert("alg".into(), algorithm.name().into());
    }
    if let Some(kid) = kid {
        jwk.insert("kid".into(), kid.to_string().into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::json;

    fn kind(jwk: Value) -> ErrorKind {
        VerifyingKey::from_jwk(&jwk.to_string()).unwrap_err().kind()
    }

    const X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    const K: &str = "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg";

    #[test]
    fn rejects_malformed_members() {
        let cases = [
            json!({"crv": "Ed25519", "x": X}),
            json!({"kty": "EC", "crv": "P-256", "x": X, "y": X}),
            json!({"kty": 1}),
            json!({"kty": "OKP", "crv": "X25519", "x": X}),
            json!({"kty": "OKP", "x": X}),
            json!({"kty": "OKP", "crv": "Ed25519", "x": format!("{X}=")}),
            json!({"kty": "OKP", "crv": "Ed25519", "x": "AAAA"}),
            json!({"kty": "OKP", "crv": "Ed25519", "x": X, "d": X}),
            json!({"kty": "oct", "k": "AAAA"}),
            json!({"kty": "oct", "k": K, "alg": "RS256"}),
            json!({"kty": "oct", "k": K, "alg": "HS512"}),
            json!({"kty": "oct", "k": K, "alg": "PS256"}),
            json!({"kty": "oct", "k": K, "use": "enc"}),
            json!({"kty": "oct", "k": K, "key_ops": ["sign"]}),
            json!({"kty": "oct", "k": K, "key_ops": ["verify", "verify"]}),
            json!({"kty": "oct", "k": K, "key_ops": "verify"}),
            json!({"kty": "oct", "k": K, "kid": 7}),
            json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"}),
            json!({"kty": "RSA", "e": "AQAB"}),
        ];
        for jwk in cases {
            assert_eq!(kind(jwk.clone()), ErrorKind::InvalidKey, "{jwk}");
        }
        assert_eq!(
            VerifyingKey::from_jwk("[]").unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        let duplicate = format!(r#"{{"kty":"oct","k":"{K}","k":"{K}"}}"#);
        assert_eq!(
            VerifyingKey::from_jwk(&duplicate).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }

    #[test]
    fn accepts_consistent_constraints() {
        let jwk = json!({"kty": "oct", "k": K, "alg": "HS256", "use": "sig", "key_ops": ["sign", "verify"], "x5c": []});
        let key = VerifyingKey::from_jwk(&jwk.to_string()).unwrap();
        assert_eq!(key.algorithm(), Some(Algorithm::HS256));
        let signer = SigningKey::from_jwk(&jwk.to_string(), Algorithm::HS256).unwrap();
        assert_eq!(signer.algorithm(), Algorithm::HS256);
        let err = SigningKey::from_jwk(&jwk.to_string(), Algorithm::HS384).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::KeyAlgorithmMismatch);
        let verify_only = json!({"kty": "oct", "k": K, "key_ops": ["verify"]});
        assert_eq!(
            SigningKey::from_jwk(&verify_only.to_string(), Algorithm::HS256)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidKey
        );
        let public = json!({"kty": "OKP", "crv": "Ed25519", "x": X});
        assert_eq!(
            SigningKey::from_jwk(&public.to_string(), Algorithm::EdDSA).unwrap_err(),
            Error::InvalidKey(KeyProblem::NotAPrivateKey)
        );
    }

    #[test]
    fn okp_private_round_trip() {
        let d = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
        let jwk = json!({"kty": "OKP", "crv": "Ed25519", "x": X, "d": d});
        let key = SigningKey::from_jwk(&jwk.to_string(), Algorithm::EdDSA).unwrap();
        let exported = key.to_private_jwk();
        assert_eq!(
            (exported["x"].as_str(), exported["d"].as_str()),
            (Some(X), Some(d))
        );
        let public = key.to_public_jwk().unwrap();
        assert!(!public.contains_key("d"));
        assert_eq!(public["alg"], "EdDSA");
    }

    #[test]
    fn hmac_thumbprint_and_private_export() {
        let key =
            SigningKey::from_jwk(&json!({"kty": "oct", "k": K}).to_string(), Algorithm::HS256)
                .unwrap();
        assert_eq!(key.to_private_jwk()["k"], K);
        assert_eq!(
            key.to_public_jwk().unwrap_err(),
            Error::InvalidKey(KeyProblem::NoPublicForm)
        );
        let canonical = format!(r#"{{"k":"{K}","kty":"oct"}}"#);
        assert_eq!(
            key.thumbprint(),
            b64::encode(&Sha256::digest(canonical.as_bytes()))
        );
    }
}
