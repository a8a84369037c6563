//! jsonwebtoken's options in jwt-core's terms.
//!
//! Verify options arrive as JSON text that `js/options.js` normalised (every value checked
//! for its JavaScript type, time spans in seconds, one-or-many values as arrays), with the
//! audiences given as `RegExp`s beside it, and become one [`Validation`], built once per
//! distinct options and kept by JavaScript as a [`Policy`]. jsonwebtoken's defaults are
//! jwt-core settings: nothing is required (not even `exp`), `aud` is not looked at unless an
//! audience is expected, and the allow-list is the key family's algorithms.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use jwt_core::{Algorithm, AlgorithmSet, Claim, Clock, Error, Header, HeaderProblem, Validation};
use serde::Deserialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::errors::Failure;
use crate::keys::{Verifier, VerifyKey};

#[wasm_bindgen]
extern "C" {
    /// A JavaScript `RegExp` that an audience must match (jsonwebtoken's `audience` option).
    pub type Pattern;

    /// `RegExp.prototype.test`: whether `text` matches. Caught, so that a throwing subclass
    /// cannot unwind through the module.
    #[wasm_bindgen(method, catch)]
    fn test(this: &Pattern, text: &str) -> Result<bool, wasm_bindgen::JsValue>;
}

thread_local! {
    /// The `RegExp` audiences of live policies, by policy. They are JavaScript values, which
    /// are neither `Send` nor `Sync`, so jwt-core's audience predicate (which must be both)
    /// holds the policy's number and finds them here; the module has one thread.
    static PATTERNS: RefCell<BTreeMap<u32, Vec<Pattern>>> = const { RefCell::new(BTreeMap::new()) };
    static NEXT_PATTERNS: Cell<u32> = const { Cell::new(0) };
}

/// A policy's entry in [`PATTERNS`], removed with the policy.
#[derive(Debug)]
struct Patterns(u32);

impl Patterns {
    fn register(patterns: Vec<Pattern>) -> Self {
        let id = NEXT_PATTERNS.get();
        NEXT_PATTERNS.set(id.wrapping_add(1));
        PATTERNS.with_borrow_mut(|all| all.insert(id, patterns));
        Self(id)
    }

    /// Whether a pattern of policy `id` matches `audience`.
    fn match_any(id: u32, audience: &str) -> bool {
        PATTERNS.with_borrow(|all| {
            all.get(&id).is_some_and(|patterns| {
                patterns
                    .iter()
                    .any(|pattern| pattern.test(audience).unwrap_or(false))
            })
        })
    }
}

impl Drop for Patterns {
    fn drop(&mut self) {
        PATTERNS.with_borrow_mut(|all| all.remove(&self.0));
    }
}

/// Verification settings, built once per distinct options.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Policy {
    pub(crate) validation: Validation,
    /// The `RegExp` audiences the validation's predicate reads, if any.
    _patterns: Option<Patterns>,
}

/// The verify options, as `js/options.js` normalises them.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct VerifyOptions {
    /// The allow-list; absent: the key family's algorithms (jsonwebtoken's default).
    algorithms: Option<Vec<String>>,
    /// Accepted audiences given as strings (those given as `RegExp`s come beside the
    /// options); absent, with no `RegExp` either: `aud` is not looked at.
    audience: Option<Vec<String>>,
    /// Accepted issuers.
    issuer: Option<Vec<String>>,
    subject: Option<String>,
    /// The expected `jti`.
    jwtid: Option<String>,
    /// The expected `nonce` (OpenID Connect).
    nonce: Option<String>,
    /// jwt-core's own defaults instead of jsonwebtoken's: `exp` required, and a token naming
    /// an audience refused unless one is expected (beyond jsonwebtoken).
    #[serde(default)]
    strict: bool,
    /// Claims that must be present, replacing the defaults (jsonwebtoken's: none; strict:
    /// `exp`).
    required: Option<Vec<String>>,
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
    /// Settings from normalised verify `options` (JSON text) and the audiences given as
    /// `patterns`, for `key`: when the options give no allow-list, it is the algorithms of
    /// the key's family (jsonwebtoken's default; a JWK Set has none).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str, patterns: Vec<Pattern>, key: &VerifyKey) -> Result<Policy, Failure> {
        Self::build(options, patterns, Some(key))
    }

    /// As [`new`](Self::new) for no particular key: the options must give the allow-list
    /// (for checking a token before its key, which could not be read).
    #[wasm_bindgen(js_name = forAnyKey)]
    pub fn for_any_key(options: &str, patterns: Vec<Pattern>) -> Result<Policy, Failure> {
        Self::build(options, patterns, None)
    }

    /// The size limit in bytes: JavaScript hands the module no more of a token than one
    /// character past it, so that a huge token is refused without being copied whole.
    #[wasm_bindgen(getter, js_name = tokenLimit)]
    pub fn token_limit(&self) -> usize {
        self.validation.get_max_token_bytes()
    }
}

