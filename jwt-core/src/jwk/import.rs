//! Keys read from JWK members, every member validated: types, strict base64url, minimal RSA
//! integers, EC coordinates of exactly the field's length and on the curve, `use` and
//! `key_ops` against the operation the key is imported for, `alg` against the key type and
//! curve, private members against public ones.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use serde_json::{Map, Value};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::alg::Algorithm;
use crate::alg::ecdsa::{EcCurve, EcPrivateKey, EcPublicKey};
use crate::alg::eddsa::{Ed25519PrivateKey, Ed25519PublicKey};
use crate::alg::hmac::HmacKey;
use crate::alg::rsa::{RsaPrivateKey, RsaPublicKey};
use crate::b64;
use crate::error::{Error, JwkMember, JwkProblem, KeyOperation, KeyProblem, Result};
use crate::key::{SigningKey, SigningMaterial, VerifyingKey, VerifyingMaterial};

/// The members of a JWK, read with their types checked.
struct Members<'a>(&'a Map<String, Value>);

impl Members<'_> {
    fn string(&self, member: JwkMember) -> Result<Option<&str>> {
        match self.0.get(member.name()) {
            None => Ok(None),
            Some(Value::String(value)) => Ok(Some(value)),
            Some(_) => Err(JwkProblem::WrongType(member).into()),
        }
    }

    /// A base64url member, strictly decoded.
    fn bytes(&self, member: JwkMember) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let Some(text) = self.string(member)? else {
            return Ok(None);
        };
        let bytes = b64::decode(text).ok_or(JwkProblem::NotBase64url(member))?;
        Ok(Some(Zeroizing::new(bytes)))
    }

    fn required_bytes(&self, member: JwkMember) -> Result<Zeroizing<Vec<u8>>> {
        self.bytes(member)?
            .ok_or_else(|| JwkProblem::Missing(member).into())
    }

    /// An RSA integer member: base64url of the minimal big-endian octets (RFC 7518 6.3).
    fn integer(&self, member: JwkMember) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let value = self.bytes(member)?;
        if let Some(bytes) = &value
            && bytes.first().is_none_or(|first| *first == 0)
        {
            return Err(JwkProblem::NotMinimal(member).into());
        }
        Ok(value)
    }

    fn required_integer(&self, member: JwkMember) -> Result<Zeroizing<Vec<u8>>> {
        self.integer(member)?
            .ok_or_else(|| JwkProblem::Missing(member).into())
    }

    /// An EC field element member: exactly the curve's field length (RFC 7518 6.2.1.2).
    fn field_element(
        &self,
        member: JwkMember,
        curve: EcCurve,
    ) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let value = self.bytes(member)?;
        if let Some(bytes) = &value
            && bytes.len() != curve.field_len()
        {
            return Err(JwkProblem::WrongLength {
                member,
                expected: curve.field_len(),
                actual: bytes.len(),
            }
            .into());
        }
        Ok(value)
    }

    fn required_field_element(
        &self,
        member: JwkMember,
        curve: EcCurve,
    ) -> Result<Zeroizing<Vec<u8>>> {
        self.field_element(member, curve)?
            .ok_or_else(|| JwkProblem::Missing(member).into())
    }
}

/// A key read from a JWK, with the constraints the JWK puts on it.
pub(crate) struct Imported {
    material: Material,
    algorithm: Option<Algorithm>,
    kid: Option<String>,
}

enum Material {
    Public(VerifyingMaterial),
    Private(SigningMaterial),
}

impl Material {
    fn verifying(&self) -> VerifyingMaterial {
        match self {
            Self::Public(public) => public.clone(),
            Self::Private(private) => private.verifying(),
        }
    }
}

