//! The native functions behind `jwt_core.decode`, `decode_complete`, `encode`,
//! `get_unverified_header` and PyJWS: PyJWT's signatures, with all the work done by jwt-core
//! (the GIL released around RSA, ECDSA and Ed25519).

use pyo3::exceptions::{PyNotImplementedError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyString};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use jwt_core::dangerous::UnverifiedToken;
use jwt_core::{
    Algorithm, Error, ErrorKind, Header, KeyProblem, KeySet, SigningKey, TokenData, UntrustedToken,
    Validation, VerifyingKey,
};

use crate::convert::{Context, Json, PyClaims, header_dict, token_bytes};
use crate::errors::{IntoPy, raise, to_pyerr};
use crate::keys::{self, Key, Verifier};
use crate::options::{self, Arguments, Settings};

/// Runs `verify` with the key's verifying key. A short HMAC secret is refused by the core;
/// PyJWT's answer to that is a warning (or, with `enforce_minimum_key_length`, the refusal),
/// so then `verify` runs again with the core's short-secret escape hatch.
pub(crate) fn with_verifier<T>(
    py: Python<'_>,
    key: &Key,
    enforce_key_length: bool,
    verify: impl Fn(&VerifyingKey) -> Result<T, Error>,
) -> PyResult<T> {
    let (key, weak, unusable) = match key.verifier() {
        Verifier::One {
            key,
            weak,
            unusable,
        } => (key, weak, unusable),
        Verifier::Unusable(err) => return Err(to_pyerr(py, err)),
        Verifier::Set(_) => {
            return Err(PyTypeError::new_err(
                "a JWK Set verifies tokens, not signatures",
            ));
        }
    };
    let first = match unusable {
        Some(err) => Err(err.clone()),
        None => verify(key),
    };
    match (first, weak) {
        (Err(err @ Error::InvalidKey(KeyProblem::SecretTooShort { .. })), Some(weak)) => {
            short_secret(py, &err, enforce_key_length)?;
            verify(weak).or_raise(py)
        }
        (result, _) => result.or_raise(py),
    }
}

/// Runs `sign` with the key's signing key for `algorithm`, short secrets as in
/// [`with_verifier`].
pub(crate) fn with_signer<T>(
    py: Python<'_>,
    key: &Key,
    algorithm: Algorithm,
    enforce_key_length: bool,
    sign: impl FnOnce(&SigningKey) -> Result<T, Error>,
) -> PyResult<T> {
    match key.signer(algorithm) {
        Ok(signer) => sign(signer).or_raise(py),
        Err(err @ Error::InvalidKey(KeyProblem::SecretTooShort { .. })) => {
            short_secret(py, &err, enforce_key_length)?;
            sign(&key.weak_signer(algorithm).or_raise(py)?).or_raise(py)
        }
        Err(err) => Err(to_pyerr(py, &err)),
    }
}

/// PyJWT's handling of a key below the recommended length: `InsecureKeyLengthWarning`, or
/// with `enforce_minimum_key_length`, `InvalidKeyError`.
fn short_secret(py: Python<'_>, err: &Error, enforce: bool) -> PyResult<()> {
    static WARNING: PyOnceLock<Py<pyo3::types::PyType>> = PyOnceLock::new();
    if enforce {
        return Err(to_pyerr(py, err));
    }
    let category = WARNING.import(py, "jwt_core.warnings", "InsecureKeyLengthWarning")?;
    let message = std::ffi::CString::new(crate::errors::message_of(err))
        .map_err(|_| PyValueError::new_err("warning message holds a NUL"))?;
    PyErr::warn(py, category.as_any(), &message, 2)
}

/// A decoded token, with what the call keeps of its signature.
struct Decoded<S> {
    data: TokenData<PyClaims>,
    signature: S,
}

