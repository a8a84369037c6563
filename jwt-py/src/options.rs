//! PyJWT's decoding arguments (`algorithms`, `options`, `audience`, `issuer`, `subject`,
//! `leeway`) expressed as jwt-core's own [`Validation`] settings: PyJWT's defaults (no claim
//! required, `exp`/`nbf`/`iat` checked when present) through `required_claims([])`, every
//! other check as the core makes it.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDelta, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use jwt_core::{Algorithm, AlgorithmSet, Claim, Clock, ErrorKind, Validation};

use crate::errors::{IntoPy, raise};

/// The decoding arguments of a call, as Python passed them.
pub(crate) struct Arguments<'a, 'py> {
    pub(crate) algorithms: Option<&'a Bound<'py, PyAny>>,
    pub(crate) options: Option<&'a Bound<'py, PyAny>>,
    pub(crate) audience: Option<&'a Bound<'py, PyAny>>,
    pub(crate) issuer: Option<&'a Bound<'py, PyAny>>,
    pub(crate) subject: Option<&'a Bound<'py, PyAny>>,
    pub(crate) leeway: Option<&'a Bound<'py, PyAny>>,
}

/// How a decoding call verifies.
pub(crate) struct Settings {
    /// The core's settings.
    pub(crate) validation: Arc<Validation>,
    /// PyJWT's `enforce_minimum_key_length`: refuse short HMAC secrets instead of warning.
    pub(crate) enforce_key_length: bool,
}

/// One of PyJWT's options (`options` is a dict, or any mapping with `get`).
fn option<'py>(
    options: Option<&Bound<'py, PyAny>>,
    name: &Bound<'py, PyString>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Some(options) = options.filter(|options| !options.is_none()) else {
        return Ok(None);
    };
    let value = match options.cast::<PyDict>() {
        Ok(dict) => dict.get_item(name)?,
        Err(_) => Some(options.call_method1(intern!(options.py(), "get"), (name,))?),
    };
    Ok(value.filter(|value| !value.is_none()))
}

fn flag(
    options: Option<&Bound<'_, PyAny>>,
    name: &Bound<'_, PyString>,
    default: bool,
) -> PyResult<bool> {
    option(options, name)?.map_or(Ok(default), |value| value.is_truthy())
}

/// Whether the signature is to be verified (PyJWT's `verify_signature`, default true).
pub(crate) fn verifies_signature(
    py: Python<'_>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<bool> {
    flag(options, intern!(py, "verify_signature"), true)
}

/// The settings of the last call without `options` (the common call), with what it was
/// given: reused while calls name the same algorithms and leeway and the very same audience,
/// issuer and subject objects, so that such a call builds no settings at all.
struct Last {
    algorithms: AlgorithmSet,
    leeway: u64,
    audience: Option<Py<PyAny>>,
    issuer: Option<Py<PyAny>>,
    subject: Option<Py<PyAny>>,
    validation: Arc<Validation>,
}

static LAST: Mutex<Option<Last>> = Mutex::new(None);

fn given<'a, 'py>(value: Option<&'a Bound<'py, PyAny>>) -> Option<&'a Bound<'py, PyAny>> {
    value.filter(|value| !value.is_none())
}

/// Whether `cached` is the very object `given`.
fn same(cached: Option<&Py<PyAny>>, given: Option<&Bound<'_, PyAny>>) -> bool {
    match (cached, given) {
        (None, None) => true,
        (Some(cached), Some(given)) => given.is(cached),
        _ => false,
    }
}

/// Reads the arguments. `key_algorithm` is the one algorithm of a PyJWK key, which PyJWT
/// uses when no `algorithms` are given.
pub(crate) fn settings(
    py: Python<'_>,
    args: &Arguments<'_, '_>,
    key_algorithm: Option<Algorithm>,
) -> PyResult<Settings> {
    if given(args.options).is_some() {
        return build(py, args, key_algorithm);
    }
    let algorithms = algorithms(py, args.algorithms, key_algorithm)?;
    let leeway = leeway(args.leeway)?;
    let (audience, issuer, subject) = (
        given(args.audience),
        given(args.issuer),
        given(args.subject),
    );
    // The lock is only ever held for these comparisons and moves, which run no Python code,
    // so a thread holding it cannot lose the GIL to one waiting for it.
    let hit = LAST.lock().ok().and_then(|last| {
        let last = last.as_ref()?;
        (last.algorithms == algorithms
            && last.leeway == leeway
            && same(last.audience.as_ref(), audience)
            && same(last.issuer.as_ref(), issuer)
            && same(last.subject.as_ref(), subject))
        .then(|| last.validation.clone())
    });
    if let Some(validation) = hit {
        return Ok(Settings {
            validation,
            enforce_key_length: false,
        });
    }
    let built = build(py, args, key_algorithm)?;
    let last = Last {
        algorithms,
        leeway,
        audience: audience.map(|value| value.clone().unbind()),
        issuer: issuer.map(|value| value.clone().unbind()),
        subject: subject.map(|value| value.clone().unbind()),
        validation: built.validation.clone(),
    };
    let replaced = LAST.lock().ok().and_then(|mut slot| slot.replace(last));
    // Dropped once the lock is released: dropping may run Python code.
    drop(replaced);
    Ok(built)
}

