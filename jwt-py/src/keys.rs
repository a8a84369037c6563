//! Keys as Python passes them (`str`/`bytes` secrets, PEM, DER, JWK dicts and text, JWK
//! Sets, `cryptography` key objects), each parsed once by jwt-core into a [`Key`] and kept in
//! a bounded cache keyed by the key object itself, whose lookup neither allocates nor clones.
//! Which form unmarked bytes are is jwt-core's [`KeyMaterial::sort`].

use std::sync::OnceLock;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};

use jwt_core::{
    Algorithm, EcCurve, Error, ErrorKind, HmacKey, Jwk, JwkSet, KeyFamily, KeyMaterial, KeyProblem,
    KeySet, SigningKey, VerifyingKey,
};

use crate::convert::{Context, Json};
use crate::errors::{IntoPy, raise};

/// How many key objects the cache holds before it starts over.
const CACHE_SIZE: usize = 256;

/// A key parsed by jwt-core: what verifies tokens with it, and how signing keys are made
/// from it (once per algorithm, on first use).
#[pyclass(frozen, module = "jwt_core._native")]
pub struct Key {
    kind: Kind,
    source: Source,
    signers: [OnceLock<Result<SigningKey, Error>>; Algorithm::ALL.len()],
}

/// What verifies.
#[allow(
    clippy::large_enum_variant,
    reason = "made once per key, never moved per call"
)]
enum Kind {
    /// An HMAC secret, as jwt-core accepts it (`Err` when it is shorter than any HMAC
    /// algorithm allows), and as the short-secret escape hatch accepts it.
    Secret {
        checked: Result<VerifyingKey, Error>,
        lenient: VerifyingKey,
    },
    /// An RSA, EC (P-256, P-384) or Ed25519 key.
    Asymmetric(VerifyingKey),
    /// A JWK Set: the token's `kid` and `alg` pick the key.
    Set(KeySet),
    /// A key given in an explicit form that the core refused: the refusal is reported when
    /// the key is used, after the token's own checks, as the core orders them.
    Unusable(Error),
}

/// Where signing keys come from.
enum Source {
    Secret(HmacKey),
    Pem(String),
    Der(Vec<u8>),
    Jwk(Jwk),
    /// A key set, or a key the core refused: nothing signs.
    None,
}