impl Imported {
    /// Reads and validates every member of `jwk` for `operation`.
    pub(crate) fn read(jwk: &Map<String, Value>, operation: KeyOperation) -> Result<Self> {
        let members = Members(jwk);
        let algorithm = members
            .string(JwkMember::Alg)?
            .map(parse_algorithm)
            .transpose()?;
        check_use(&members, operation)?;
        let kid = members.string(JwkMember::Kid)?.map(ToOwned::to_owned);
        let material = match members.string(JwkMember::Kty)? {
            Some("oct") => Material::Private(SigningMaterial::Hmac(HmacKey::new(
                &members.required_bytes(JwkMember::K)?,
            )?)),
            Some("RSA") => read_rsa(&members)?,
            Some("EC") => read_ec(&members)?,
            Some("OKP") => read_okp(&members)?,
            Some(other) => return Err(JwkProblem::UnsupportedKeyType(other.into()).into()),
            None => return Err(JwkProblem::Missing(JwkMember::Kty).into()),
        };
        if let Some(algorithm) = algorithm {
            VerifyingKey::new(material.verifying())
                .check(algorithm)
                .map_err(|err| match err {
                    Error::KeyAlgorithmMismatch { key, .. } => {
                        JwkProblem::AlgorithmMismatch { algorithm, key }.into()
                    }
                    other => other,
                })?;
        }
        Ok(Self {
            material,
            algorithm,
            kid,
        })
    }

    /// The verifying key, restricted to the JWK's `alg` if it has one.
    pub(crate) fn into_verifying_key(self) -> Result<VerifyingKey> {
        let key = VerifyingKey::new(self.material.verifying());
        let key = match self.kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        };
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
        .map_err(|_| JwkProblem::UnsupportedAlgorithm(name.into()).into())
}

/// `use` must be `sig`; `key_ops` must be distinct strings including `operation`.
fn check_use(members: &Members<'_>, operation: KeyOperation) -> Result<()> {
    match members.string(JwkMember::Use)? {
        None | Some("sig") => {}
        Some(other) => return Err(JwkProblem::NotForSignatures(other.into()).into()),
    }
    let Some(ops) = members.0.get(JwkMember::KeyOps.name()) else {
        return Ok(());
    };
    let wrong_type = || Error::from(JwkProblem::WrongType(JwkMember::KeyOps));
    let Value::Array(ops) = ops else {
        return Err(wrong_type());
    };
    let mut seen: Vec<&str> = Vec::with_capacity(ops.len());
    for op in ops {
        let op = op.as_str().ok_or_else(wrong_type)?;
        if seen.contains(&op) {
            return Err(JwkProblem::RepeatedOperation(op.into()).into());
        }
        seen.push(op);
    }
    if !seen.contains(&operation.name()) {
        return Err(JwkProblem::OperationNotPermitted(operation).into());
    }
    Ok(())
}

fn read_rsa(members: &Members<'_>) -> Result<Material> {
    let n = members.required_integer(JwkMember::N)?;
    let e = members.required_integer(JwkMember::E)?;
    let Some(d) = members.integer(JwkMember::D)? else {
        return Ok(Material::Public(VerifyingMaterial::Rsa(
            RsaPublicKey::from_components(&n, &e)?,
        )));
    };
    if members.0.contains_key(JwkMember::Oth.name()) {
        return Err(JwkProblem::MultiPrime.into());
    }
    let crt = [
        JwkMember::P,
        JwkMember::Q,
        JwkMember::Dp,
        JwkMember::Dq,
        JwkMember::Qi,
    ]
    .map(|member| members.integer(member));
    let [p, q, dp, dq, qi] = crt;
    let key = match (p?, q?, dp?, dq?, qi?) {
        (None, None, None, None, None) => RsaPrivateKey::from_components(&n, &e, &d, None)?,
        (Some(p), Some(q), Some(dp), Some(dq), Some(qi)) => {
            let key = RsaPrivateKey::from_components(&n, &e, &d, Some((&p, &q)))?;
            let computed = key.components()?;
            // Secret values: compared without early exit, and reported as one.
            let matches = computed.dp.as_slice().ct_eq(&dp)
                & computed.dq.as_slice().ct_eq(&dq)
                & computed.qi.as_slice().ct_eq(&qi);
            if !bool::from(matches) {
                return Err(JwkProblem::CrtMismatch.into());
            }
            key
        }
        _ => return Err(JwkProblem::IncompleteCrt.into()),
    };
    Ok(Material::Private(SigningMaterial::Rsa(key)))
}

