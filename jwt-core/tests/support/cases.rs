//! The case-file format of `../shared/vectors/CASES.md`, and how one case is run.
//!
//! Shared by the `conformance` example (the command-line runner) and the `conformance`
//! integration test, so both judge a case identically. Turning case settings into core
//! settings is all this does: every decision about validity is made by `jwt-core`.

use std::fmt;
use std::path::Path;

use jwt_core::{
    AlgorithmSet, Claim, Claims, Clock, ErrorKind, HmacKey, KeySet, UntrustedToken, Validation,
    VerifyingKey,
};
use serde::Deserialize;

/// A case file: `{"cases": [...]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub cases: Vec<Case>,
}

/// One verification case.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    #[allow(dead_code, reason = "documentation for humans; required by the format")]
    pub description: String,
    pub token: String,
    pub key: Key,
    pub algorithms: Vec<String>,
    pub now: u64,
    #[serde(default)]
    pub validation: Settings,
    pub expected: String,
}

/// The key forms of the format.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Key {
    SecretB64u(String),
    SecretUtf8(String),
    Pem(String),
    Jwk(serde_json::Value),
    Jwks(serde_json::Value),
}

/// The optional verification settings.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    issuer: Option<OneOrMany>,
    audience: Option<OneOrMany>,
    subject: Option<String>,
    leeway: Option<u64>,
    required: Option<Vec<String>>,
    typ: Option<String>,
    max_age: Option<u64>,
    max_token_bytes: Option<usize>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            Self::One(value) => vec![value],
            Self::Many(values) => values,
        }
    }
}

/// What a case expects: success, or one error kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Error(ErrorKind),
}

impl Verdict {
    fn parse(text: &str) -> Option<Self> {
        match text {
            "valid" => Some(Self::Valid),
            code => ErrorKind::from_code(code).map(Self::Error),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Valid => f.write_str("valid"),
            Self::Error(kind) => f.write_str(kind.code()),
        }
    }
}

/// The outcome of one case.
pub enum Outcome {
    Pass,
    /// The verifier's verdict differs from the expected one.
    Fail {
        expected: Verdict,
        got: Verdict,
    },
    /// The case cannot be run: it is not a well-formed case of the format.
    Error(String),
}

/// Reads a case file; the error names the file.
pub fn read(path: &Path) -> Result<CaseFile, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
    serde_json::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))
}

/// Runs one case.
pub fn run(case: &Case) -> Outcome {
    let Some(expected) = Verdict::parse(&case.expected) else {
        return Outcome::Error(format!("unknown expected verdict {:?}", case.expected));
    };
    let got = match verify(case) {
        Ok(()) => Verdict::Valid,
        Err(Problem::Core(kind)) => Verdict::Error(kind),
        Err(Problem::Case(message)) => return Outcome::Error(message),
    };
    if got == expected {
        Outcome::Pass
    } else {
        Outcome::Fail { expected, got }
    }
}

enum Problem {
    /// The core refused something: this is the verdict.
    Core(ErrorKind),
    /// The case itself cannot be run.
    Case(String),
}

impl From<jwt_core::Error> for Problem {
    fn from(err: jwt_core::Error) -> Self {
        Self::Core(err.kind())
    }
}

/// Verifies in the order of the format: checks that need no key, then the key, then the
/// signature and claims.
fn verify(case: &Case) -> Result<(), Problem> {
    let validation = validation(case)?;
    let untrusted = UntrustedToken::parse(&case.token, &validation)?;
    match &case.key {
        Key::Jwks(document) => untrusted
            .verify_with_set::<Claims>(&KeySet::from_jwk_set(&document.to_string().parse()?)?)?,
        single => untrusted.verify::<Claims>(&key(single)?)?,
    };
    Ok(())
}

fn validation(case: &Case) -> Result<Validation, Problem> {
    let algorithms = AlgorithmSet::from_names(&case.algorithms)?;
    let settings = &case.validation;
    let mut validation = Validation::new_with_clock(algorithms, Clock::Fixed(case.now));
    if let Some(issuer) = &settings.issuer {
        validation = validation.issuers(issuer.clone().into_vec());
    }
    if let Some(audience) = &settings.audience {
        validation = validation.audiences(audience.clone().into_vec());
    }
    if let Some(subject) = &settings.subject {
        validation = validation.subject(subject);
    }
    if let Some(leeway) = settings.leeway {
        validation = validation.leeway(leeway);
    }
    if let Some(required) = &settings.required {
        validation = validation.required_claims(required.iter().map(|name| Claim::from_name(name)));
    }
    if let Some(typ) = &settings.typ {
        validation = validation.typ(typ);
    }
    if let Some(max_age) = settings.max_age {
        validation = validation.max_age(max_age);
    }
    if let Some(max_token_bytes) = settings.max_token_bytes {
        validation = validation.max_token_bytes(max_token_bytes);
    }
    Ok(validation)
}

fn key(key: &Key) -> Result<VerifyingKey, Problem> {
    match key {
        Key::SecretB64u(text) => {
            let secret = b64u(text).ok_or_else(|| {
                Problem::Case(format!("secret_b64u is not unpadded base64url: {text:?}"))
            })?;
            Ok(VerifyingKey::from(HmacKey::new(&secret)?))
        }
        Key::SecretUtf8(text) => Ok(VerifyingKey::from(HmacKey::new(text.as_bytes())?)),
        Key::Pem(text) => Ok(VerifyingKey::from_pem(text)?),
        Key::Jwk(jwk) => Ok(VerifyingKey::from_jwk(&jwk.to_string().parse()?)?),
        Key::Jwks(_) => Err(Problem::Case("a JWK Set is not a single key".into())),
    }
}

/// Decodes the case format's encoding of a secret.
fn b64u(text: &str) -> Option<Vec<u8>> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::decode_vec(text).ok()
}

/// Runs every case of every file.
pub fn run_files(paths: &[impl AsRef<Path>]) -> Summary {
    let mut summary = Summary::default();
    for path in paths {
        let path = path.as_ref();
        let file = match read(path) {
            Ok(file) => file,
            Err(message) => {
                summary.failed += 1;
                summary.lines.push(format!("ERROR {message}"));
                continue;
            }
        };
        let mut ids = std::collections::HashSet::new();
        for case in &file.cases {
            if !ids.insert(case.id.as_str()) {
                summary.failed += 1;
                summary.lines.push(format!(
                    "ERROR {}: duplicate case id {}",
                    path.display(),
                    case.id
                ));
                continue;
            }
            match run(case) {
                Outcome::Pass => summary.passed += 1,
                Outcome::Fail { expected, got } => {
                    summary.failed += 1;
                    summary
                        .lines
                        .push(format!("FAIL {}: expected {expected}, got {got}", case.id));
                }
                Outcome::Error(message) => {
                    summary.failed += 1;
                    summary.lines.push(format!(
                        "ERROR {}: case {}: {message}",
                        path.display(),
                        case.id
                    ));
                }
            }
        }
    }
    summary
}

/// The result of running case files.
#[derive(Default)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    /// One line per failure or error, in the format of CASES.md.
    pub lines: Vec<String>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        write!(f, "{} passed, {} failed", self.passed, self.failed)
    }
}