/// What verifies a token, as [`Key::verifier`] hands it out.
pub(crate) enum Verifier<'a> {
    /// One key. `weak` is the short-secret fallback of an HMAC secret: it may only be used
    /// if PyJWT's `enforce_minimum_key_length` is off, and with a warning.
    One {
        key: &'a VerifyingKey,
        weak: Option<&'a VerifyingKey>,
        /// Why the checked key is unusable, if it is (a secret under 32 bytes).
        unusable: Option<&'a Error>,
    },
    /// A key set.
    Set(&'a KeySet),
    /// Why the key is unusable.
    Unusable(&'a Error),
}

impl Key {
    fn new(kind: Kind, source: Source) -> Self {
        Self {
            kind,
            source,
            signers: Default::default(),
        }
    }

    /// A key from an HMAC secret. Only an empty secret is refused here; a short one is
    /// refused or warned about when used, as PyJWT's options say.
    pub(crate) fn secret(secret: &[u8]) -> Result<Self, Error> {
        let weak = jwt_core::dangerous::insecure_short_hmac_key(secret)?;
        let checked = HmacKey::new(secret).map(VerifyingKey::from);
        Ok(Self::new(
            Kind::Secret {
                checked,
                lenient: VerifyingKey::from(weak.clone()),
            },
            Source::Secret(weak),
        ))
    }

    /// A key from PEM text (public or private).
    pub(crate) fn pem(text: &str) -> Result<Self, Error> {
        let verifier = VerifyingKey::from_pem(text)?;
        Ok(Self::new(
            Kind::Asymmetric(verifier),
            Source::Pem(text.to_owned()),
        ))
    }

    /// A key from a JWK, restricted to `algorithm` if given (PyJWK's algorithm).
    pub(crate) fn jwk(jwk: Jwk, algorithm: Option<Algorithm>) -> Result<Self, Error> {
        let mut verifier = VerifyingKey::from_jwk(&jwk)?;
        if let Some(algorithm) = algorithm {
            verifier = verifier.with_algorithm(algorithm)?;
        }
        let kind = match verifier.family() {
            KeyFamily::Hmac => Kind::Secret {
                checked: Ok(verifier.clone()),
                lenient: verifier,
            },
            _ => Kind::Asymmetric(verifier),
        };
        Ok(Self::new(kind, Source::Jwk(jwk)))
    }

    /// A key set from a JWK Set.
    pub(crate) fn jwks(set: &JwkSet) -> Result<Self, Error> {
        Ok(Self::new(
            Kind::Set(KeySet::from_jwk_set(set)?),
            Source::None,
        ))
    }

    /// A key from DER (public or private).
    fn der(der: &[u8]) -> Result<Self, Error> {
        let verifier = VerifyingKey::from_der(der)?;
        Ok(Self::new(
            Kind::Asymmetric(verifier),
            Source::Der(der.to_vec()),
        ))
    }

    /// A key from bytes whose form the caller did not say, sorted by jwt-core.
    pub(crate) fn sort(material: &[u8]) -> Result<Self, Error> {
        Self::from_material(KeyMaterial::sort(material)?)
    }

    fn from_material(material: KeyMaterial<'_>) -> Result<Self, Error> {
        match material {
            KeyMaterial::Pem(text) => Self::pem(text),
            KeyMaterial::Der(der) => Self::der(der),
            KeyMaterial::Jwk(jwk) => Self::jwk(jwk, None),
            KeyMaterial::JwkSet(set) => Self::jwks(&set),
            KeyMaterial::Secret(secret) => Self::secret(secret),
            // A form jwt-core sorts but this binding does not know yet.
            _ => Err(Error::InvalidKey(KeyProblem::UnsupportedKeyType)),
        }
    }

    fn or_unusable(key: Result<Self, Error>) -> Self {
        key.unwrap_or_else(|err| Self::new(Kind::Unusable(err), Source::None))
    }

    /// What verifies with this key.
    pub(crate) fn verifier(&self) -> Verifier<'_> {
        match &self.kind {
            Kind::Secret { checked, lenient } => match checked {
                Ok(key) => Verifier::One {
                    key,
                    weak: Some(lenient),
                    unusable: None,
                },
                Err(err) => Verifier::One {
                    key: lenient,
                    weak: Some(lenient),
                    unusable: Some(err),
                },
            },
            Kind::Asymmetric(key) => Verifier::One {
                key,
                weak: None,
                unusable: None,
            },
            Kind::Set(set) => Verifier::Set(set),
            Kind::Unusable(err) => Verifier::Unusable(err),
        }
    }

    /// The one algorithm this key is restricted to, if any (a JWK's `alg`, PyJWK's
    /// algorithm).
    pub(crate) fn restriction(&self) -> Option<Algorithm> {
        match &self.kind {
            Kind::Secret { lenient: key, .. } | Kind::Asymmetric(key) => key.algorithm(),
            Kind::Set(_) | Kind::Unusable(_) => None,
        }
    }

    /// Whether the work of this key is expensive enough to release the GIL around.
    pub(crate) fn is_slow(&self) -> bool {
        !matches!(self.kind, Kind::Secret { .. } | Kind::Unusable(_))
    }

    /// The signing key for `algorithm`, made on first use; for a short HMAC secret, `Err`
    /// holds the core's refusal and `Ok` the escape hatch's key, to be used only if the
    /// caller allows short secrets.
    pub(crate) fn signer(&self, algorithm: Algorithm) -> Result<&SigningKey, Error> {
        let slot = Algorithm::ALL
            .iter()
            .position(|known| *known == algorithm)
            .and_then(|index| self.signers.get(index))
            .ok_or(Error::InvalidKey(KeyProblem::UnsupportedKeyType))?;
        slot.get_or_init(|| self.make_signer(algorithm, true))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The signing key for `algorithm` from a short HMAC secret (PyJWT warns and signs).
    pub(crate) fn weak_signer(&self, algorithm: Algorithm) -> Result<SigningKey, Error> {
        self.make_signer(algorithm, false)
    }

    fn make_signer(&self, algorithm: Algorithm, checked: bool) -> Result<SigningKey, Error> {
        if let Kind::Unusable(err) = &self.kind {
            return Err(err.clone());
        }
        let signer = match &self.source {
            Source::Secret(weak) if checked => {
                SigningKey::hmac(algorithm, HmacKey::new(weak.secret())?)?
            }
            Source::Secret(weak) => SigningKey::hmac(algorithm, weak.clone())?,
            Source::Pem(text) => SigningKey::from_pem(algorithm, text)?,
            Source::Jwk(jwk) => SigningKey::from_jwk(algorithm, jwk)?,
            Source::Der(der) => SigningKey::from_der(algorithm, der)?,
            Source::None => return Err(Error::InvalidKey(KeyProblem::NotAPrivateKey)),
        };
        Ok(signer)
    }

    /// An algorithm this key is meant for: its restriction, its curve's (an EC key), or its
    /// family's first.
    fn fitting_algorithm(&self) -> Option<Algorithm> {
        let public = self.public()?;
        self.restriction()
            .or_else(|| public.curve().map(EcCurve::algorithm))
            .or_else(|| {
                Algorithm::ALL
                    .into_iter()
                    .find(|alg| alg.family() == public.family())
            })
    }

    fn public(&self) -> Option<&VerifyingKey> {
        match &self.kind {
            Kind::Secret { lenient, .. } => Some(lenient),
            Kind::Asymmetric(key) => Some(key),
            Kind::Set(_) | Kind::Unusable(_) => None,
        }
    }
}

#[pymethods]
impl Key {
    /// Parses `material` (str or bytes: PEM, DER, JWK or JWK Set JSON, or an HMAC secret;
    /// a JWK dict; a `cryptography` RSA, EC or Ed25519 key object) once.
    #[new]
    fn py_new(py: Python<'_>, material: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse(py, material)
    }

    /// A key from a JWK (dict or JSON text), restricted to `algorithm` if given.
    #[staticmethod]
    #[pyo3(signature = (jwk, algorithm=None))]
    fn from_jwk(py: Python<'_>, jwk: &Bound<'_, PyAny>, algorithm: Option<&str>) -> PyResult<Self> {
        let algorithm = algorithm
            .map(|name| name.parse::<Algorithm>())
            .transpose()
            .or_raise(py)?;
        json_text(py, jwk)?
            .parse()
            .and_then(|jwk| Self::jwk(jwk, algorithm))
            .or_raise(py)
    }

    /// A key set from a JWK Set (dict or JSON text).
    #[staticmethod]
    fn from_jwks(py: Python<'_>, jwks: &Bound<'_, PyAny>) -> PyResult<Self> {
        json_text(py, jwks)?
            .parse()
            .and_then(|set| Self::jwks(&set))
            .or_raise(py)
    }

    /// An HMAC secret, whatever it looks like (the form is said, not guessed). The core's
    /// refusal of it, if any, is raised when the key is used.
    #[staticmethod]
    #[pyo3(name = "secret")]
    fn py_secret(material: &[u8]) -> Self {
        Self::or_unusable(Self::secret(material))
    }

    /// A key from PEM text, refused when used if the core refuses it.
    #[staticmethod]
    #[pyo3(name = "pem")]
    fn py_pem(text: &str) -> Self {
        Self::or_unusable(Self::pem(text))
    }

    /// A key from a JWK (dict or JSON text), refused when used if the core refuses it.
    #[staticmethod]
    #[pyo3(name = "jwk")]
    fn py_jwk(py: Python<'_>, jwk: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = json_text(py, jwk)?;
        Ok(Self::or_unusable(
            text.parse().and_then(|jwk| Self::jwk(jwk, None)),
        ))
    }

    /// A JWK Set (dict or JSON text), refused when used if the core refuses it.
    #[staticmethod]
    #[pyo3(name = "jwks")]
    fn py_jwks(py: Python<'_>, jwks: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = json_text(py, jwks)?;
        Ok(Self::or_unusable(
            text.parse().and_then(|set| Self::jwks(&set)),
        ))
    }

    /// The key family: "HMAC", "RSA", "EC", "Ed25519", "set" for a JWK Set, or "unusable".
    #[getter]
    fn family(&self) -> String {
        match &self.kind {
            Kind::Set(_) => "set".to_owned(),
            Kind::Unusable(_) => "unusable".to_owned(),
            Kind::Secret { lenient: key, .. } | Kind::Asymmetric(key) => key.family().to_string(),
        }
    }

    /// The one algorithm the key is restricted to, if any.
    #[getter]
    fn algorithm(&self) -> Option<&'static str> {
        self.restriction().map(Algorithm::name)
    }

    /// The key id, if the key has one.
    #[getter]
    fn kid(&self) -> Option<String> {
        self.public().and_then(|key| key.kid().map(str::to_owned))
    }

    /// Whether the key can sign (an HMAC secret, or a key jwt-core makes a signing key of).
    #[getter]
    fn is_private(&self) -> bool {
        match &self.source {
            Source::Secret(_) => true,
            Source::None => false,
            Source::Pem(_) | Source::Der(_) | Source::Jwk(_) => self
                .fitting_algorithm()
                .is_some_and(|alg| self.signer(alg).is_ok()),
        }
    }

    /// Checks that the key may be used with `algorithm`: same family, not restricted to
    /// another algorithm, strong enough. Returns the core's message for a secret that is
    /// only too short (PyJWT warns about those), else None.
    fn check(&self, py: Python<'_>, algorithm: &str) -> PyResult<Option<String>> {
        let algorithm = algorithm.parse::<Algorithm>().or_raise(py)?;
        let Some(key) = self.public() else {
            return Err(not_one_key(py));
        };
        if let Kind::Secret { checked, lenient } = &self.kind {
            lenient.clone().with_algorithm(algorithm).or_raise(py)?;
            let strength = checked
                .clone()
                .and_then(|key| key.with_algorithm(algorithm));
            return Ok(strength.err().as_ref().map(crate::errors::message_of));
        }
        key.clone().with_algorithm(algorithm).or_raise(py)?;
        Ok(None)
    }

    /// The signature of `message` with `algorithm`.
    #[pyo3(signature = (algorithm, message, enforce_minimum_key_length=false))]
    fn sign<'py>(
        &self,
        py: Python<'py>,
        algorithm: &str,
        message: &[u8],
        enforce_minimum_key_length: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let algorithm = algorithm.parse::<Algorithm>().or_raise(py)?;
        let signature =
            crate::api::with_signer(py, self, algorithm, enforce_minimum_key_length, |signer| {
                signer.sign(message)
            })?;
        Ok(PyBytes::new(py, &signature))
    }

    /// Whether `signature` is `algorithm`'s signature of `message` with this key. A key of
    /// another family, or one too weak, raises instead.
    #[pyo3(signature = (algorithm, message, signature, enforce_minimum_key_length=false))]
    fn verify(
        &self,
        py: Python<'_>,
        algorithm: &str,
        message: &[u8],
        signature: &[u8],
        enforce_minimum_key_length: bool,
    ) -> PyResult<bool> {
        let algorithm = algorithm.parse::<Algorithm>().or_raise(py)?;
        let result = crate::api::with_verifier(py, self, enforce_minimum_key_length, |key| {
            key.verify(algorithm, message, signature)
        });
        match result {
            Ok(()) => Ok(true),
            Err(err) if err.get_type(py).name()?.to_cow()? == "InvalidSignatureError" => Ok(false),
            Err(err) => Err(err),
        }
    }

    /// The key as JWK JSON: the public members, or with `private`, the private ones too.
    #[pyo3(signature = (private=false))]
    fn to_jwk(&self, py: Python<'_>, private: bool) -> PyResult<String> {
        let jwk = if private {
            let algorithm = self.fitting_algorithm().ok_or_else(|| not_one_key(py))?;
            let signer = match self.signer(algorithm) {
                Ok(signer) => signer.clone(),
                Err(_) => self.weak_signer(algorithm).or_raise(py)?,
            };
            signer.to_private_jwk()
        } else {
            self.public()
                .ok_or_else(|| not_one_key(py))?
                .to_public_jwk()
        };
        Ok(jwk.or_raise(py)?.to_string())
    }

    /// The RFC 7638 thumbprint of the key.
    fn thumbprint(&self, py: Python<'_>) -> PyResult<String> {
        self.public()
            .map(VerifyingKey::thumbprint)
            .ok_or_else(|| not_one_key(py))
    }

    fn __repr__(&self) -> String {
        format!("<jwt_core key: {}>", self.family())
    }
}