/// What verifies a token: one key, or the key of a set that the token selects.
#[derive(Clone, Copy)]
enum Pick<'a> {
    One(&'a VerifyingKey),
    Set(&'a KeySet),
}

/// What a decoding call keeps of the token's signature: nothing (`decode`, which takes the
/// core's fastest path), or its bytes (`decode_complete`).
trait Signature: Sized + Send {
    /// Verifies and validates `token` with `pick`.
    fn verify(
        token: &[u8],
        validation: &Validation,
        pick: Pick<'_>,
    ) -> Result<Decoded<Self>, Error>;

    /// What is kept of an unverified token's signature.
    fn read(token: &UnverifiedToken<'_>) -> Self;
}

impl Signature for () {
    fn verify(token: &[u8], validation: &Validation, pick: Pick<'_>) -> Result<Decoded<()>, Error> {
        let data = match pick {
            Pick::One(key) => jwt_core::decode::<PyClaims>(token, key, validation),
            Pick::Set(set) => jwt_core::decode_with_set::<PyClaims>(token, set, validation),
        }?;
        Ok(Decoded {
            data,
            signature: (),
        })
    }

    fn read(_: &UnverifiedToken<'_>) {}
}

impl Signature for Vec<u8> {
    fn verify(
        token: &[u8],
        validation: &Validation,
        pick: Pick<'_>,
    ) -> Result<Decoded<Self>, Error> {
        let untrusted = UntrustedToken::parse(token, validation)?;
        let signature = untrusted.signature().to_vec();
        let data = match pick {
            Pick::One(key) => untrusted.verify::<PyClaims>(key),
            Pick::Set(set) => untrusted.verify_with_set::<PyClaims>(set),
        }?;
        Ok(Decoded { data, signature })
    }

    fn read(token: &UnverifiedToken<'_>) -> Self {
        token.signature().to_vec()
    }
}

/// Verifies and validates `token` as `settings` say, with the GIL released around a slow key.
fn verified<S: Signature>(
    py: Python<'_>,
    token: &[u8],
    key: &Key,
    validation: &Validation,
    enforce: bool,
) -> PyResult<Decoded<S>> {
    let slow = key.is_slow();
    match key.verifier() {
        Verifier::Set(set) => py
            .detach(|| S::verify(token, validation, Pick::Set(set)))
            .or_raise(py),
        Verifier::Unusable(err) => {
            UntrustedToken::parse(token, validation).or_raise(py)?;
            Err(to_pyerr(py, err))
        }
        Verifier::One { .. } if slow => with_verifier(py, key, enforce, |one| {
            py.detach(|| S::verify(token, validation, Pick::One(one)))
        }),
        Verifier::One { .. } => with_verifier(py, key, enforce, |one| {
            S::verify(token, validation, Pick::One(one))
        }),
    }
}

/// The decoding arguments shared by `decode` and `decode_complete`.
struct Call<'a, 'py> {
    jwt: &'a Bound<'py, PyAny>,
    key: Option<&'a Bound<'py, PyAny>>,
    arguments: Arguments<'a, 'py>,
}

/// PyJWT's deprecation warnings for arguments it no longer uses.
fn deprecations(
    py: Python<'_>,
    function: &str,
    options: Option<&Bound<'_, PyAny>>,
    verify: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<()> {
    static WARNINGS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let warn = |category: Bound<'_, PyAny>, message: String| -> PyResult<()> {
        WARNINGS
            .import(py, "warnings", "warn")?
            .call1((message, category, 3))
            .map(drop)
    };
    if let Some(kwargs) = kwargs.filter(|kwargs| !kwargs.is_empty()) {
        let names: Vec<String> = kwargs.keys().iter().map(|name| name.to_string()).collect();
        let category = py
            .import("jwt_core.warnings")?
            .getattr("RemovedInPyjwt3Warning")?;
        warn(
            category,
            format!(
                "passing additional kwargs to {function}() is deprecated and will be removed in pyjwt version 3. Unsupported kwargs: {names:?}"
            ),
        )?;
    }
    if let Some(verify) = verify.filter(|verify| !verify.is_none()) {
        let verify_signature = match options.filter(|options| !options.is_none()) {
            Some(options) => options
                .call_method1(intern!(py, "get"), (intern!(py, "verify_signature"), true))?
                .is_truthy()?,
            None => true,
        };
        if verify.is_truthy()? != verify_signature {
            let category = py
                .get_type::<pyo3::exceptions::PyDeprecationWarning>()
                .into_any();
            warn(category, "The `verify` argument to `decode` does nothing in PyJWT 2.0 and newer. The equivalent is setting `verify_signature` to False in the `options` dictionary. This invocation has a mismatch between the kwarg and the option entry.".to_owned())?;
        }
    }
    Ok(())
}

/// Decodes as `decode` and `decode_complete` do, keeping what `S` keeps of the signature.
fn decode_token<S: Signature>(py: Python<'_>, call: &Call<'_, '_>) -> PyResult<Decoded<S>> {
    let token = token_bytes(py, call.jwt)?;
    if !options::verifies_signature(py, call.arguments.options)? {
        return unverified(py, &token, &call.arguments);
    }
    let key = resolve_key(py, call.key);
    let restriction = key.as_ref().ok().and_then(|key| key.get().restriction());
    let Settings {
        validation,
        enforce_key_length,
    } = options::settings(py, &call.arguments, restriction)?;
    let key = key_after_token(py, key, &token, &validation)?;
    verified(py, &token, key.get(), &validation, enforce_key_length)
}

/// `verify_signature=False`: the token is read without its signature checked, and its claims
/// are validated as PyJWT's options say (with every `verify_*` off unless set).
fn unverified<S: Signature>(
    py: Python<'_>,
    token: &[u8],
    arguments: &Arguments<'_, '_>,
) -> PyResult<Decoded<S>> {
    let read = UnverifiedToken::parse(token).or_raise(py)?;
    let validation = options::unverified_settings(py, arguments, read.algorithm())?;
    let claims = read
        .validated_claims::<PyClaims>(&validation)
        .or_raise(py)?;
    Ok(Decoded {
        signature: S::read(&read),
        data: TokenData {
            algorithm: read.algorithm(),
            header: read.header().clone(),
            claims,
        },
    })
}

/// The key, or its error once the token has passed the checks that need no key: the core
/// reports a malformed token before an unusable key, whatever the order of the arguments.
fn key_after_token<'py>(
    py: Python<'py>,
    key: PyResult<Bound<'py, Key>>,
    token: &[u8],
    validation: &Validation,
) -> PyResult<Bound<'py, Key>> {
    match key {
        Ok(key) => Ok(key),
        Err(err) => {
            UntrustedToken::parse(token, validation).or_raise(py)?;
            Err(err)
        }
    }
}

/// The key argument; PyJWT's default is the empty string, which no algorithm accepts.
fn resolve_key<'py>(py: Python<'py>, key: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, Key>> {
    match key {
        Some(key) => keys::resolve(py, key),
        None => keys::resolve(py, intern!(py, "").as_any()),
    }
}

/// Verifies `jwt` and returns its claims as a dict (PyJWT's `decode`).
///
/// - `jwt`: the token, str or bytes.
/// - `key`: an HMAC secret (str/bytes), a PEM or DER public key, a JWK (dict or JSON text),
///   a JWK Set or `PyJWKSet` (the token's `kid` picks the key), a `PyJWK`, or a
///   `cryptography` RSA/EC/Ed25519 key. Parsed once and cached.
/// - `algorithms`: the allow-list, e.g. `["RS256"]`; required (a `PyJWK` supplies its own).
///   Never derive it from the token.
/// - `options`: PyJWT's (`verify_signature`, `verify_exp`, `verify_nbf`, `verify_iat`,
///   `verify_aud`, `verify_iss`, `verify_sub`, `verify_jti`, `require`, `strict_aud`,
///   `enforce_minimum_key_length`) and jwt_core's (`typ`, `max_age`, `max_token_bytes`, `now`).
///   `exp`, `nbf` and `iat` are checked when present; only `require` makes claims mandatory.
///   With `verify_signature` False nothing is verified, and only the claim checks the options
///   name (`verify_exp`, `require`, ...) are made: never trust such claims.
/// - `audience`, `issuer`: a string or several; `subject`: a string. Each makes its claim
///   mandatory.
/// - `leeway`: seconds (int) or a `timedelta` of clock skew.
///
/// Raises the `jwt_core.exceptions` class of the failure (`ExpiredSignatureError`,
/// `InvalidSignatureError`, ...), whose `.code` is jwt-core's error kind.
#[pyfunction]
#[pyo3(signature = (jwt, key=None, algorithms=None, options=None, verify=None, detached_payload=None, audience=None, subject=None, issuer=None, leeway=None, **kwargs))]
#[allow(clippy::too_many_arguments, reason = "PyJWT's signature")]
pub(crate) fn decode<'py>(
    py: Python<'py>,
    jwt: &Bound<'py, PyAny>,
    key: Option<&Bound<'py, PyAny>>,
    algorithms: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyAny>>,
    verify: Option<&Bound<'py, PyAny>>,
    detached_payload: Option<&Bound<'py, PyAny>>,
    audience: Option<&Bound<'py, PyAny>>,
    subject: Option<&Bound<'py, PyAny>>,
    issuer: Option<&Bound<'py, PyAny>>,
    leeway: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Py<PyAny>> {
    if kwargs.is_some() || verify.is_some() {
        deprecations(py, "decode", options, verify, kwargs)?;
    }
    no_detached_payload(py, detached_payload)?;
    let call = Call {
        jwt,
        key,
        arguments: Arguments {
            algorithms,
            options,
            audience,
            issuer,
            subject,
            leeway,
        },
    };
    Ok(decode_token::<()>(py, &call)?.data.claims.0)
}

/// Verifies `jwt` as `decode` does and returns `{"header": dict, "payload": dict,
/// "signature": bytes}` (PyJWT's `decode_complete`). Takes the arguments of `decode`.
#[pyfunction]
#[pyo3(signature = (jwt, key=None, algorithms=None, options=None, verify=None, detached_payload=None, audience=None, issuer=None, subject=None, leeway=None, **kwargs))]
#[allow(clippy::too_many_arguments, reason = "PyJWT's signature")]
pub(crate) fn decode_complete<'py>(
    py: Python<'py>,
    jwt: &Bound<'py, PyAny>,
    key: Option<&Bound<'py, PyAny>>,
    algorithms: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyAny>>,
    verify: Option<&Bound<'py, PyAny>>,
    detached_payload: Option<&Bound<'py, PyAny>>,
    audience: Option<&Bound<'py, PyAny>>,
    issuer: Option<&Bound<'py, PyAny>>,
    subject: Option<&Bound<'py, PyAny>>,
    leeway: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    if kwargs.is_some() || verify.is_some() {
        deprecations(py, "decode_complete", options, verify, kwargs)?;
    }
    no_detached_payload(py, detached_payload)?;
    let call = Call {
        jwt,
        key,
        arguments: Arguments {
            algorithms,
            options,
            audience,
            issuer,
            subject,
            leeway,
        },
    };
    let Decoded { data, signature } = decode_token::<Vec<u8>>(py, &call)?;
    complete(
        py,
        data.algorithm,
        &data.header,
        data.claims.0.into_bound(py),
        &signature,
    )
}

