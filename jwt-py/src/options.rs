//! PyJWT's decoding arguments (`algorithms`, `options`, `audience`, `issuer`, `subject`,
//! `leeway`) expressed as jwt-core's own [`Validation`] settings: PyJWT's defaults (no claim
//! required, `exp`/`nbf`/`iat` checked when present) through `required_claims([])`, every
//! other check as the core makes it.

use pyo3::exceptions::{PyNotImplementedError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDelta, PyDict, PyFloat, PyInt, PyString};

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
    pub(crate) validation: Validation,
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

/// Reads the arguments. `key_algorithm` is the one algorithm of a PyJWK key, which PyJWT
/// uses when no `algorithms` are given.
pub(crate) fn settings(
    py: Python<'_>,
    args: &Arguments<'_, '_>,
    key_algorithm: Option<Algorithm>,
) -> PyResult<Settings> {
    let options = args.options;
    let algorithms = algorithms(py, args.algorithms, key_algorithm)?;
    if flag(options, intern!(py, "strict_aud"), false)? {
        // TODO(jwt-core): `Validation::strict_audience(bool)`: `aud` must be one string equal
        // to the one expected audience (PyJWT's `strict_aud`).
        return Err(PyNotImplementedError::new_err(
            "options[\"strict_aud\"] needs jwt-core support (Validation::strict_audience)",
        ));
    }
    let required = match option(options, intern!(py, "require"))? {
        None => Vec::new(),
        Some(names) => strings(&names, "require")?
            .iter()
            .map(|name| Claim::from_name(name))
            .collect(),
    };
    let mut validation = Validation::new(algorithms)
        .required_claims(required)
        .validate_exp(flag(options, intern!(py, "verify_exp"), true)?)
        .validate_nbf(flag(options, intern!(py, "verify_nbf"), true)?)
        .validate_iat(flag(options, intern!(py, "verify_iat"), true)?)
        .leeway(leeway(args.leeway)?);
    if !flag(options, intern!(py, "verify_aud"), true)? {
        validation = validation.ignore_audience();
    } else if let Some(audience) = args.audience.filter(|value| !value.is_none()) {
        validation = validation.audiences(one_or_many(audience, "audience")?);
    }
    if let Some(issuer) = args.issuer.filter(|value| !value.is_none())
        && flag(options, intern!(py, "verify_iss"), true)?
    {
        validation = validation.issuers(one_or_many(issuer, "issuer")?);
    }
    if let Some(subject) = args.subject.filter(|value| !value.is_none())
        && flag(options, intern!(py, "verify_sub"), true)?
    {
        let subject = subject
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err("subject must be a string or None"))?;
        validation = validation.subject(subject.to_cow()?);
    }
    validation = extensions(py, options, validation)?;
    Ok(Settings {
        validation,
        enforce_key_length: flag(options, intern!(py, "enforce_minimum_key_length"), false)?,
    })
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
        validation: extensions(py, options, validation)?,
        enforce_key_length: flag(options, intern!(py, "enforce_minimum_key_length"), false)?,
    })
}

/// `verify_signature=False`. PyJWT still validates claims it is told to; jwt-core has no
/// way to validate claims it has not verified.
pub(crate) fn check_read_only(py: Python<'_>, options: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    let asked = [
        intern!(py, "verify_exp"),
        intern!(py, "verify_nbf"),
        intern!(py, "verify_iat"),
        intern!(py, "verify_aud"),
        intern!(py, "verify_iss"),
        intern!(py, "verify_sub"),
    ];
    let mut validating = false;
    for name in asked {
        validating |= flag(options, name, false)?;
    }
    if let Some(required) = option(options, intern!(py, "require"))? {
        validating |= required.is_truthy()?;
    }
    if validating {
        // TODO(jwt-core): `dangerous::decode_unverified_validated::<C>(token, &Validation)`,
        // validating the claims of a token whose signature is not checked (PyJWT does so when
        // `verify_signature` is False and a `verify_*` option or `require` is set).
        return Err(PyNotImplementedError::new_err(
            "validating claims without verifying the signature needs jwt-core support \
             (dangerous::decode_unverified_validated)",
        ));
    }
    Ok(())
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
    // TODO(jwt-core): `AlgorithmSet::from_names_known(names)`: the set of the named algorithms
    // the core implements, unknown names (and `none`) left out as unable to match a token it
    // verifies; empty after that is `EmptyAllowList`.
    let names = strings(given, "algorithms")?;
    AlgorithmSet::from_algorithms(
        names
            .iter()
            .filter_map(|name| name.parse::<Algorithm>().ok()),
    )
    .or_raise(py)
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