/// Whether `key` holds PEM armour, as jwt-core sorts key material (PyJWT's
/// `utils.is_pem_format`).
#[pyfunction]
pub(crate) fn is_pem_format(key: &[u8]) -> bool {
    KeyMaterial::is_pem(key)
}

/// Whether `key` begins as an OpenSSH public key line, which jwt-core refuses as a key
/// (PyJWT's `utils.is_ssh_key`).
#[pyfunction]
pub(crate) fn is_ssh_key(key: &[u8]) -> bool {
    KeyMaterial::is_ssh_public_key(key)
}

/// PyJWT's refusal of a JWK Set where one key is needed.
fn not_one_key(py: Python<'_>) -> PyErr {
    raise(
        py,
        "InvalidKeyError",
        "a JWK Set is not a single key",
        Some(ErrorKind::InvalidKey),
    )
}

/// JSON text of a dict or list (serialized) or of a str/bytes (as given).
fn json_text(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_cow()?.into_owned());
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return String::from_utf8(bytes.as_bytes().to_vec()).map_err(|_| {
            raise(
                py,
                "InvalidKeyError",
                "JWK text is not UTF-8",
                Some(ErrorKind::InvalidKey),
            )
        });
    }
    let context = Context::new(None)?;
    serde_json::to_string(&Json::claims(value, &context)).map_err(|err| {
        context
            .take_error()
            .unwrap_or_else(|| PyValueError::new_err(err.to_string()))
    })
}

