//! Project Wycheproof vectors run through the signature layer ([`VerifyingKey::verify`]).
//!
//! The vector files live outside the repository, in `../shared/vectors/wycheproof/` (see its
//! README for their origin and schemas), and are read at run time. Every vector of every file
//! is checked, and each file's count of checked vectors must equal its `numberOfTests`, so a
//! group that is skipped or fails to parse fails the test.
//!
//! Policy, per family:
//!
//! - **HMAC** (`hmac_sha256/384/512`, as `HS256/384/512`). Groups whose `tagSize` is the full
//!   digest size: `valid` must verify and `invalid` must fail with `InvalidSignature`. Groups
//!   with a truncated `tagSize`: JWS never truncates tags, so a truncated tag is not an `HS*`
//!   signature and **every** vector there, `valid` ones included, must fail with
//!   `InvalidSignature`. Secrets at least as long as the digest are loaded with
//!   [`HmacKey::new`]. Shorter ones are loaded with
//!   [`dangerous::insecure_short_hmac_key`], after checking that the strict path refuses them
//!   with `InvalidKey`: secrets under 32 bytes at [`HmacKey::new`], and secrets of 32 bytes up
//!   to the digest size (a 32-byte secret with `HS512`) at verification. An empty secret is
//!   refused even by the dangerous constructor (`InvalidKey`).
//! - **RSASSA-PKCS1-v1_5** (2048-bit with SHA-256/384/512, 3072- and 4096-bit with SHA-256, as
//!   `RS256/384/512` from the group's `sha`). The group key is loaded from `publicKeyDer`, and
//!   loading it from the `publicKey` modulus and exponent must give the same key. `valid` must
//!   verify and `invalid` must fail with `InvalidSignature`. `acceptable` vectors (a
//!   `DigestInfo` without the `NULL` parameters) are **rejected**: the encoding is compared
//!   byte for byte with the one RFC 8017 prescribes. A group key that fails to load fails the
//!   test, with the reason.
//! - **RSASSA-PSS** (2048-bit with SHA-256 and SHA-384, 3072-bit with SHA-256, 4096-bit with
//!   SHA-512; MGF1 with the same hash and a salt as long as it, as `PS256/384/512`). The group's
//!   `sha`, `mgfSha` and `sLen` must be those of a `PS*` algorithm. The group key is loaded
//!   from `publicKeyDer`, and the modulus and exponent and `publicKeyJwk` (whose `alg` restricts
//!   it) must give the same key and the same verdicts. `valid` must verify and `invalid` must
//!   fail with `InvalidSignature` (among them PKCS#1 v1.5 signatures, `WrongPrimitive`). The
//!   files have no `acceptable` vectors; one would be **rejected**, as the salt length is fixed.
//! - **ECDSA** (P-256 with SHA-256 and P-384 with SHA-384, signatures in IEEE P1363 form, as
//!   `ES256`, `ES384`). The group key is loaded from `publicKeyDer`; the coordinates `wx`, `wy`
//!   (padded or cut to the field length) and `publicKeyJwk`, where the group has one, must give
//!   the same key. `valid` must verify (high-S signatures among them: JOSE does not require
//!   low-S) and `invalid` must fail with `InvalidSignature` (wrong sizes, `r` or `s` zero or
//!   out of range among them). The files have no `acceptable` vectors; one would be
//!   **rejected**.
//! - **Ed25519** (`EdDSA`). The group key is loaded from `publicKey.pk`; a key that does not
//!   load (not a point, or of small order) is allowed only if every vector of its group is
//!   `invalid`. Otherwise `valid` must verify and `invalid` must fail with `InvalidSignature`.
//!   `acceptable` vectors (none in the current file) would be **rejected**, as verification
//!   is strict (canonical `S`, no small-order `R` or key).
//!
//! Each file prints a summary line: how many vectors of each verdict gave which outcome. All
//! mismatches are collected (file, `tcId`, comment, expected, got) and reported together.

