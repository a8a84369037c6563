//! JSON values between jwt-core and Python: claims built straight into Python objects by a
//! serde visitor (no intermediate value), Python objects serialized straight into the core's
//! claims writer, and headers turned into dicts.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Mutex;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Serialize, SerializeMap, SerializeSeq, Serializer};

use jwt_core::{Algorithm, Header};

/// Nesting deeper than this is refused when serializing (a cyclic payload reaches it).
const MAX_DEPTH: u32 = 128;

/// A claims object read by jwt-core, as a Python dict.
pub(crate) struct PyClaims(pub(crate) Py<PyAny>);

impl<'de> de::Deserialize<'de> for PyClaims {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Attaching is a counter increment when the caller holds the GIL, and re-acquires it
        // after an RSA, ECDSA or Ed25519 verification that ran without it.
        Python::attach(|py| {
            PyValue(py)
                .deserialize(deserializer)
                .map(|value| Self(value.unbind()))
        })
    }
}

/// Builds the Python object for one JSON value.
#[derive(Clone, Copy)]
pub(crate) struct PyValue<'py>(pub(crate) Python<'py>);

impl<'de, 'py> DeserializeSeed<'de> for PyValue<'py> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn python_error<E: de::Error>(err: PyErr) -> E {
    E::custom(err)
}

impl<'de, 'py> Visitor<'de> for PyValue<'py> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(PyBool::new(self.0, value).to_owned().into_any())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(PyInt::new(self.0, value).into_any())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(PyInt::new(self.0, value).into_any())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(PyFloat::new(self.0, value).into_any())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(PyString::new(self.0, value).into_any())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.0.None().into_bound(self.0))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let list = PyList::empty(self.0);
        while let Some(item) = seq.next_element_seed(self)? {
            list.append(item).map_err(python_error)?;
        }
        Ok(list.into_any())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.0);
        while let Some(name) = map.next_key_seed(PyName(self.0))? {
            let value = map.next_value_seed(self)?;
            dict.set_item(name, value).map_err(python_error)?;
        }
        Ok(dict.into_any())
    }
}

/// Builds the Python string for a member name: the registered claim names are interned
/// once, so that they are neither made nor hashed again per token.
struct PyName<'py>(Python<'py>);

impl<'de, 'py> DeserializeSeed<'de> for PyName<'py> {
    type Value = Bound<'py, PyString>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, 'py> Visitor<'de> for PyName<'py> {
    type Value = Bound<'py, PyString>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        let py = self.0;
        match REGISTERED.iter().position(|text| *text == name) {
            Some(index) => Ok(registered_names(py)[index].bind(py).clone()),
            None => Ok(other_name(py, name)),
        }
    }
}

/// The registered claim names.
const REGISTERED: [&str; 7] = ["exp", "nbf", "iat", "iss", "sub", "aud", "jti"];

/// The registered claim names as interned Python strings, in the order of [`REGISTERED`]. A
/// program's literal `"exp"` is that very string, so these names are told apart by identity
/// both ways: made once when claims are read, and recognised without reading their text
/// when claims are written.
fn registered_names(py: Python<'_>) -> &[Py<PyString>; 7] {
    static NAMES: PyOnceLock<[Py<PyString>; 7]> = PyOnceLock::new();
    NAMES.get_or_init(py, || {
        REGISTERED.map(|name| PyString::intern(py, name).unbind())
    })
}

/// How many other member names [`other_name`] keeps.
const NAMES_KEPT: usize = 64;

/// Member names seen before, as interned Python strings: the claims of most tokens repeat
/// a few names, so each is made and hashed once. Names after the first [`NAMES_KEPT`] are
/// made per token.
static NAMES: Mutex<Vec<(Box<str>, Py<PyString>)>> = Mutex::new(Vec::new());

fn other_name<'py>(py: Python<'py>, name: &str) -> Bound<'py, PyString> {
    // `try_lock`: never wait with the GIL held (the holder may be waiting for the GIL).
    if let Ok(mut names) = NAMES.try_lock() {
        if let Some((_, known)) = names.iter().find(|(known, _)| **known == *name) {
            return known.bind(py).clone();
        }
        if names.len() < NAMES_KEPT {
            let made = PyString::intern(py, name);
            names.push((name.into(), made.clone().unbind()));
            return made;
        }
    }
    PyString::new(py, name)
}