/// Parses any key form into a new [`Key`].
fn parse(py: Python<'_>, material: &Bound<'_, PyAny>) -> PyResult<Key> {
    if let Ok(text) = material.cast::<PyString>() {
        return Key::sort(text.to_cow()?.as_bytes()).or_raise(py);
    }
    if let Ok(bytes) = material.cast::<PyBytes>() {
        return Key::sort(bytes.as_bytes()).or_raise(py);
    }
    if let Ok(bytes) = material.cast::<PyByteArray>() {
        return Key::sort(&bytes.to_vec()).or_raise(py);
    }
    if let Ok(dict) = material.cast::<PyDict>() {
        // A dict is a JWK or a JWK Set, never a secret: when the core sorts its text as
        // neither, reading it as a JWK says why it is not one.
        let text = json_text(py, dict.as_any())?;
        return match KeyMaterial::sort(text.as_bytes()) {
            Ok(KeyMaterial::Secret(_)) => text.parse().and_then(|jwk| Key::jwk(jwk, None)),
            sorted => sorted.and_then(Key::from_material),
        }
        .or_raise(py);
    }
    if material.is_instance_of::<PyList>() {
        // Not a JWK Set document (that is an object); the core says why.
        return json_text(py, material)?
            .parse()
            .and_then(|set| Key::jwks(&set))
            .or_raise(py);
    }
    if material.hasattr(intern!(py, "private_bytes"))?
        || material.hasattr(intern!(py, "public_bytes"))?
    {
        return Key::sort(&cryptography_pem(py, material)?).or_raise(py);
    }
    let type_name = material.get_type().name()?.to_string();
    Err(PyTypeError::new_err(format!(
        "Expected a string or bytes value (or a JWK, or a cryptography key), not {type_name}"
    )))
}