fn build(
    py: Python<'_>,
    args: &Arguments<'_, '_>,
    key_algorithm: Option<Algorithm>,
) -> PyResult<Settings> {
    let algorithms = algorithms(py, args.algorithms, key_algorithm)?;
    let validation = claim_checks(py, args, Validation::new(algorithms), true)?;
    Ok(Settings {
        validation: Arc::new(validation),
        enforce_key_length: flag(
            args.options,
            intern!(py, "enforce_minimum_key_length"),
            false,
        )?,
    })
}

/// The settings of `verify_signature=False`, for the claims only: PyJWT then checks what
/// its options ask for, each `verify_*` off unless set. No allow-list applies to a token
/// whose signature is not checked; the token's own algorithm fills the core's.
pub(crate) fn unverified_settings(
    py: Python<'_>,
    args: &Arguments<'_, '_>,
    algorithm: Algorithm,
) -> PyResult<Validation> {
    claim_checks(py, args, Validation::new(algorithm), false)
}

/// PyJWT's claim options and arguments as jwt-core settings; `checking` is the default of
/// each `verify_*` option.
fn claim_checks(
    py: Python<'_>,
    args: &Arguments<'_, '_>,
    validation: Validation,
    checking: bool,
) -> PyResult<Validation> {
    let options = args.options;
    let required = match option(options, intern!(py, "require"))? {
        None => Vec::new(),
        Some(names) => strings(&names, "require")?
            .iter()
            .map(|name| Claim::from_name(name))
            .collect(),
    };
    let mut validation = validation
        .required_claims(required)
        .validate_exp(flag(options, intern!(py, "verify_exp"), checking)?)
        .validate_nbf(flag(options, intern!(py, "verify_nbf"), checking)?)
        .validate_iat(flag(options, intern!(py, "verify_iat"), checking)?)
        .leeway(leeway(args.leeway)?);
    if !flag(options, intern!(py, "verify_aud"), checking)? {
        validation = validation.ignore_audience();
    } else if let Some(audience) = given(args.audience) {
        validation = if flag(options, intern!(py, "strict_aud"), false)? {
            validation.audience_exactly(strict_audience(py, audience)?)
        } else {
            validation.audiences(one_or_many(audience, "audience")?)
        };
    }
    if let Some(issuer) = given(args.issuer)
        && flag(options, intern!(py, "verify_iss"), checking)?
    {
        validation = validation.issuers(one_or_many(issuer, "issuer")?);
    }
    if let Some(subject) = given(args.subject)
        && flag(options, intern!(py, "verify_sub"), checking)?
    {
        let subject = subject
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err("subject must be a string or None"))?;
        validation = validation.subject(subject.to_cow()?);
    }
    extensions(py, options, validation)
}

/// The one audience of `strict_aud`, which PyJWT takes as a string only.
fn strict_audience(py: Python<'_>, audience: &Bound<'_, PyAny>) -> PyResult<String> {
    let audience = audience.cast::<PyString>().map_err(|_| {
        raise(
            py,
            "InvalidAudienceError",
            "Invalid audience (strict): strict_aud takes one audience string",
            Some(ErrorKind::InvalidAudience),
        )
    })?;
    Ok(audience.to_cow()?.into_owned())
}

/// The settings of a signature check (the JWS layer: no claim is looked at).
pub(crate) fn signature_settings(
    py: Python<'_>,
    algorithms: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyAny>>,
    key_algorithm: Option<Algorithm>,
) -> PyResult<Settings> {
    let validation = Validation::new(self::algorithms(py, algorithms, key_algorithm)?);
    Ok(Settings {
        validation: Arc::new(extensions(py, options, validation)?),
        enforce_key_length: flag(options, intern!(py, "enforce_minimum_key_length"), false)?,
    })
}

/// jwt-core's settings that PyJWT lacks, as options of their own: `typ`, `max_age`,
/// `max_token_bytes`, and `now` (validate as of that instant: for tests and replays).
fn extensions(
    py: Python<'_>,
    options: Option<&Bound<'_, PyAny>>,
    mut validation: Validation,
) -> PyResult<Validation> {
    if let Some(typ) = option(options, intern!(py, "typ"))? {
        validation = validation.typ(typ.cast::<PyString>()?.to_cow()?);
    }
    if let Some(max_age) = option(options, intern!(py, "max_age"))? {
        validation = validation.max_age(seconds(&max_age, "max_age")?);
    }
    if let Some(limit) = option(options, intern!(py, "max_token_bytes"))? {
        validation = validation.max_token_bytes(limit.extract::<usize>()?);
    }
    if let Some(now) = option(options, intern!(py, "now"))? {
        validation = validation.clock(Clock::Fixed(seconds(&now, "now")?));
    }
    Ok(validation)
}

