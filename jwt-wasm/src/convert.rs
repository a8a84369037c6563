//! jsonwebtoken's options in jwt-core's terms.
//!
//! Verify options arrive as JSON text that `js/options.js` normalised (every value checked
//! for its JavaScript type, time spans in seconds, one-or-many values as arrays) and become
//! one [`Validation`], built once per distinct options and kept by JavaScript as a
//! [`Policy`]. jsonwebtoken's defaults are jwt-core settings: nothing is required (not even
//! `exp`) and `aud` is not looked at unless an audience is expected.

use jwt_core::{Algorithm, AlgorithmSet, Claim, Clock, Error, Header, Validation};
use serde::Deserialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::errors::Failure;

/// Verification settings, built once per distinct options.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Policy {
    pub(crate) validation: Validation,
}

/// The verify options, as `js/options.js` normalises them.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct VerifyOptions {
    /// The allow-list (jsonwebtoken's default, the key family's algorithms, is filled in by
    /// `js/options.js` from the key).
    algorithms: Vec<String>,
    /// Accepted audiences; absent: `aud` is not looked at.
    audience: Option<Vec<String>>,
    /// Accepted issuers.
    issuer: Option<Vec<String>>,
    subject: Option<String>,
    /// jwt-core's own defaults instead of jsonwebtoken's: `exp` required, and a token naming
    /// an audience refused unless one is expected (beyond jsonwebtoken).
    #[serde(default)]
    strict: bool,
    /// Claims that must be present, replacing the defaults (jsonwebtoken's: none; strict:
    /// `exp`).
    required: Option<Vec<String>>,
    /// Claims that must be present as well (for `jwtid`, `nonce` and RegExp audiences).
    #[serde(default)]
    also_required: Vec<String>,
    #[serde(default)]
    clock_tolerance: u64,
    max_age: Option<u64>,
    /// The current time in seconds; absent: `Date.now()` at each verification.
    clock_timestamp: Option<u64>,
    #[serde(default)]
    ignore_expiration: bool,
    #[serde(default)]
    ignore_not_before: bool,
    /// Required `typ` header (beyond jsonwebtoken).
    typ: Option<String>,
    /// Size limit in bytes (beyond jsonwebtoken).
    max_token_bytes: Option<usize>,
}

#[wasm_bindgen]
impl Policy {
    /// Settings from normalised verify options (JSON text).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str) -> Result<Policy, Failure> {
        let options: VerifyOptions =
            serde_json::from_str(options).map_err(|err| Failure::options(&err.to_string()))?;
        Ok(Self {
            validation: validation(options)?,
        })
    }

    /// The size limit in bytes: JavaScript hands the module no more of a token than one
    /// character past it, so that a huge token is refused without being copied whole.
    #[wasm_bindgen(getter, js_name = tokenLimit)]
    pub fn token_limit(&self) -> usize {
        self.validation.token_size_limit()
    }
}

fn validation(options: VerifyOptions) -> Result<Validation, Error> {
    let clock = match options.clock_timestamp {
        Some(now) => Clock::Fixed(now),
        None => Clock::Function(crate::clock::now),
    };
    let mut validation =
        Validation::new_with_clock(AlgorithmSet::from_names(&options.algorithms)?, clock)
            .leeway(options.clock_tolerance)
            .validate_exp(!options.ignore_expiration)
            .validate_nbf(!options.ignore_not_before);
    if !options.strict {
        validation = validation.required_claims([]);
    }
    if let Some(required) = &options.required {
        validation = validation.required_claims(required.iter().map(|name| Claim::from_name(name)));
    }
    for name in &options.also_required {
        validation = validation.require(Claim::from_name(name));
    }
    validation = match options.audience {
        Some(audiences) => validation.audiences(audiences),
        None if options.strict => validation,
        None => validation.ignore_audience(),
    };
    if let Some(issuers) = options.issuer {
        validation = validation.issuers(issuers);
    }
    if let Some(subject) = options.subject {
        validation = validation.subject(subject);
    }
    if let Some(seconds) = options.max_age {
        validation = validation.max_age(seconds);
    }
    if let Some(typ) = options.typ {
        validation = validation.typ(typ);
    }
    if let Some(bytes) = options.max_token_bytes {
        validation = validation.max_token_bytes(bytes);
    }
    Ok(validation)
}

/// A header for signing with `algorithm`, from the members jsonwebtoken's `header` and
/// `keyid` options give (JSON text of an object; empty for none). `alg`, if given, must be
/// `algorithm`; jwt-core refuses the members it manages when their types are wrong, and the
/// extensions it does not implement.
pub(crate) fn header(algorithm: Algorithm, members: &str) -> Result<Header, Error> {
    let mut header = Header::new();
    for (name, value) in header_members(members)? {
        header = match (name.as_str(), value) {
            ("alg", Value::String(alg)) if alg == algorithm.name() => header,
            ("alg", _) => return Err(alg_mismatch(algorithm)),
            ("typ", Value::String(typ)) => header.with_typ(typ),
            ("typ", Value::Null) => header.without_typ(),
            ("kid", Value::String(kid)) => header.with_kid(kid),
            ("cty", Value::String(cty)) => header.with_content_type(cty),
            (_, value) => header.with_extra(name, value)?,
        };
    }
    Ok(header)
}