/// A `cryptography` key object as PEM (PKCS#8 for private keys, SPKI for public ones).
fn cryptography_pem(py: Python<'_>, key: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    static SERIALIZATION: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let module = SERIALIZATION
        .get_or_try_init(py, || {
            py.import("cryptography.hazmat.primitives.serialization")
                .map(|module| module.into_any().unbind())
        })?
        .bind(py);
    let encoding = module.getattr("Encoding")?.getattr("PEM")?;
    let pem = if key.hasattr(intern!(py, "private_bytes"))? {
        let format = module.getattr("PrivateFormat")?.getattr("PKCS8")?;
        let none = module.getattr("NoEncryption")?.call0()?;
        key.call_method1("private_bytes", (encoding, format, none))?
    } else {
        let format = module
            .getattr("PublicFormat")?
            .getattr("SubjectPublicKeyInfo")?;
        key.call_method1("public_bytes", (encoding, format))?
    };
    Ok(pem.cast_into::<PyBytes>()?.as_bytes().to_vec())
}

static CACHE: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// The parsed key for a key argument: a [`Key`] as it is; an object carrying one in
/// `__jwt_core_key__` (PyJWK, PyJWKSet); otherwise the cached parse of the object, parsed
/// now if it is not cached (objects that cannot be dict keys are parsed every time).
pub(crate) fn resolve<'py>(
    py: Python<'py>,
    material: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, Key>> {
    if let Ok(key) = material.cast::<Key>() {
        return Ok(key.clone());
    }
    let cache = CACHE.get_or_init(py, || PyDict::new(py).unbind()).bind(py);
    let hashable = material.is_instance_of::<PyString>() || material.is_instance_of::<PyBytes>();
    if hashable && let Some(hit) = cache.get_item(material)? {
        return Ok(hit.cast_into::<Key>()?);
    }
    if !hashable && material.hasattr(intern!(py, "__jwt_core_key__"))? {
        return Ok(material
            .getattr(intern!(py, "__jwt_core_key__"))?
            .cast_into::<Key>()?);
    }
    let key = Bound::new(py, parse(py, material)?)?;
    if hashable {
        if cache.len() >= CACHE_SIZE {
            cache.clear();
        }
        cache.set_item(material, &key)?;
    }
    Ok(key)
}