impl Policy {
    /// The policy for `options`, `patterns` and `key` (none: the options name the algorithms).
    fn build(
        options: &str,
        patterns: Vec<Pattern>,
        key: Option<&VerifyKey>,
    ) -> Result<Policy, Failure> {
        let options: VerifyOptions =
            serde_json::from_str(options).map_err(|err| Failure::options(&err.to_string()))?;
        let algorithms = match (&options.algorithms, key.map(|key| &key.inner)) {
            (Some(names), _) => AlgorithmSet::from_names(names)?,
            (None, Some(Verifier::One(key))) => key.family().algorithms(),
            (None, _) => {
                return Err(Failure::options(
                    "\"algorithms\" is required to verify against a JWK Set",
                ));
            }
        };
        let patterns = (!patterns.is_empty()).then(|| Patterns::register(patterns));
        Ok(Self {
            validation: validation(options, algorithms, patterns.as_ref())?,
            _patterns: patterns,
        })
    }
}

fn validation(
    options: VerifyOptions,
    algorithms: AlgorithmSet,
    patterns: Option<&Patterns>,
) -> Result<Validation, Error> {
    let clock = match options.clock_timestamp {
        Some(now) => Clock::Fixed(now),
        None => Clock::from_fn(crate::clock::now),
    };
    let mut validation = Validation::new_with_clock(algorithms, clock)
        .leeway(options.clock_tolerance)
        .validate_exp(!options.ignore_expiration)
        .validate_nbf(!options.ignore_not_before);
    if !options.strict {
        validation = validation.required_claims([]);
    }
    if let Some(required) = &options.required {
        validation = validation.required_claims(required.iter().map(|name| Claim::from_name(name)));
    }
    validation = match (options.audience, patterns) {
        (audiences, Some(&Patterns(id))) => {
            let audiences = audiences.unwrap_or_default();
            validation.audience_matching(move |aud| {
                audiences.iter().any(|accepted| accepted == aud) || Patterns::match_any(id, aud)
            })
        }
        (Some(audiences), None) => validation.audiences(audiences),
        (None, None) if options.strict => validation,
        (None, None) => validation.ignore_audience(),
    };
    if let Some(issuers) = options.issuer {
        validation = validation.issuers(issuers);
    }
    if let Some(subject) = options.subject {
        validation = validation.subject(subject);
    }
    if let Some(jwtid) = options.jwtid {
        validation = validation.claim_equals(Claim::Jti, jwtid);
    }
    if let Some(nonce) = options.nonce {
        validation = validation.claim_equals(Claim::from_name("nonce"), nonce);
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

/// A header for signing with `algorithm`, from `base` (jsonwebtoken's: `typ` "JWT" for
/// claims, none for other payloads) and the members jsonwebtoken's `header` and `keyid`
/// options give (JSON text of an object; empty for none). `alg`, if given, must be
/// `algorithm`; jwt-core refuses the members it manages when their types are wrong, and the
/// extensions it does not implement.
pub(crate) fn header(base: Header, algorithm: Algorithm, members: &str) -> Result<Header, Failure> {
    let mut header = base;
    for (name, value) in header_members(members)? {
        header = match (name.as_str(), value) {
            ("alg", Value::String(named)) => {
                same_algorithm(&named, algorithm)?;
                header
            }
            ("typ", Value::String(typ)) => header.with_typ(typ),
            ("typ", Value::Null) => header.without_typ(),
            ("kid", Value::String(kid)) => header.with_kid(kid),
            ("cty", Value::String(cty)) => header.with_content_type(cty),
            (_, value) => header.with_extra(name, value)?,
        };
    }
    Ok(header)
}

/// Refuses a header `alg` that is not the signing key's `algorithm`, as jwt-core refuses
/// such a header given as bytes.
fn same_algorithm(named: &str, algorithm: Algorithm) -> Result<(), Error> {
    let header: Algorithm = named.parse().map_err(|err| match err {
        Error::InvalidAlgorithm(why) => Error::InvalidHeader(HeaderProblem::Algorithm(why)),
        other => other,
    })?;
    if header == algorithm {
        Ok(())
    } else {
        Err(HeaderProblem::AlgorithmMismatch {
            header,
            key: algorithm,
        }
        .into())
    }
}

/// The members of a header as `js/options.js` writes them: `JSON.stringify` of an object.
fn header_members(members: &str) -> Result<Map<String, Value>, Failure> {
    if members.is_empty() {
        return Ok(Map::new());
    }
    serde_json::from_str(members).map_err(|err| Failure::options(&err.to_string()))
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
        let key = VerifyKey::from_secret(&[7; 32], false).unwrap();
        Policy::new(&options.to_string(), Vec::new(), &key)
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
            "jwtid": "j", "nonce": "n", "required": ["exp"], "strict": true, "clockTolerance": 5,
            "maxAge": 60, "clockTimestamp": 100, "ignoreExpiration": true, "ignoreNotBefore": true,
            "typ": "at+jwt", "maxTokenBytes": 900,
        }))
        .unwrap();
        assert_eq!(
            validation.algorithms(),
            AlgorithmSet::new(Algorithm::HS256).with(Algorithm::EdDSA)
        );
        assert_eq!(validation.get_max_token_bytes(), 900);
    }

    #[test]
    fn algorithms_default_to_the_key_family() {
        let hmac = policy(json!({})).unwrap();
        assert_eq!(
            hmac.algorithms(),
            jwt_core::KeyFamily::Hmac.algorithms(),
            "jsonwebtoken's default"
        );
        let set = VerifyKey::from_object(
            r#"{"keys":[{"kty":"oct","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"}]}"#,
        )
        .unwrap();
        let failure = Policy::new("{}", Vec::new(), &set).unwrap_err();
        assert_eq!(failure.code(), "InvalidOptions");
        let failure = Policy::for_any_key("{}", Vec::new()).unwrap_err();
        assert_eq!(failure.code(), "InvalidOptions");
    }

    #[test]
    fn header_members_become_the_core_header() {
        let header = header(
            Header::new(),
            Algorithm::HS256,
            r#"{"alg":"HS256","typ":"at+jwt","kid":"k","x":[1]}"#,
        )
        .unwrap();
        assert_eq!(header.typ(), Some("at+jwt"));
        assert_eq!(header.kid(), Some("k"));
        assert_eq!(header.extra("x"), Some(&json!([1])));
        assert_eq!(
            super::header(Header::new(), Algorithm::HS256, "").unwrap(),
            Header::new()
        );
        assert_eq!(
            super::header(Header::new(), Algorithm::HS256, r#"{"typ":null}"#)
                .unwrap()
                .typ(),
            None
        );
        assert_eq!(
            super::header(
                Header::new().without_typ(),
                Algorithm::EdDSA,
                r#"{"kid":"k"}"#
            )
            .unwrap(),
            Header::new().without_typ().with_kid("k")
        );
        for refused in [
            r#"{"alg":"RS256"}"#,
            r#"{"alg":"none"}"#,
            r#"{"alg":1}"#,
            r#"{"crit":["x"]}"#,
            r#"{"typ":1}"#,
            r#"{"b64":false}"#,
        ] {
            let failure = super::header(Header::new(), Algorithm::HS256, refused).unwrap_err();
            assert_eq!(failure.code(), "InvalidHeader", "{refused}");
        }
        let not_members = super::header(Header::new(), Algorithm::HS256, "[]").unwrap_err();
        assert_eq!(not_members.code(), "InvalidOptions");
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