/// `{"header": ..., "payload": ..., "signature": ...}`.
fn complete<'py>(
    py: Python<'py>,
    algorithm: Algorithm,
    header: &Header,
    payload: Bound<'py, PyAny>,
    signature: &[u8],
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item(intern!(py, "header"), header_dict(py, algorithm, header)?)?;
    dict.set_item(intern!(py, "payload"), payload)?;
    dict.set_item(intern!(py, "signature"), PyBytes::new(py, signature))?;
    Ok(dict)
}

/// PyJWT's `detached_payload` serves RFC 7797 (`"b64": false`) tokens only, which jwt-core
/// refuses; for any other token PyJWT refuses the argument itself.
fn no_detached_payload(
    py: Python<'_>,
    detached_payload: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    match detached_payload.filter(|payload| !payload.is_none()) {
        None => Ok(()),
        Some(_) => Err(raise(
            py,
            "DecodeError",
            "It is only valid to pass \"detached_payload\" when the protected header has \"b64\" set to false, and jwt_core does not implement RFC 7797 (\"b64\": false).",
            Some(ErrorKind::UnsupportedCriticalHeader),
        )),
    }
}

/// The header of `jwt` as a dict, `alg` included, without verifying anything (PyJWT's
/// `get_unverified_header`). Attacker-controlled until the token is verified: use it only to
/// choose a key (its `kid`).
#[pyfunction]
pub(crate) fn get_unverified_header<'py>(
    py: Python<'py>,
    jwt: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let token = token_bytes(py, jwt)?;
    let (algorithm, header) = jwt_core::decode_header(&*token).or_raise(py)?;
    header_dict(py, algorithm, &header)
}