/// The allow-list. PyJWT treats `algorithms` as names to compare the token's `alg` with, so
/// names this library does not implement simply never match.
fn algorithms(
    py: Python<'_>,
    given: Option<&Bound<'_, PyAny>>,
    key_algorithm: Option<Algorithm>,
) -> PyResult<AlgorithmSet> {
    let given = given.filter(|value| !value.is_none() && value.is_truthy().unwrap_or(true));
    let Some(given) = given else {
        if let Some(algorithm) = key_algorithm {
            return Ok(AlgorithmSet::new(algorithm));
        }
        return Err(raise(
            py,
            "DecodeError",
            "It is required that you pass in a value for the \"algorithms\" argument when calling decode().",
            Some(ErrorKind::InvalidAlgorithm),
        ));
    };
    if let Ok(list) = given.cast::<PyList>() {
        known_names(py, list.iter().map(Ok))
    } else if let Ok(tuple) = given.cast::<PyTuple>() {
        known_names(py, tuple.iter().map(Ok))
    } else if given.is_instance_of::<PyString>() {
        known_names(py, std::iter::once(Ok(given.clone())))
    } else {
        known_names(py, given.try_iter()?)
    }
}

/// The allow-list of the names `items` gives, read one by one as jwt-core takes them (no list
/// of them is made). PyJWT compares the token's `alg` with these names, so names jwt-core does
/// not implement are left out by the core as names that match no token it verifies.
fn known_names<'py>(
    py: Python<'py>,
    items: impl Iterator<Item = PyResult<Bound<'py, PyAny>>>,
) -> PyResult<AlgorithmSet> {
    let mut failure = None;
    let set = AlgorithmSet::from_known_names(items.map_while(|item| {
        let name = item.and_then(|item| {
            let name = item
                .cast_into::<PyString>()
                .map_err(|_| PyTypeError::new_err("algorithms must hold strings"))?;
            algorithm_name(&name)
        });
        name.map_err(|err| failure = Some(err)).ok()
    }));
    match failure {
        Some(err) => Err(err),
        None => set.or_raise(py),
    }
}

/// The text of an algorithm name. A program's literal is the interned string of the name,
/// so jwt-core's own names are recognised by identity first, and no text is copied out.
fn algorithm_name(name: &Bound<'_, PyString>) -> PyResult<Cow<'static, str>> {
    static NAMES: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();
    let py = name.py();
    let names = NAMES.get_or_init(py, || {
        Algorithm::ALL
            .iter()
            .map(|alg| PyString::intern(py, alg.name()).unbind())
            .collect()
    });
    for (alg, known) in Algorithm::ALL.iter().zip(names) {
        if name.is(known) {
            return Ok(Cow::Borrowed(alg.name()));
        }
    }
    Ok(Cow::Owned(name.to_cow()?.into_owned()))
}

/// A string, or an iterable of strings.
fn one_or_many(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(vec![text.to_cow()?.into_owned()]);
    }
    strings(value, what)
}

fn strings(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(vec![text.to_cow()?.into_owned()]);
    }
    let items = value
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{what} must be a string, iterable or None")))?;
    items
        .map(|item| {
            let item = item?;
            let text = item
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err(format!("{what} must hold strings")))?;
            Ok(text.to_cow()?.into_owned())
        })
        .collect()
}

/// `leeway`: seconds (int or float) or a `timedelta`.
fn leeway(value: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
    match value.filter(|value| !value.is_none()) {
        None => Ok(0),
        Some(value) => seconds(value, "leeway"),
    }
}

/// A whole, non-negative number of seconds. TODO(jwt-core): PyJWT also takes fractional and
/// negative leeways; `Validation::leeway` counts whole seconds, so those are refused here.
fn seconds(value: &Bound<'_, PyAny>, what: &str) -> PyResult<u64> {
    let float = if let Ok(delta) = value.cast::<PyDelta>() {
        delta.call_method0("total_seconds")?.extract::<f64>()?
    } else if value.is_instance_of::<PyInt>() {
        return value.extract::<u64>().map_err(|_| {
            PyValueError::new_err(format!(
                "{what} must be a whole, non-negative number of seconds"
            ))
        });
    } else if let Ok(float) = value.cast::<PyFloat>() {
        float.value()
    } else {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a number of seconds or a timedelta"
        )));
    };
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked whole and in range first"
    )]
    if float >= 0.0 && float.fract() == 0.0 && float < 1.8e19 {
        Ok(float as u64)
    } else {
        Err(PyValueError::new_err(format!(
            "{what} must be a whole, non-negative number of seconds (jwt-core counts whole seconds)"
        )))
    }
}