use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::fmt::Display;

use jwt_core::alg::hmac::MIN_SECRET_LEN;
use jwt_core::{
    Algorithm, EcCurve, EcPublicKey, Ed25519PublicKey, ErrorKind, HmacKey, Jwk, RsaPublicKey,
    VerifyingKey, dangerous,
};
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};

const VECTORS_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/vectors/wycheproof/"
);

/// HMAC files, with the algorithm they test and its digest size in bytes.
const HMAC_FILES: [(&str, Algorithm, usize); 3] = [
    ("hmac_sha256_test.json", Algorithm::HS256, 32),
    ("hmac_sha384_test.json", Algorithm::HS384, 48),
    ("hmac_sha512_test.json", Algorithm::HS512, 64),
];

const RSA_FILES: [&str; 5] = [
    "rsa_signature_2048_sha256_test.json",
    "rsa_signature_2048_sha384_test.json",
    "rsa_signature_2048_sha512_test.json",
    "rsa_signature_3072_sha256_test.json",
    "rsa_signature_4096_sha256_test.json",
];

const PSS_FILES: [&str; 4] = [
    "rsa_pss_2048_sha256_mgf1_32_test.json",
    "rsa_pss_2048_sha384_mgf1_48_test.json",
    "rsa_pss_3072_sha256_mgf1_32_test.json",
    "rsa_pss_4096_sha512_mgf1_64_test.json",
];

/// ECDSA files in IEEE P1363 form (`r || s`, the JOSE form), with their curve.
const ECDSA_FILES: [(&str, EcCurve); 2] = [
    ("ecdsa_secp256r1_sha256_p1363_test.json", EcCurve::P256),
    ("ecdsa_secp384r1_sha384_p1363_test.json", EcCurve::P384),
];

const ED25519_FILE: &str = "ed25519_test.json";

type TestResult = Result<(), Box<dyn StdError>>;