/// The `algorithm` argument of `encode`: left out, None, or a name.
pub(crate) enum AlgorithmArgument {
    Unset,
    Given(Option<String>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for AlgorithmArgument {
    type Error = PyErr;

    fn extract(value: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if value.is_none() {
            return Ok(Self::Given(None));
        }
        Ok(Self::Given(Some(value.extract::<String>()?)))
    }
}

/// The algorithm `encode` signs with, as PyJWT picks it: the header's `alg`, else the
/// argument, else the key's own algorithm (PyJWK), else HS256.
fn signing_algorithm(
    argument: AlgorithmArgument,
    headers: &[(String, Value)],
    key: &Key,
) -> PyResult<Algorithm> {
    let from_header = headers
        .iter()
        .find_map(|(name, value)| match (name.as_str(), value) {
            ("alg", Value::String(alg)) if !alg.is_empty() => Some(alg.clone()),
            _ => None,
        });
    let name = from_header.or(match argument {
        AlgorithmArgument::Given(Some(name)) => Some(name),
        AlgorithmArgument::Given(None) => key.restriction().map(|alg| alg.name().to_owned()),
        AlgorithmArgument::Unset => Some(
            key.restriction()
                .map_or("HS256", Algorithm::name)
                .to_owned(),
        ),
    });
    let name = name.unwrap_or_else(|| "none".to_owned());
    name.parse::<Algorithm>().map_err(|_| {
        let known: Vec<&str> = Algorithm::ALL.iter().map(|alg| alg.name()).collect();
        PyNotImplementedError::new_err(format!(
            "Algorithm not supported: {name:?} (jwt_core implements {})",
            known.join(", ")
        ))
    })
}

/// The header members PyJWT writes: `typ` and `alg`, updated with `headers`, `typ` dropped
/// when empty. `"b64": false` (RFC 7797) is refused.
fn header_members(
    py: Python<'_>,
    headers: Option<&Bound<'_, PyAny>>,
    context: &Context<'_>,
) -> PyResult<Vec<(String, Value)>> {
    let mut members: Vec<(String, Value)> = vec![("typ".into(), Value::from("JWT"))];
    let Some(headers) = headers.filter(|headers| !headers.is_none()) else {
        return Ok(members);
    };
    let headers = headers
        .cast::<PyDict>()
        .map_err(|_| PyTypeError::new_err("headers must be a dict"))?;
    for (name, value) in headers.iter() {
        let name = name
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err("header names must be strings"))?
            .to_cow()?
            .into_owned();
        if name == "kid" && !value.is_instance_of::<PyString>() {
            return Err(raise(
                py,
                "InvalidTokenError",
                "Key ID header parameter must be a string",
                Some(ErrorKind::InvalidHeader),
            ));
        }
        if name == "b64" {
            if value.is_truthy()? {
                continue;
            }
            return Err(PyNotImplementedError::new_err(
                "\"b64\": false (RFC 7797, unencoded payloads) is not implemented by jwt_core",
            ));
        }
        let value = serde_json::to_value(Json::claims(&value, context)).map_err(|err| {
            context
                .take_error()
                .unwrap_or_else(|| PyValueError::new_err(err.to_string()))
        })?;
        match members.iter_mut().find(|(existing, _)| *existing == name) {
            Some(member) => member.1 = value,
            None => members.push((name, value)),
        }
    }
    members.retain(|(name, value)| name != "typ" || is_truthy_json(value));
    Ok(members)
}

fn is_truthy_json(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => false,
        Value::String(text) => !text.is_empty(),
        _ => true,
    }
}