/// A header as PyJWT returns it: a dict with `alg` first.
pub(crate) fn header_dict<'py>(
    py: Python<'py>,
    algorithm: Algorithm,
    header: &Header,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item(intern!(py, "alg"), algorithm.name())?;
    if let Some(typ) = header.typ() {
        dict.set_item(intern!(py, "typ"), typ)?;
    }
    if let Some(kid) = header.kid() {
        dict.set_item(intern!(py, "kid"), kid)?;
    }
    if let Some(cty) = header.content_type() {
        dict.set_item("cty", cty)?;
    }
    if !header.critical().is_empty() {
        dict.set_item("crit", header.critical())?;
    }
    for (name, value) in header.extras() {
        let value = PyValue(py)
            .deserialize(value)
            .map_err(|err| PyValueError::new_err(err.to_string()))?;
        dict.set_item(name, value)?;
    }
    Ok(dict)
}

/// What serializing Python objects needs besides the objects: the `json_encoder` whose
/// `default` turns other objects into JSON values, and the first Python exception raised,
/// which is what the caller sees (serde errors cannot carry it).
pub(crate) struct Context<'py> {
    encoder: Option<Bound<'py, PyAny>>,
    error: RefCell<Option<PyErr>>,
}

impl<'py> Context<'py> {
    /// A context for `json_encoder` (a `json.JSONEncoder` subclass), if given.
    pub(crate) fn new(json_encoder: Option<&Bound<'py, PyAny>>) -> PyResult<Self> {
        let encoder = match json_encoder {
            Some(class) if !class.is_none() => Some(class.call0()?),
            _ => None,
        };
        Ok(Self {
            encoder,
            error: RefCell::new(None),
        })
    }

    /// Keeps `err` (the first one only) and returns a serde error standing for it.
    fn fail<E: ser::Error>(&self, err: PyErr) -> E {
        let message = err.to_string();
        self.error.borrow_mut().get_or_insert(err);
        E::custom(message)
    }

    /// The Python exception raised while serializing, if any.
    pub(crate) fn take_error(&self) -> Option<PyErr> {
        self.error.borrow_mut().take()
    }
}

/// A Python object serialized as `json.dumps` would read it, with PyJWT's conversion of
/// `datetime` values of `exp`, `iat` and `nbf` into NumericDate.
pub(crate) struct Json<'a, 'py> {
    value: &'a Bound<'py, PyAny>,
    context: &'a Context<'py>,
    depth: u32,
}

impl<'a, 'py> Json<'a, 'py> {
    /// The claims object `value` (its time claims may be datetimes).
    pub(crate) fn claims(value: &'a Bound<'py, PyAny>, context: &'a Context<'py>) -> Self {
        Self {
            value,
            context,
            depth: 0,
        }
    }

    fn nested(&self, value: &'a Bound<'py, PyAny>) -> Self {
        Self {
            value,
            context: self.context,
            depth: self.depth + 1,
        }
    }
}

impl Serialize for Json<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.value;
        let fail = |err: PyErr| self.context.fail::<S::Error>(err);
        if self.depth > MAX_DEPTH {
            return Err(fail(PyValueError::new_err(
                "Circular reference detected (or nesting deeper than 128)",
            )));
        }
        if let Ok(text) = value.cast::<PyString>() {
            let text = PyBackedStr::try_from(text.clone()).map_err(fail)?;
            return serializer.serialize_str(&text);
        }
        if value.is_none() {
            return serializer.serialize_unit();
        }
        if let Ok(flag) = value.cast::<PyBool>() {
            return serializer.serialize_bool(flag.is_true());
        }
        if let Ok(int) = value.cast::<PyInt>() {
            if let Ok(n) = int.extract::<i64>() {
                return serializer.serialize_i64(n);
            }
            return match int.extract::<u64>() {
                Ok(n) => serializer.serialize_u64(n),
                Err(_) => Err(fail(PyValueError::new_err(format!(
                    "integer {int} does not fit a JSON number of 64 bits"
                )))),
            };
        }
        if let Ok(float) = value.cast::<PyFloat>() {
            let n = float.value();
            if !n.is_finite() {
                return Err(fail(PyValueError::new_err(
                    "Out of range float values are not JSON compliant",
                )));
            }
            return serializer.serialize_f64(n);
        }
        if let Ok(dict) = value.cast::<PyDict>() {
            let mut map = serializer.serialize_map(Some(dict.len()))?;
            for (name, member) in dict.iter() {
                let name = member_name(&name).map_err(fail)?;
                if self.depth == 0 && is_time_claim(&name) && member.is_instance_of::<PyDateTime>()
                {
                    let seconds = numeric_date(&member).map_err(fail)?;
                    map.serialize_entry(&*name, &self.nested(&seconds))?;
                } else {
                    map.serialize_entry(&*name, &self.nested(&member))?;
                }
            }
            return map.end();
        }
        if let Ok(list) = value.cast::<PyList>() {
            let mut seq = serializer.serialize_seq(Some(list.len()))?;
            for item in list.iter() {
                seq.serialize_element(&self.nested(&item))?;
            }
            return seq.end();
        }
        if let Ok(tuple) = value.cast::<PyTuple>() {
            let mut seq = serializer.serialize_seq(Some(tuple.len()))?;
            for item in tuple.iter() {
                seq.serialize_element(&self.nested(&item))?;
            }
            return seq.end();
        }
        let Some(encoder) = &self.context.encoder else {
            let type_name = value
                .get_type()
                .name()
                .map_or_else(|_| "?".to_owned(), |name| name.to_string());
            return Err(fail(PyTypeError::new_err(format!(
                "Object of type {type_name} is not JSON serializable"
            ))));
        };
        let converted = encoder
            .call_method1(intern!(value.py(), "default"), (value,))
            .map_err(fail)?;
        self.nested(&converted).serialize(serializer)
    }
}