fn read_ec(members: &Members<'_>) -> Result<Material> {
    let curve = match members.string(JwkMember::Crv)? {
        Some(name) => {
            EcCurve::from_name(name).ok_or_else(|| JwkProblem::UnsupportedCurve(name.into()))?
        }
        None => return Err(JwkProblem::Missing(JwkMember::Crv).into()),
    };
    let x = members.required_field_element(JwkMember::X, curve)?;
    let y = members.required_field_element(JwkMember::Y, curve)?;
    let public = EcPublicKey::from_coordinates(curve, &x, &y)?;
    let Some(d) = members.field_element(JwkMember::D, curve)? else {
        return Ok(Material::Public(VerifyingMaterial::Ec(public)));
    };
    let private = EcPrivateKey::from_bytes(curve, &d)?;
    if private.public_key() != public {
        return Err(JwkProblem::Inconsistent(JwkMember::D).into());
    }
    Ok(Material::Private(SigningMaterial::Ec(private)))
}

fn read_okp(members: &Members<'_>) -> Result<Material> {
    match members.string(JwkMember::Crv)? {
        Some("Ed25519") => {}
        Some(other) => return Err(JwkProblem::UnsupportedCurve(other.into()).into()),
        None => return Err(JwkProblem::Missing(JwkMember::Crv).into()),
    }
    let public = Ed25519PublicKey::from_bytes(&members.required_bytes(JwkMember::X)?)?;
    let Some(d) = members.bytes(JwkMember::D)? else {
        return Ok(Material::Public(VerifyingMaterial::Ed25519(public.into())));
    };
    let private = Ed25519PrivateKey::from_bytes(&d)?;
    if private.public_key() != public {
        return Err(JwkProblem::Inconsistent(JwkMember::D).into());
    }
    Ok(Material::Private(SigningMaterial::Ed25519(private)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::KeyFamily;
    use crate::error::ErrorKind;
    use crate::jwk::Jwk;
    use alloc::format;
    use alloc::string::ToString;
    use serde_json::json;
    use sha2::Digest;

    const X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    const K: &str = "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg";
    // RFC 7515 appendix A.3's P-256 key.
    const P256_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    const P256_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    const P256_D: &str = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";

    fn jwk(value: &Value) -> Jwk {
        value.to_string().parse().unwrap()
    }

    fn verifying(value: &Value) -> Result<VerifyingKey> {
        VerifyingKey::from_jwk(&jwk(value))
    }

    #[test]
    fn rejects_malformed_members_saying_which_and_why() {
        let jwk_problem = |problem: JwkProblem| Error::InvalidKey(KeyProblem::Jwk(problem));
        let cases = [
            (
                json!({"crv": "Ed25519", "x": X}),
                jwk_problem(JwkProblem::Missing(JwkMember::Kty)),
            ),
            (
                json!({"kty": "ec", "crv": "P-256", "x": X, "y": X}),
                jwk_problem(JwkProblem::UnsupportedKeyType("ec".into())),
            ),
            (
                json!({"kty": "EC", "crv": "P-521", "x": X, "y": X}),
                jwk_problem(JwkProblem::UnsupportedCurve("P-521".into())),
            ),
            (
                json!({"kty": "EC", "x": P256_X, "y": P256_Y}),
                jwk_problem(JwkProblem::Missing(JwkMember::Crv)),
            ),
            (
                json!({"kty": "EC", "crv": "P-256", "x": P256_X}),
                jwk_problem(JwkProblem::Missing(JwkMember::Y)),
            ),
            (
                json!({"kty": "EC", "crv": "P-384", "x": P256_X, "y": P256_Y}),
                jwk_problem(JwkProblem::WrongLength {
                    member: JwkMember::X,
                    expected: 48,
                    actual: 32,
                }),
            ),
            (
                json!({"kty": "EC", "crv": "P-256", "x": P256_X, "y": format!("AA{P256_Y}")}),
                jwk_problem(JwkProblem::NotBase64url(JwkMember::Y)),
            ),
            (
                json!({"kty": "EC", "crv": "P-256", "x": P256_X, "y": P256_X}),
                Error::InvalidKey(KeyProblem::InvalidEcKey),
            ),
            (
                json!({"kty": "EC", "crv": "P-256", "x": P256_X, "y": P256_Y, "d": X}),
                jwk_problem(JwkProblem::Inconsistent(JwkMember::D)),
            ),
            (
                json!({"kty": "EC", "crv": "P-256", "x": P256_X, "y": P256_Y, "d": "AAAA"}),
                jwk_problem(JwkProblem::WrongLength {
                    member: JwkMember::D,
                    expected: 32,
                    actual: 3,
                }),
            ),
            (
                json!({"kty": "EC", "crv": "P-256", "x": P256_X, "y": P256_Y, "alg": "ES384"}),
                Error::InvalidKey(KeyProblem::WrongCurve {
                    algorithm: Algorithm::ES384,
                    key: EcCurve::P256,
                }),
            ),
            (
                json!({"kty": "EC", "crv": "P-256", "x": P256_X, "y": P256_Y, "alg": "PS256"}),
                jwk_problem(JwkProblem::AlgorithmMismatch {
                    algorithm: Algorithm::PS256,
                    key: KeyFamily::Ec,
                }),
            ),
            (
                json!({"kty": 1}),
                jwk_problem(JwkProblem::WrongType(JwkMember::Kty)),
            ),
            (
                json!({"kty": "OKP", "crv": "X25519", "x": X}),
                jwk_problem(JwkProblem::UnsupportedCurve("X25519".into())),
            ),
            (
                json!({"kty": "OKP", "x": X}),
                jwk_problem(JwkProblem::Missing(JwkMember::Crv)),
            ),
            (
                json!({"kty": "OKP", "crv": "Ed25519", "x": format!("{X}=")}),
                jwk_problem(JwkProblem::NotBase64url(JwkMember::X)),
            ),
            (
                json!({"kty": "OKP", "crv": "Ed25519", "x": "AAAA"}),
                Error::InvalidKey(KeyProblem::WrongLength {
                    expected: 32,
                    actual: 3,
                }),
            ),
            (
                json!({"kty": "OKP", "crv": "Ed25519", "x": X, "d": X}),
                jwk_problem(JwkProblem::Inconsistent(JwkMember::D)),
            ),
            (
                json!({"kty": "oct", "k": "AAAA"}),
                Error::InvalidKey(KeyProblem::SecretTooShort { len: 3, min: 32 }),
            ),
            (
                json!({"kty": "oct", "k": K, "alg": "RS256"}),
                jwk_problem(JwkProblem::AlgorithmMismatch {
                    algorithm: Algorithm::RS256,
                    key: KeyFamily::Hmac,
                }),
            ),
            (
                json!({"kty": "oct", "k": K, "alg": "HS512"}),
                Error::InvalidKey(KeyProblem::SecretTooShort { len: 32, min: 64 }),
            ),
            (
                json!({"kty": "oct", "k": K, "alg": "A128KW"}),
                jwk_problem(JwkProblem::UnsupportedAlgorithm("A128KW".into())),
            ),
            (
                json!({"kty": "oct", "k": K, "use": "enc"}),
                jwk_problem(JwkProblem::NotForSignatures("enc".into())),
            ),
            (
                json!({"kty": "oct", "k": K, "key_ops": ["sign"]}),
                jwk_problem(JwkProblem::OperationNotPermitted(KeyOperation::Verify)),
            ),
            (
                json!({"kty": "oct", "k": K, "key_ops": ["verify", "verify"]}),
                jwk_problem(JwkProblem::RepeatedOperation("verify".into())),
            ),
            (
                json!({"kty": "oct", "k": K, "key_ops": "verify"}),
                jwk_problem(JwkProblem::WrongType(JwkMember::KeyOps)),
            ),
            (
                json!({"kty": "oct", "k": K, "kid": 7}),
                jwk_problem(JwkProblem::WrongType(JwkMember::Kid)),
            ),
            (
                json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"}),
                Error::InvalidKey(KeyProblem::RsaModulusTooSmall { bits: 17 }),
            ),
            (
                json!({"kty": "RSA", "e": "AQAB"}),
                jwk_problem(JwkProblem::Missing(JwkMember::N)),
            ),
            (
                json!({"kty": "RSA", "n": "AAEAAQ", "e": "AQAB"}),
                jwk_problem(JwkProblem::NotMinimal(JwkMember::N)),
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(verifying(&value).unwrap_err(), expected, "{value}");
        }
    }

    #[test]
    fn accepts_consistent_constraints() {
        let value = json!({"kty": "oct", "k": K, "alg": "HS256", "use": "sig", "key_ops": ["sign", "verify"], "x5c": []});
        let key = verifying(&value).unwrap();
        assert_eq!(key.algorithm(), Some(Algorithm::HS256));
        let signer = SigningKey::from_jwk(Algorithm::HS256, &jwk(&value)).unwrap();
        assert_eq!(signer.algorithm(), Algorithm::HS256);
        let err = SigningKey::from_jwk(Algorithm::HS384, &jwk(&value)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::KeyAlgorithmMismatch);
        let verify_only = json!({"kty": "oct", "k": K, "key_ops": ["verify"]});
        assert_eq!(
            SigningKey::from_jwk(Algorithm::HS256, &jwk(&verify_only)).unwrap_err(),
            JwkProblem::OperationNotPermitted(KeyOperation::Sign).into()
        );
        let public = json!({"kty": "OKP", "crv": "Ed25519", "x": X});
        assert_eq!(
            SigningKey::from_jwk(Algorithm::EdDSA, &jwk(&public)).unwrap_err(),
            Error::InvalidKey(KeyProblem::NotAPrivateKey)
        );
    }

    #[test]
    fn okp_private_round_trip() {
        let d = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
        let value = json!({"kty": "OKP", "crv": "Ed25519", "x": X, "d": d});
        let key = SigningKey::from_jwk(Algorithm::EdDSA, &jwk(&value)).unwrap();
        let exported = key.to_private_jwk().unwrap();
        assert_eq!(
            (exported.get("x"), exported.get("d")),
            (Some(&json!(X)), Some(&json!(d)))
        );
        let public = key.to_public_jwk().unwrap();
        assert_eq!(public.get("d"), None);
        assert_eq!(public.get("alg"), Some(&json!("EdDSA")));
    }

    #[test]
    fn ec_private_round_trip() {
        let value = json!({"kty": "EC", "crv": "P-256", "x": P256_X, "y": P256_Y, "d": P256_D});
        let key = SigningKey::from_jwk(Algorithm::ES256, &jwk(&value)).unwrap();
        let exported = key.to_private_jwk().unwrap();
        let mut expected = value.as_object().unwrap().clone();
        expected.insert("alg".into(), json!("ES256"));
        expected.insert("use".into(), json!("sig"));
        assert_eq!(exported.as_map(), &expected);
        let public = key.to_public_jwk().unwrap();
        assert_eq!(public.get("d"), None);
        assert_eq!(
            SigningKey::from_jwk(Algorithm::ES384, &jwk(&value)).unwrap_err(),
            Error::InvalidKey(KeyProblem::WrongCurve {
                algorithm: Algorithm::ES384,
                key: EcCurve::P256,
            })
        );
    }

    #[test]
    fn hmac_thumbprint_and_private_export() {
        let key =
            SigningKey::from_jwk(Algorithm::HS256, &jwk(&json!({"kty": "oct", "k": K}))).unwrap();
        assert_eq!(key.to_private_jwk().unwrap().get("k"), Some(&json!(K)));
        assert_eq!(
            key.to_public_jwk().unwrap_err(),
            Error::InvalidKey(KeyProblem::NoPublicForm)
        );
        let canonical = format!(r#"{{"k":"{K}","kty":"oct"}}"#);
        assert_eq!(
            key.thumbprint(),
            b64::encode(&sha2::Sha256::digest(canonical.as_bytes()))
        );
    }
}