/// The members as jwt-core's [`Header`] (`alg` comes from the key).
fn header(py: Python<'_>, members: Vec<(String, Value)>) -> PyResult<Header> {
    let mut header = Header::new().without_typ();
    for (name, value) in members {
        header = match (name.as_str(), value) {
            ("alg", _) => header,
            ("typ", Value::String(typ)) => header.with_typ(typ),
            ("kid", Value::String(kid)) => header.with_kid(kid),
            ("cty", Value::String(cty)) => header.with_content_type(cty),
            (_, value) => header.with_extra(name, value).or_raise(py)?,
        };
    }
    Ok(header)
}

/// Signs `payload`, a dict of claims, into a compact JWT (PyJWT's `encode`).
///
/// - `key`: an HMAC secret, a PEM or DER private key, a private JWK, a `PyJWK`, or a
///   `cryptography` private key.
/// - `algorithm`: default `"HS256"` (a `PyJWK`'s own algorithm if the key is one); the
///   header's `alg`, if given, wins, as in PyJWT.
/// - `headers`: extra header members (`kid`, `typ`, `cty`, others); `typ` defaults to `JWT`.
/// - `json_encoder`: a `json.JSONEncoder` subclass whose `default` converts other objects.
///
/// `datetime` values of `exp`, `iat` and `nbf` become NumericDate. Registered claims must
/// have their registered types (`InvalidClaimsError`, a `TypeError`, otherwise).
#[pyfunction]
#[pyo3(signature = (payload, key, algorithm=AlgorithmArgument::Unset, headers=None, json_encoder=None, sort_headers=true, *, enforce_minimum_key_length=false))]
#[allow(clippy::too_many_arguments, reason = "PyJWT's signature")]
pub(crate) fn encode<'py>(
    py: Python<'py>,
    payload: &Bound<'py, PyAny>,
    key: &Bound<'py, PyAny>,
    algorithm: AlgorithmArgument,
    headers: Option<&Bound<'py, PyAny>>,
    json_encoder: Option<&Bound<'py, PyAny>>,
    sort_headers: bool,
    enforce_minimum_key_length: bool,
) -> PyResult<String> {
    // The header's member order is jwt-core's (alg, typ, kid, cty, then the others by name).
    let _ = sort_headers;
    if !payload.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(
            "Expecting a dict object, as JWT only supports JSON objects as payloads.",
        ));
    }
    let context = Context::new(json_encoder)?;
    let members = header_members(py, headers, &context)?;
    let key = keys::resolve(py, key)?;
    let key = key.get();
    let algorithm = signing_algorithm(algorithm, &members, key)?;
    let header = header(py, members)?;
    let claims = Json::claims(payload, &context);
    let signed = if key.is_slow() {
        let claims = serde_json::to_value(&claims).map_err(|err| {
            context
                .take_error()
                .unwrap_or_else(|| PyValueError::new_err(err.to_string()))
        })?;
        with_signer(py, key, algorithm, enforce_minimum_key_length, |signer| {
            py.detach(|| jwt_core::encode(signer, &header, &claims))
        })
    } else {
        with_signer(py, key, algorithm, enforce_minimum_key_length, |signer| {
            jwt_core::encode(signer, &header, &claims)
        })
    };
    match context.take_error() {
        Some(err) => Err(err),
        None => signed,
    }
}