fn is_time_claim(name: &str) -> bool {
    matches!(name, "exp" | "iat" | "nbf")
}

/// A `datetime` as PyJWT encodes it: `calendar.timegm(value.utctimetuple())`.
fn numeric_date<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    static TIMEGM: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let py = value.py();
    let utc = value.call_method0(intern!(py, "utctimetuple"))?;
    TIMEGM.import(py, "calendar", "timegm")?.call1((utc,))
}

/// A dict key as `json.dumps` writes it: strings as they are, and the scalars it converts.
fn member_name<'py>(name: &Bound<'py, PyAny>) -> PyResult<Cow<'py, str>> {
    if let Ok(text) = name.cast::<PyString>() {
        let py = name.py();
        if let Some(index) = registered_names(py)
            .iter()
            .position(|interned| text.is(interned))
        {
            return Ok(Cow::Borrowed(REGISTERED[index]));
        }
        return Ok(Cow::Owned(text.to_cow()?.into_owned()));
    }
    if let Ok(flag) = name.cast::<PyBool>() {
        return Ok(Cow::Borrowed(if flag.is_true() { "true" } else { "false" }));
    }
    if name.is_none() {
        return Ok(Cow::Borrowed("null"));
    }
    if name.is_instance_of::<PyInt>() {
        return Ok(Cow::Owned(name.str()?.to_cow()?.into_owned()));
    }
    if name.is_instance_of::<PyFloat>() {
        return Ok(Cow::Owned(name.repr()?.to_cow()?.into_owned()));
    }
    let type_name = name.get_type().name()?.to_string();
    Err(PyTypeError::new_err(format!(
        "keys must be str, int, float, bool or None, not {type_name}"
    )))
}

/// A token given as `str` or `bytes`, read without a copy of its own: bytes are borrowed, and
/// a `str` is read through [`PyBackedStr`] (under the 3.9 stable ABI, the one UTF-8 encoding
/// CPython makes of it, kept alive rather than copied into a `String`). jwt-core reads tokens
/// as bytes, so bytes are not checked as UTF-8 first: a byte that is not base64url is refused
/// there.
pub(crate) enum TokenBytes<'a> {
    Borrowed(&'a [u8]),
    Backed(PyBackedStr),
}

impl Deref for TokenBytes<'_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Self::Borrowed(bytes) => bytes,
            Self::Backed(text) => text.as_bytes(),
        }
    }
}

/// The bytes of a token given as `str` or `bytes`; anything else is PyJWT's `DecodeError`.
pub(crate) fn token_bytes<'a>(
    py: Python<'_>,
    jwt: &'a Bound<'_, PyAny>,
) -> PyResult<TokenBytes<'a>> {
    use jwt_core::ErrorKind::MalformedToken;
    if let Ok(text) = jwt.cast::<PyString>() {
        return PyBackedStr::try_from(text.clone()).map(TokenBytes::Backed);
    }
    if let Ok(bytes) = jwt.cast::<PyBytes>() {
        return Ok(TokenBytes::Borrowed(bytes.as_bytes()));
    }
    Err(crate::errors::raise(
        py,
        "DecodeError",
        "Invalid token type. Token must be a <class 'bytes'>",
        Some(MalformedToken),
    ))
}