/// What a verification gave: `Ok` or the kind of error.
type Outcome<T = ()> = Result<T, ErrorKind>;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VectorFile<G> {
    number_of_tests: usize,
    test_groups: Vec<G>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MacGroup {
    tag_size: usize,
    tests: Vec<Vector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RsaGroup {
    public_key: RsaComponents,
    #[serde(deserialize_with = "hex")]
    public_key_der: Vec<u8>,
    sha: String,
    tests: Vec<Vector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RsaComponents {
    #[serde(deserialize_with = "hex")]
    modulus: Vec<u8>,
    #[serde(deserialize_with = "hex")]
    public_exponent: Vec<u8>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PssGroup {
    public_key: RsaComponents,
    #[serde(deserialize_with = "hex")]
    public_key_der: Vec<u8>,
    public_key_jwk: serde_json::Value,
    sha: String,
    mgf: String,
    mgf_sha: String,
    s_len: usize,
    tests: Vec<Vector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EcdsaGroup {
    public_key: EcdsaKey,
    #[serde(deserialize_with = "hex")]
    public_key_der: Vec<u8>,
    public_key_jwk: Option<serde_json::Value>,
    sha: String,
    tests: Vec<Vector>,
}

#[derive(Deserialize)]
struct EcdsaKey {
    curve: String,
    #[serde(deserialize_with = "hex")]
    wx: Vec<u8>,
    #[serde(deserialize_with = "hex")]
    wy: Vec<u8>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EddsaGroup {
    public_key: EddsaKey,
    tests: Vec<Vector>,
}

#[derive(Deserialize)]
struct EddsaKey {
    #[serde(deserialize_with = "hex")]
    pk: Vec<u8>,
}

/// One vector: a MAC test (`key`, `tag`) or a signature test (`sig`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Vector {
    tc_id: u32,
    comment: String,
    #[serde(default, deserialize_with = "hex")]
    key: Vec<u8>,
    #[serde(deserialize_with = "hex")]
    msg: Vec<u8>,
    #[serde(alias = "tag", deserialize_with = "hex")]
    sig: Vec<u8>,
    result: Verdict,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
enum Verdict {
    Valid,
    Invalid,
    Acceptable,
}

fn hex<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    let text = String::deserialize(deserializer)?;
    decode_hex(&text).ok_or_else(|| D::Error::custom(format!("not hex: {text:?}")))
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let nibble = |c: &u8| {
        char::from(*c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.as_bytes()
        .chunks_exact(2)
        .map(|pair| match pair {
            [high, low] => Some((nibble(high)? << 4) | nibble(low)?),
            _ => None,
        })
        .collect()
}

fn strip_leading_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

fn load<G: DeserializeOwned>(file: &str) -> Result<VectorFile<G>, Box<dyn StdError>> {
    let path = format!("{VECTORS_DIR}{file}");
    let text = std::fs::read_to_string(&path).map_err(|err| format!("{path}: {err}"))?;
    Ok(serde_json::from_str(&text).map_err(|err| format!("{path}: {err}"))?)
}

fn show(outcome: Outcome) -> String {
    match outcome {
        Ok(()) => "Ok".into(),
        Err(kind) => kind.to_string(),
    }
}

/// The checks of one file: vectors seen, outcomes by verdict, and mismatches.
struct Tally {
    file: &'static str,
    declared: usize,
    checked: usize,
    outcomes: BTreeMap<(Verdict, String), usize>,
    failures: Vec<String>,
}

impl Tally {
    fn new(file: &'static str, declared: usize) -> Self {
        Self {
            file,
            declared,
            checked: 0,
            outcomes: BTreeMap::new(),
            failures: Vec::new(),
        }
    }

    /// Checks a vector's verdict: counts it once.
    fn vector(&mut self, vector: &Vector, expected: Outcome, got: Outcome) {
        self.checked += 1;
        *self.outcomes.entry((vector.result, show(got))).or_default() += 1;
        self.check(vector, "verify", expected, got);
    }

    /// A side check made on a vector's inputs (not its verdict).
    fn check(&mut self, vector: &Vector, what: &str, expected: Outcome, got: Outcome) {
        if expected != got {
            self.failures.push(format!(
                "{} tcId {} ({:?}, {:?}): {what}: expected {}, got {}",
                self.file,
                vector.tc_id,
                vector.comment,
                vector.result,
                show(expected),
                show(got),
            ));
        }
    }

    fn group_failure(&mut self, group: usize, problem: impl Display) {
        self.failures
            .push(format!("{} group {group}: {problem}", self.file));
    }

    /// Prints the summary line and moves the failures (and a count mismatch) to `failures`.
    fn finish(mut self, failures: &mut Vec<String>) {
        if self.checked != self.declared {
            self.failures.push(format!(
                "{}: checked {} vectors, the file declares {}",
                self.file, self.checked, self.declared
            ));
        }
        let mut summary = String::new();
        for ((verdict, outcome), count) in &self.outcomes {
            summary.push_str(&format!("; {verdict:?} -> {outcome}: {count}"));
        }
        eprintln!(
            "wycheproof {}: {}/{} vectors{summary}",
            self.file, self.checked, self.declared
        );
        failures.append(&mut self.failures);
    }
}

fn assert_no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} Wycheproof mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The verdict a signature vector must get with a group key (`Err` if the key did not load).
fn check_signature(
    tally: &mut Tally,
    vector: &Vector,
    key: &Outcome<VerifyingKey>,
    alg: Algorithm,
) {
    let expected = match (vector.result, key) {
        (Verdict::Valid, _) => Ok(()),
        (_, Ok(_)) => Err(ErrorKind::InvalidSignature),
        (_, Err(_)) => Err(ErrorKind::InvalidKey),
    };
    let got = match key {
        Ok(key) => key
            .verify(alg, &vector.msg, &vector.sig)
            .map_err(|err| err.kind()),
        Err(kind) => Err(*kind),
    };
    tally.vector(vector, expected, got);
}

/// The key for a MAC vector's secret, checking on the way that the strict path refuses a
/// secret shorter than the digest.
fn hmac_key(
    tally: &mut Tally,
    vector: &Vector,
    alg: Algorithm,
    digest_len: usize,
) -> Outcome<HmacKey> {
    let secret = vector.key.as_slice();
    if secret.len() >= digest_len {
        return HmacKey::new(secret).map_err(|err| err.kind());
    }
    let strict = HmacKey::new(secret).map_err(|err| err.kind());
    if secret.len() < MIN_SECRET_LEN {
        tally.check(
            vector,
            "HmacKey::new(short secret)",
            Err(ErrorKind::InvalidKey),
            strict.map(drop),
        );
    } else {
        tally.check(
            vector,
            "HmacKey::new(32-byte+ secret)",
            Ok(()),
            strict.clone().map(drop),
        );
        let verified = strict.and_then(|key| {
            VerifyingKey::from(key)
                .verify(alg, &vector.msg, &vector.sig)
                .map_err(|err| err.kind())
        });
        tally.check(
            vector,
            "verify with a secret under the digest size",
            Err(ErrorKind::InvalidKey),
            verified,
        );
    }
    dangerous::insecure_short_hmac_key(secret).map_err(|err| err.kind())
}

fn check_mac(
    tally: &mut Tally,
    vector: &Vector,
    alg: Algorithm,
    digest_len: usize,
    full_tag: bool,
) {
    let expected = if vector.key.is_empty() {
        Err(ErrorKind::InvalidKey)
    } else if full_tag && vector.result == Verdict::Valid {
        Ok(())
    } else {
        Err(ErrorKind::InvalidSignature)
    };
    let got = hmac_key(tally, vector, alg, digest_len).and_then(|key| {
        VerifyingKey::from(key)
            .verify(alg, &vector.msg, &vector.sig)
            .map_err(|err| err.kind())
    });
    tally.vector(vector, expected, got);
}

#[test]
fn hmac_vectors() -> TestResult {
    let mut failures = Vec::new();
    for (file, alg, digest_len) in HMAC_FILES {
        let vectors: VectorFile<MacGroup> = load(file)?;
        let mut tally = Tally::new(file, vectors.number_of_tests);
        for group in &vectors.test_groups {
            let full_tag = group.tag_size == digest_len * 8;
            for vector in &group.tests {
                check_mac(&mut tally, vector, alg, digest_len, full_tag);
            }
        }
        tally.finish(&mut failures);
    }
    assert_no_failures(&failures);
    Ok(())
}

fn rsa_algorithm(sha: &str) -> Option<Algorithm> {
    match sha {
        "SHA-256" => Some(Algorithm::RS256),
        "SHA-384" => Some(Algorithm::RS384),
        "SHA-512" => Some(Algorithm::RS512),
        _ => None,
    }
}

/// The group key from `publicKeyDer`, checked against the one from the components.
fn rsa_key(tally: &mut Tally, index: usize, group: &RsaGroup) -> Outcome<VerifyingKey> {
    let components = &group.public_key;
    let loaded = RsaPublicKey::from_der(&group.public_key_der).and_then(|der| {
        Ok((
            der,
            RsaPublicKey::from_components(&components.modulus, &components.public_exponent)?,
        ))
    });
    let (der, from_components) = match loaded {
        Ok(keys) => keys,
        Err(err) => {
            tally.group_failure(index, format_args!("key refused: {err}"));
            return Err(err.kind());
        }
    };
    let expected = (
        strip_leading_zeros(&components.modulus),
        strip_leading_zeros(&components.public_exponent),
    );
    for (form, key) in [
        ("publicKeyDer", &der),
        ("publicKey components", &from_components),
    ] {
        if (key.modulus().as_slice(), key.exponent().as_slice()) != expected {
            tally.group_failure(
                index,
                format_args!("{form} does not give the key's n and e"),
            );
        }
    }
    Ok(VerifyingKey::from(der))
}

#[test]
fn rsa_pkcs1v15_vectors() -> TestResult {
    let mut failures = Vec::new();
    for file in RSA_FILES {
        let vectors: VectorFile<RsaGroup> = load(file)?;
        let mut tally = Tally::new(file, vectors.number_of_tests);
        for (index, group) in vectors.test_groups.iter().enumerate() {
            let Some(alg) = rsa_algorithm(&group.sha) else {
                tally.group_failure(index, format_args!("unexpected sha {:?}", group.sha));
                continue;
            };
            let key = rsa_key(&mut tally, index, group);
            for vector in &group.tests {
                check_signature(&mut tally, vector, &key, alg);
            }
        }
        tally.finish(&mut failures);
    }
    assert_no_failures(&failures);
    Ok(())
}

fn pss_algorithm(group: &PssGroup) -> Option<Algorithm> {
    let (algorithm, hash_len) = match group.sha.as_str() {
        "SHA-256" => (Algorithm::PS256, 32),
        "SHA-384" => (Algorithm::PS384, 48),
        "SHA-512" => (Algorithm::PS512, 64),
        _ => return None,
    };
    (group.mgf == "MGF1" && group.mgf_sha == group.sha && group.s_len == hash_len)
        .then_some(algorithm)
}

/// A Wycheproof JWK, as the text it would arrive as.
fn wycheproof_jwk(value: &serde_json::Value) -> Result<Jwk, jwt_core::Error> {
    value.to_string().parse()
}

#[test]
fn rsa_pss_vectors() -> TestResult {
    let mut failures = Vec::new();
    for file in PSS_FILES {
        let vectors: VectorFile<PssGroup> = load(file)?;
        let mut tally = Tally::new(file, vectors.number_of_tests);
        for (index, group) in vectors.test_groups.iter().enumerate() {
            let Some(alg) = pss_algorithm(group) else {
                tally.group_failure(
                    index,
                    format_args!(
                        "not a PS* group: {} {} {} salt {}",
                        group.sha, group.mgf, group.mgf_sha, group.s_len
                    ),
                );
                continue;
            };
            let components = RsaGroup {
                public_key: RsaComponents {
                    modulus: group.public_key.modulus.clone(),
                    public_exponent: group.public_key.public_exponent.clone(),
                },
                public_key_der: group.public_key_der.clone(),
                sha: group.sha.clone(),
                tests: Vec::new(),
            };
            let key = rsa_key(&mut tally, index, &components);
            let from_jwk =
                wycheproof_jwk(&group.public_key_jwk).and_then(|jwk| VerifyingKey::from_jwk(&jwk));
            match &from_jwk {
                Ok(jwk_key) if jwk_key.algorithm() == Some(alg) => {}
                Ok(jwk_key) => tally.group_failure(
                    index,
                    format_args!("publicKeyJwk restricted to {:?}", jwk_key.algorithm()),
                ),
                Err(err) => tally.group_failure(index, format_args!("publicKeyJwk refused: {err}")),
            }
            for vector in &group.tests {
                check_signature(&mut tally, vector, &key, alg);
                if let (Ok(jwk_key), Ok(der_key)) = (&from_jwk, &key) {
                    let verdict = |key: &VerifyingKey| {
                        key.verify(alg, &vector.msg, &vector.sig)
                            .map_err(|err| err.kind())
                    };
                    tally.check(
                        vector,
                        "verify with publicKeyJwk",
                        verdict(der_key),
                        verdict(jwk_key),
                    );
                }
            }
        }
        tally.finish(&mut failures);
    }
    assert_no_failures(&failures);
    Ok(())
}

/// `bytes` as exactly `len` bytes: leading zeros added or removed (Wycheproof writes
/// coordinates as signed integers, with a zero byte before a high bit).
fn field_element(bytes: &[u8], len: usize) -> Option<Vec<u8>> {
    let significant = strip_leading_zeros(bytes);
    let padding = len.checked_sub(significant.len())?;
    Some([vec![0; padding], significant.to_vec()].concat())
}

/// The group key from `publicKeyDer`, checked against the one from `wx` and `wy` and the one
/// from `publicKeyJwk`.
fn ecdsa_key(
    tally: &mut Tally,
    index: usize,
    group: &EcdsaGroup,
    curve: EcCurve,
) -> Outcome<VerifyingKey> {
    let from_der = match EcPublicKey::from_der(&group.public_key_der) {
        Ok(key) => key,
        Err(err) => {
            tally.group_failure(index, format_args!("key refused: {err}"));
            return Err(err.kind());
        }
    };
    if from_der.curve() != curve {
        tally.group_failure(index, format_args!("a {} key", from_der.curve()));
    }
    let len = curve.field_len();
    let coordinates =
        field_element(&group.public_key.wx, len).zip(field_element(&group.public_key.wy, len));
    let from_coordinates = coordinates.map(|(x, y)| EcPublicKey::from_coordinates(curve, &x, &y));
    if !matches!(&from_coordinates, Some(Ok(key)) if *key == from_der) {
        tally.group_failure(index, "wx and wy do not give the publicKeyDer key");
    }
    if let Some(jwk) = &group.public_key_jwk {
        let from_jwk = wycheproof_jwk(jwk).and_then(|jwk| VerifyingKey::from_jwk(&jwk));
        let same = from_jwk
            .as_ref()
            .is_ok_and(|key| key.thumbprint() == VerifyingKey::from(from_der.clone()).thumbprint());
        if !same {
            tally.group_failure(index, format_args!("publicKeyJwk gives {from_jwk:?}"));
        }
    }
    Ok(VerifyingKey::from(from_der))
}

#[test]
fn ecdsa_p1363_vectors() -> TestResult {
    let mut failures = Vec::new();
    for (file, curve) in ECDSA_FILES {
        let vectors: VectorFile<EcdsaGroup> = load(file)?;
        let mut tally = Tally::new(file, vectors.number_of_tests);
        let alg = curve.algorithm();
        let sha = match curve {
            EcCurve::P256 => "SHA-256",
            _ => "SHA-384",
        };
        for (index, group) in vectors.test_groups.iter().enumerate() {
            let named = match curve {
                EcCurve::P256 => "secp256r1",
                _ => "secp384r1",
            };
            if group.sha != sha || group.public_key.curve != named {
                tally.group_failure(
                    index,
                    format_args!("{} {} is not {alg}", group.public_key.curve, group.sha),
                );
                continue;
            }
            let key = ecdsa_key(&mut tally, index, group, curve);
            for vector in &group.tests {
                check_signature(&mut tally, vector, &key, alg);
            }
        }
        tally.finish(&mut failures);
    }
    assert_no_failures(&failures);
    Ok(())
}

#[test]
fn ed25519_vectors() -> TestResult {
    let mut failures = Vec::new();
    let vectors: VectorFile<EddsaGroup> = load(ED25519_FILE)?;
    let mut tally = Tally::new(ED25519_FILE, vectors.number_of_tests);
    for (index, group) in vectors.test_groups.iter().enumerate() {
        let key = Ed25519PublicKey::from_bytes(&group.public_key.pk).map(VerifyingKey::from);
        if let Err(err) = &key {
            eprintln!(
                "wycheproof {ED25519_FILE} group {index}: key refused ({err}), its vectors must all be invalid"
            );
        }
        let key = key.map_err(|err| err.kind());
        for vector in &group.tests {
            check_signature(&mut tally, vector, &key, Algorithm::EdDSA);
        }
    }
    tally.finish(&mut failures);
    assert_no_failures(&failures);
    Ok(())
}