/// The members as a JSON object, in their order or sorted by name.
struct Members<'a>(&'a [(String, Value)]);

impl Serialize for Members<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// Signs raw `payload` bytes into a compact JWS (PyJWS's `encode`).
#[pyfunction]
#[pyo3(signature = (payload, key, algorithm=AlgorithmArgument::Unset, headers=None, json_encoder=None, is_payload_detached=false, sort_headers=true, *, enforce_minimum_key_length=false))]
#[allow(clippy::too_many_arguments, reason = "PyJWS's signature")]
pub(crate) fn encode_jws<'py>(
    py: Python<'py>,
    payload: &[u8],
    key: &Bound<'py, PyAny>,
    algorithm: AlgorithmArgument,
    headers: Option<&Bound<'py, PyAny>>,
    json_encoder: Option<&Bound<'py, PyAny>>,
    is_payload_detached: bool,
    sort_headers: bool,
    enforce_minimum_key_length: bool,
) -> PyResult<String> {
    if is_payload_detached {
        return Err(PyNotImplementedError::new_err(
            "detached payloads (RFC 7797, \"b64\": false) are not implemented by jwt_core",
        ));
    }
    let context = Context::new(json_encoder)?;
    let mut members = header_members(py, headers, &context)?;
    let key = keys::resolve(py, key)?;
    let key = key.get();
    let algorithm = signing_algorithm(algorithm, &members, key)?;
    match members.iter_mut().find(|(name, _)| name == "alg") {
        Some(member) => member.1 = Value::from(algorithm.name()),
        None => members.push(("alg".into(), Value::from(algorithm.name()))),
    }
    if sort_headers {
        members.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let header = serde_json::to_vec(&Members(&members))
        .map_err(|err| PyValueError::new_err(err.to_string()))?;
    with_signer(py, key, algorithm, enforce_minimum_key_length, |signer| {
        if key.is_slow() {
            py.detach(|| jwt_core::jws::sign(signer, &header, payload))
        } else {
            jwt_core::jws::sign(signer, &header, payload)
        }
    })
}

/// Verifies a compact JWS and returns `{"header", "payload" (bytes), "signature"}` (PyJWS's
/// `decode_complete`). No claim is looked at.
#[pyfunction]
#[pyo3(signature = (jwt, key=None, algorithms=None, options=None, detached_payload=None))]
pub(crate) fn decode_jws<'py>(
    py: Python<'py>,
    jwt: &Bound<'py, PyAny>,
    key: Option<&Bound<'py, PyAny>>,
    algorithms: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyAny>>,
    detached_payload: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    no_detached_payload(py, detached_payload)?;
    let token = token_bytes(py, jwt)?;
    if !options::verifies_signature(py, options)? {
        let read = UnverifiedToken::parse(&*token).or_raise(py)?;
        let payload = PyBytes::new(py, read.payload()).into_any();
        return complete(
            py,
            read.algorithm(),
            read.header(),
            payload,
            read.signature(),
        );
    }
    let key = resolve_key(py, key);
    let restriction = key.as_ref().ok().and_then(|key| key.get().restriction());
    let Settings {
        validation,
        enforce_key_length,
    } = options::signature_settings(py, algorithms, options, restriction)?;
    let key = key_after_token(py, key, &token, &validation)?;
    let key = key.get();
    // The signature of a token that verifies, with its verified payload.
    let verify_payload = |pick: Pick<'_>| {
        let untrusted = UntrustedToken::parse(&*token, &validation)?;
        let signature = untrusted.signature().to_vec();
        let key = match pick {
            Pick::One(key) => key,
            Pick::Set(set) => set.select(untrusted.algorithm(), untrusted.header().kid())?,
        };
        untrusted.verify_payload(key).map(|data| (data, signature))
    };
    let (data, signature) = match key.verifier() {
        Verifier::Set(set) => py.detach(|| verify_payload(Pick::Set(set))).or_raise(py)?,
        Verifier::Unusable(err) => {
            UntrustedToken::parse(&*token, &validation).or_raise(py)?;
            return Err(to_pyerr(py, err));
        }
        Verifier::One { .. } if key.is_slow() => {
            with_verifier(py, key, enforce_key_length, |one| {
                py.detach(|| verify_payload(Pick::One(one)))
            })?
        }
        Verifier::One { .. } => with_verifier(py, key, enforce_key_length, |one| {
            verify_payload(Pick::One(one))
        })?,
    };
    let payload = PyBytes::new(py, &data.claims).into_any();
    complete(py, data.algorithm, &data.header, payload, &signature)
}