/// The header JSON for signing a payload that is not claims (a string or bytes, as
/// jsonwebtoken signs them): `alg` first, no `typ` unless given.
/// TODO(jwt-core): `jws::sign` taking a [`Header`], so that the binding writes no header JSON.
pub(crate) fn raw_header(algorithm: Algorithm, members: &str) -> Result<Vec<u8>, Error> {
    let mut header = Map::new();
    header.insert("alg".into(), algorithm.name().into());
    for (name, value) in header_members(members)? {
        match (name.as_str(), &value) {
            ("alg", Value::String(alg)) if alg == algorithm.name() => {}
            ("alg", _) => return Err(alg_mismatch(algorithm)),
            _ => {
                header.insert(name, value);
            }
        }
    }
    Ok(Value::Object(header).to_string().into_bytes())
}

fn header_members(members: &str) -> Result<Map<String, Value>, Error> {
    if members.is_empty() {
        return Ok(Map::new());
    }
    serde_json::from_str(members).map_err(|err| Error::InvalidHeader(err.to_string()))
}

fn alg_mismatch(algorithm: Algorithm) -> Error {
    Error::InvalidHeader(format!(
        "the header's \"alg\" must be {algorithm}, the algorithm of the key"
    ))
}

/// A verified or decoded header as JSON text, `alg` included, for JavaScript's `JSON.parse`.
pub(crate) fn header_json(algorithm: Algorithm, header: &Header) -> String {
    let mut members = Map::new();
    members.insert("alg".into(), algorithm.name().into());
    let strings = [
        ("typ", header.typ()),
        ("kid", header.kid()),
        ("cty", header.content_type()),
    ];
    for (name, value) in strings {
        if let Some(value) = value {
            members.insert(name.into(), value.into());
        }
    }
    if !header.critical().is_empty() {
        members.insert("crit".into(), header.critical().into());
    }
    for (name, value) in header.extras() {
        members.insert(name.into(), value.clone());
    }
    Value::Object(members).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn policy(options: Value) -> Result<Validation, String> {
        Policy::new(&options.to_string())
            .map(|policy| policy.validation)
            .map_err(|failure| failure.code())
    }

    #[test]
    fn options_are_checked_by_the_core() {
        assert_eq!(
            policy(json!({"algorithms": []})).unwrap_err(),
            "InvalidAlgorithm"
        );
        assert_eq!(
            policy(json!({"algorithms": ["none"]})).unwrap_err(),
            "InvalidAlgorithm"
        );
        assert_eq!(
            policy(json!({"algorithms": ["HS256"], "clockTolerance": -1})).unwrap_err(),
            "InvalidOptions"
        );
        assert_eq!(
            policy(json!({"algorithms": ["HS256"], "unknown": 1})).unwrap_err(),
            "InvalidOptions"
        );
        let validation = policy(json!({
            "algorithms": ["HS256", "EdDSA"], "audience": ["a"], "issuer": ["i"], "subject": "s",
            "required": ["exp"], "alsoRequired": ["jti"], "strict": true, "clockTolerance": 5, "maxAge": 60, "clockTimestamp": 100,
            "ignoreExpiration": true, "ignoreNotBefore": true, "typ": "at+jwt", "maxTokenBytes": 900,
        }))
        .unwrap();
        assert_eq!(
            validation.algorithms(),
            AlgorithmSet::new(Algorithm::HS256).with(Algorithm::EdDSA)
        );
        assert_eq!(validation.token_size_limit(), 900);
    }

    #[test]
    fn header_members_become_the_core_header() {
        let header = header(
            Algorithm::HS256,
            r#"{"alg":"HS256","typ":"at+jwt","kid":"k","x":[1]}"#,
        )
        .unwrap();
        assert_eq!(header.typ(), Some("at+jwt"));
        assert_eq!(header.kid(), Some("k"));
        assert_eq!(header.extra("x"), Some(&json!([1])));
        assert_eq!(super::header(Algorithm::HS256, "").unwrap(), Header::new());
        assert_eq!(
            super::header(Algorithm::HS256, r#"{"typ":null}"#)
                .unwrap()
                .typ(),
            None
        );
        for refused in [
            r#"{"alg":"RS256"}"#,
            r#"{"crit":["x"]}"#,
            r#"{"typ":1}"#,
            r#"{"b64":false}"#,
            "[]",
        ] {
            assert_eq!(
                super::header(Algorithm::HS256, refused)
                    .unwrap_err()
                    .kind()
                    .code(),
                "InvalidHeader",
                "{refused}"
            );
        }
    }

    #[test]
    fn raw_headers_have_alg_first_and_no_typ() {
        assert_eq!(
            raw_header(Algorithm::EdDSA, "").unwrap(),
            br#"{"alg":"EdDSA"}"#
        );
        assert_eq!(
            raw_header(Algorithm::EdDSA, r#"{"kid":"k"}"#).unwrap(),
            br#"{"alg":"EdDSA","kid":"k"}"#
        );
    }

    #[test]
    fn headers_go_back_with_alg() {
        let header = Header::new()
            .with_kid("k")
            .with_extra("x", json!(1))
            .unwrap();
        let json: Value = serde_json::from_str(&header_json(Algorithm::RS256, &header)).unwrap();
        assert_eq!(
            json,
            json!({"alg": "RS256", "typ": "JWT", "kid": "k", "x": 1})
        );
    }
}
