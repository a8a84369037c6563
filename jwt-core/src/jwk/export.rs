//! Keys written as JWK members: the public members RFC 7638 requires (which are also what a
//! thumbprint hashes), `use`, `alg` and `kid`, and the private members only when asked.

use alloc::string::{String, ToString};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::Jwk;
use crate::alg::Algorithm;
use crate::b64;
use crate::error::{KeyProblem, Result};
use crate::key::{SigningMaterial, VerifyingMaterial};

/// The public JWK of `material`, with `use` `sig`, `alg` and `kid`. An HMAC secret has no
/// public form.
pub(crate) fn public(
    material: &VerifyingMaterial,
    algorithm: Option<Algorithm>,
    kid: Option<&str>,
) -> Result<Jwk> {
    if let VerifyingMaterial::Hmac(_) = material {
        return Err(KeyProblem::NoPublicForm.into());
    }
    let mut jwk = required(material);
    annotate(&mut jwk, algorithm, kid);
    Ok(Jwk(jwk))
}

/// The JWK of `material` with its private members, `use` `sig`, `alg` and `kid`.
pub(crate) fn private(
    material: &SigningMaterial,
    algorithm: Algorithm,
    kid: Option<&str>,
) -> Result<Jwk> {
    let mut jwk = match material {
        // An HMAC key's one member, `k`, is its secret.
        SigningMaterial::Hmac(_) => required(&material.verifying()),
        SigningMaterial::Rsa(key) => {
            let mut jwk = required(&material.verifying());
            let parts = key.components()?;
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
            jwk
        }
        SigningMaterial::Ec(key) => {
            let mut jwk = required(&material.verifying());
            jwk.insert("d".into(), b64::encode(&key.to_bytes()).into());
            jwk
        }
        SigningMaterial::Ed25519(key) => {
            let mut jwk = required(&material.verifying());
            jwk.insert("d".into(), b64::encode(key.to_bytes().as_ref()).into());
            jwk
        }
    };
    annotate(&mut jwk, Some(algorithm), kid);
    Ok(Jwk(jwk))
}

/// The RFC 7638 thumbprint of `material`: base64url of the SHA-256 of its required members,
/// written in lexicographic order without whitespace.
pub(crate) fn thumbprint(material: &VerifyingMaterial) -> String {
    // serde_json writes objects without whitespace, in the (sorted) order of the map.
    let canonical = Value::Object(required(material)).to_string();
    b64::encode(&Sha256::digest(canonical.as_bytes()))
}

/// The members RFC 7638 requires for `material` (section 3.2), in lexicographic order: for
/// an HMAC secret, the secret itself.
fn required(material: &VerifyingMaterial) -> Map<String, Value> {
    let mut jwk = Map::new();
    match material {
        VerifyingMaterial::Hmac(key) => {
            jwk.insert("k".into(), b64::encode(key.secret()).into());
            jwk.insert("kty".into(), "oct".into());
        }
        VerifyingMaterial::Rsa(key) => {
            jwk.insert("e".into(), b64::encode(&key.exponent()).into());
            jwk.insert("kty".into(), "RSA".into());
            jwk.insert("n".into(), b64::encode(&key.modulus()).into());
        }
        VerifyingMaterial::Ec(key) => {
            let (x, y) = key.coordinates();
            jwk.insert("crv".into(), key.curve().name().into());
            jwk.insert("kty".into(), "EC".into());
            jwk.insert("x".into(), b64::encode(&x).into());
            jwk.insert("y".into(), b64::encode(&y).into());
        }
        VerifyingMaterial::Ed25519(verifier) => {
            jwk.insert("crv".into(), "Ed25519".into());
            jwk.insert("kty".into(), "OKP".into());
            jwk.insert("x".into(), b64::encode(&verifier.key().to_bytes()).into());
        }
    }
    jwk
}

/// Adds `use` `sig`, and `alg` and `kid` when there are.
fn annotate(jwk: &mut Map<String, Value>, algorithm: Option<Algorithm>, kid: Option<&str>) {
    jwk.insert("use".into(), "sig".into());
    if let Some(algorithm) = algorithm {
        jwk.insert("alg".into(), algorithm.name().into());
    }
    if let Some(kid) = kid {
        jwk.insert("kid".into(), kid.into());
    }
}
