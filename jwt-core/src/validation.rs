//! What a verifier accepts: the algorithm allow-list, the expected claims, and the limits.

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use serde_json::Value;

use crate::alg::{Algorithm, AlgorithmSet};
use crate::claims::{Audience, Claim, Registered, ScannedClaims};
use crate::error::{AudienceProblem, Error, Result};
use crate::header::HeaderPolicy;
use crate::time::Clock;

/// The default for [`Validation::max_token_bytes`]: 32 KiB, four times the largest request
/// header common HTTP servers accept by default, so that no legitimate bearer token reaches it.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 32 * 1024;

/// Verification settings. There is no default: every `Validation` starts from an explicit,
/// non-empty algorithm allow-list.
///
/// Out of the box it requires `exp` and refuses expired tokens, checks `nbf` and a future
/// `iat` when present, allows no clock skew, refuses tokens with an `aud` (none is expected
/// until one is configured) and refuses tokens over [`DEFAULT_MAX_TOKEN_BYTES`]. Every
/// expectation implies presence: an expected issuer, audience or subject makes that claim
/// mandatory.
///
/// ```
/// use jwt_core::{Algorithm, Claim, Clock, Validation};
///
/// let validation = Validation::new_with_clock(Algorithm::RS256, Clock::Fixed(1_700_000_000))
///     .allow(Algorithm::EdDSA)
///     .issuer("https://auth.example.com")
///     .audience("api")
///     .leeway(30)
///     .require(Claim::Sub)
///     .typ("at+jwt")
///     .max_age(3600);
/// assert!(validation.algorithms().contains(Algorithm::EdDSA));
/// ```
#[derive(Debug, Clone)]
pub struct Validation {
    algorithms: AlgorithmSet,
    issuers: Option<Vec<String>>,
    audience: AudiencePolicy,
    subject: Option<String>,
    leeway: u64,
    required: Vec<Claim>,
    typ: Option<String>,
    max_age: Option<u64>,
    max_token_bytes: usize,
    validate_exp: bool,
    validate_nbf: bool,
    validate_iat: bool,
    critical: Vec<String>,
    expected_values: Vec<(Claim, Value)>,
    clock: Clock,
}

#[derive(Clone)]
enum AudiencePolicy {
    /// The token must name one of these.
    OneOf(Vec<String>),
    /// The token's `aud` must be this one string, not an array.
    Exactly(String),
    /// The token must not name any audience.
    RejectIfPresent,
    /// `aud` is type-checked and otherwise ignored.
    Ignore,
    /// The token must name an audience this predicate accepts.
    Matching(Arc<dyn Fn(&str) -> bool + Send + Sync>),
}

impl fmt::Debug for AudiencePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OneOf(accepted) => f.debug_tuple("OneOf").field(accepted).finish(),
            Self::Exactly(accepted) => f.debug_tuple("Exactly").field(accepted).finish(),
            Self::RejectIfPresent => f.write_str("RejectIfPresent"),
            Self::Ignore => f.write_str("Ignore"),
            Self::Matching(_) => f.write_str("Matching(..)"),
        }
    }
}

impl Validation {
    /// Settings that accept `algorithms` and read the system clock.
    ///
    /// ```
    /// use jwt_core::{Algorithm, AlgorithmSet, Validation};
    /// let one = Validation::new(Algorithm::EdDSA);
    /// let two = Validation::new(AlgorithmSet::new(Algorithm::RS256).with(Algorithm::EdDSA));
    /// # let _ = (one, two);
    /// ```
    #[cfg(feature = "std")]
    pub fn new(algorithms: impl Into<AlgorithmSet>) -> Self {
        Self::new_with_clock(algorithms, Clock::System)
    }

    /// Settings that accept `algorithms` and take the time from `clock` (the constructor for
    /// `no_std` builds, and for tests).
    pub fn new_with_clock(algorithms: impl Into<AlgorithmSet>, clock: Clock) -> Self {
        Self {
            algorithms: algorithms.into(),
            issuers: None,
            audience: AudiencePolicy::RejectIfPresent,
            subject: None,
            leeway: 0,
            required: vec![Claim::Exp],
            typ: None,
            max_age: None,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            validate_exp: true,
            validate_nbf: true,
            validate_iat: true,
            critical: Vec::new(),
            expected_values: Vec::new(),
            clock,
        }
    }

    /// Also accepts `alg`.
    #[must_use]
    pub fn allow(mut self, alg: Algorithm) -> Self {
        self.algorithms = self.algorithms.with(alg);
        self
    }

    /// Accepts only tokens whose `iss` is `issuer` (and makes `iss` mandatory).
    #[must_use]
    pub fn issuer(self, issuer: impl Into<String>) -> Self {
        self.issuers([issuer])
    }

    /// Accepts only tokens whose `iss` is one of `issuers` (and makes `iss` mandatory).
    #[must_use]
    pub fn issuers<S: Into<String>>(mut self, issuers: impl IntoIterator<Item = S>) -> Self {
        self.issuers = Some(issuers.into_iter().map(Into::into).collect());
        self
    }

    /// Accepts only tokens whose `aud` names `audience` (and makes `aud` mandatory).
    #[must_use]
    pub fn audience(self, audience: impl Into<String>) -> Self {
        self.audiences([audience])
    }

    /// Accepts only tokens whose `aud` names one of `audiences` (and makes `aud` mandatory).
    #[must_use]
    pub fn audiences<S: Into<String>>(mut self, audiences: impl IntoIterator<Item = S>) -> Self {
        self.audience = AudiencePolicy::OneOf(audiences.into_iter().map(Into::into).collect());
        self
    }

    /// Accepts only tokens whose `aud` is `audience` itself, a single string (PyJWT's
    /// `strict_aud`): an array, even of `audience` alone, is refused (and `aud` is mandatory).
    ///
    /// ```
    /// use jwt_core::{Algorithm, Clock, Validation};
    /// let strict = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(0)).audience_exactly("api");
    /// # let _ = strict;
    /// ```
    #[must_use]
    pub fn audience_exactly(mut self, audience: impl Into<String>) -> Self {
        self.audience = AudiencePolicy::Exactly(audience.into());
        self
    }

    /// Accepts only tokens whose `aud` names an audience that `accepts` accepts (and makes
    /// `aud` mandatory): for audiences given as patterns, as jsonwebtoken takes a `RegExp`.
    ///
    /// ```
    /// use jwt_core::{Algorithm, Clock, Validation};
    /// let v = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(0))
    ///     .audience_matching(|aud| aud.starts_with("urn:api:"));
    /// # let _ = v;
    /// ```
    #[must_use]
    pub fn audience_matching(
        mut self,
        accepts: impl Fn(&str) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.audience = AudiencePolicy::Matching(Arc::new(accepts));
        self
    }

    /// Accepts any `aud`, or none. By default a token naming an audience is refused until the
    /// accepted audience is configured, so that a token meant for another service is not
    /// accepted here by accident.
    #[must_use]
    pub fn ignore_audience(mut self) -> Self {
        self.audience = AudiencePolicy::Ignore;
        self
    }

    /// Accepts only tokens whose `sub` is `subject` (and makes `sub` mandatory).
    #[must_use]
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Allows `seconds` of clock skew on `exp`, `nbf`, `iat` and the maximum age.
    #[must_use]
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Makes `claim` mandatory as well.
    #[must_use]
    pub fn require(mut self, claim: Claim) -> Self {
        if !self.required.contains(&claim) {
            self.required.push(claim);
        }
        self
    }

    /// Replaces the mandatory claims (by default `exp` alone). An empty list is how a caller
    /// opts out of requiring `exp`.
    #[must_use]
    pub fn required_claims(mut self, claims: impl IntoIterator<Item = Claim>) -> Self {
        self.required.clear();
        for claim in claims {
            if !self.required.contains(&claim) {
                self.required.push(claim);
            }
        }
        self
    }

    /// Accepts only tokens whose claim `claim` is `value` (and makes it mandatory): a `jti`
    /// the caller expects, an OpenID Connect `nonce`. A token with another value is
    /// [`Error::ClaimMismatch`].
    ///
    /// ```
    /// use jwt_core::{Algorithm, Claim, Clock, Validation};
    /// let v = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(0))
    ///     .claim_equals(Claim::from_name("nonce"), "n-0S6_WzA2Mj");
    /// # let _ = v;
    /// ```
    #[must_use]
    pub fn claim_equals(mut self, claim: Claim, value: impl Into<Value>) -> Self {
        self.expected_values.push((claim, value.into()));
        self
    }

    /// Requires the `typ` header to be `typ`, compared case-insensitively with the
    /// `application/` prefix optional (RFC 7515 section 4.1.9).
    #[must_use]
    pub fn typ(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// Refuses tokens issued more than `seconds` ago (and makes `iat` mandatory).
    #[must_use]
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Refuses tokens longer than `bytes` before decoding anything.
    #[must_use]
    pub fn max_token_bytes(mut self, bytes: usize) -> Self {
        self.max_token_bytes = bytes;
        self
    }

    /// Whether an `exp` in the past is refused (default `true`). Turning it off does not stop
    /// `exp` being required: see [`required_claims`](Self::required_claims).
    #[must_use]
    pub fn validate_exp(mut self, validate: bool) -> Self {
        self.validate_exp = validate;
        self
    }

    /// Whether an `nbf` in the future is refused (default `true`).
    #[must_use]
    pub fn validate_nbf(mut self, validate: bool) -> Self {
        self.validate_nbf = validate;
        self
    }

    /// Whether an `iat` in the future is refused (default `true`).
    #[must_use]
    pub fn validate_iat(mut self, validate: bool) -> Self {
        self.validate_iat = validate;
        self
    }

    /// Declares that the application processes the header extension `name`, so that a token
    /// listing it in `crit` is not refused (RFC 7515 section 4.1.11).
    #[must_use]
    pub fn accept_critical(mut self, name: impl Into<String>) -> Self {
        self.critical.push(name.into());
        self
    }

    /// Takes the current time from `clock`.
    #[must_use]
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The accepted algorithms.
    pub fn algorithms(&self) -> AlgorithmSet {
        self.algorithms
    }

    /// The size limit in bytes, as set by [`max_token_bytes`](Self::max_token_bytes).
    pub fn get_max_token_bytes(&self) -> usize {
        self.max_token_bytes
    }

    /// What the header checks need of these settings.
    pub(crate) fn header_policy(&self) -> HeaderPolicy<'_> {
        HeaderPolicy {
            algorithms: self.algorithms,
            critical: &self.critical,
            typ: self.typ.as_deref(),
        }
    }

    /// Validates the claims of a token whose signature has been verified, scanned from
    /// `payload`.
    pub(crate) fn check_claims(&self, claims: &ScannedClaims<'_>, payload: &[u8]) -> Result<()> {
        let registered = Registered::read(claims)?;
        // A registered claim's presence is known from its value, without a name lookup.
        let present = |claim: &Claim| {
            registered
                .holds(claim)
                .unwrap_or_else(|| claims.has(claim.name()))
        };
        if let Some(missing) = self.required.iter().find(|claim| !present(claim)) {
            return Err(Error::MissingRequiredClaim(missing.clone()));
        }
        let now = self.clock.now();
        self.check_times(&registered, now)?;
        self.check_parties(&registered)?;
        self.check_values(claims, payload)
    }

    /// Refuses claims without the values expected of them. Only when some are expected is
    /// the payload read again, as a map.
    fn check_values(&self, claims: &ScannedClaims<'_>, payload: &[u8]) -> Result<()> {
        if self.expected_values.is_empty() {
            return Ok(());
        }
        if let Some((missing, _)) = self
            .expected_values
            .iter()
            .find(|(claim, _)| !claims.has(claim.name()))
        {
            return Err(Error::MissingRequiredClaim(missing.clone()));
        }
        let members = crate::json::parse_object(payload, crate::error::Segment::Payload)?;
        match self
            .expected_values
            .iter()
            .find(|(claim, value)| members.get(claim.name()) != Some(value))
        {
            Some((claim, _)) => Err(Error::ClaimMismatch(claim.clone())),
            None => Ok(()),
        }
    }

    fn check_times(&self, claims: &Registered<'_>, now: u64) -> Result<()> {
        #[allow(
            clippy::cast_precision_loss,
            reason = "seconds stay below 2^53 until year 285 million"
        )]
        let (now_f, leeway) = (now as f64, self.leeway as f64);
        if let (true, Some(exp)) = (self.validate_exp, claims.exp)
            && now_f >= exp + leeway
        {
            return Err(Error::Expired {
                exp,
                now,
                leeway: self.leeway,
            });
        }
        if let (true, Some(nbf)) = (self.validate_nbf, claims.nbf)
            && now_f + leeway < nbf
        {
            return Err(Error::NotYetValid { nbf, now });
        }
        if let (true, Some(iat)) = (self.validate_iat, claims.iat)
            && iat > now_f + leeway
        {
            return Err(Error::ImmatureIssuedAt { iat, now });
        }
        if let Some(max_age) = self.max_age {
            let iat = claims.iat.ok_or(Error::MissingRequiredClaim(Claim::Iat))?;
            #[allow(clippy::cast_precision_loss, reason = "as above")]
            if now_f - iat > max_age as f64 + leeway {
                return Err(Error::TooOld { iat, max_age, now });
            }
        }
        Ok(())
    }

    fn check_parties(&self, claims: &Registered<'_>) -> Result<()> {
        if let Some(issuers) = &self.issuers {
            match claims.iss {
                Some(iss) if issuers.iter().any(|accepted| accepted == iss) => {}
                found => {
                    return Err(Error::InvalidIssuer {
                        found: found.map(Into::into),
                    });
                }
            }
        }
        if let Some(subject) = &self.subject {
            match claims.sub {
                Some(sub) if sub == subject => {}
                found => {
                    return Err(Error::InvalidSubject {
                        found: found.map(Into::into),
                    });
                }
            }
        }
        match (&self.audience, &claims.aud) {
            (
                AudiencePolicy::OneOf(_) | AudiencePolicy::Exactly(_) | AudiencePolicy::Matching(_),
                None,
            ) => Err(Error::InvalidAudience(AudienceProblem::Missing)),
            (AudiencePolicy::Matching(accepts), Some(aud)) if !aud.any(|aud| accepts(aud)) => {
                Err(Error::InvalidAudience(AudienceProblem::NoMatch))
            }
            (AudiencePolicy::Exactly(_), Some(Audience::Many(_))) => {
                Err(Error::InvalidAudience(AudienceProblem::NotOneString))
            }
            (AudiencePolicy::Exactly(accepted), Some(Audience::One(aud))) if aud != accepted => {
                Err(Error::InvalidAudience(AudienceProblem::NoMatch))
            }
            (AudiencePolicy::OneOf(accepted), Some(aud)) if !aud.any_in(accepted) => {
                Err(Error::InvalidAudience(AudienceProblem::NoMatch))
            }
            (AudiencePolicy::RejectIfPresent, Some(_)) => {
                Err(Error::InvalidAudience(AudienceProblem::Unexpected))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::{Value, json};

    const NOW: u64 = 1_700_000_000;

    fn validation() -> Validation {
        Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(NOW))
    }

    fn check_bytes(validation: &Validation, claims: &Value) -> Result<()> {
        let bytes = serde_json::to_vec(claims).unwrap();
        validation.check_claims(&ScannedClaims::scan(&bytes)?, &bytes)
    }

    fn check(validation: &Validation, claims: Value) -> core::result::Result<(), ErrorKind> {
        check_bytes(validation, &claims).map_err(|err| err.kind())
    }

    #[test]
    fn exp_is_required_by_default_and_can_be_opted_out() {
        assert_eq!(
            check(&validation(), json!({})),
            Err(ErrorKind::MissingRequiredClaim)
        );
        assert_eq!(
            check(&validation(), json!({"exp": null})),
            Err(ErrorKind::MalformedToken)
        );
        assert_eq!(check(&validation().required_claims([]), json!({})), Ok(()));
    }

    #[test]
    fn exp_boundaries() {
        let v = validation();
        assert_eq!(check(&v, json!({"exp": NOW + 1})), Ok(()));
        assert_eq!(check(&v, json!({"exp": NOW})), Err(ErrorKind::Expired));
        assert_eq!(check(&v, json!({"exp": NOW as f64 + 0.5})), Ok(()));
        let lenient = validation().leeway(10);
        assert_eq!(check(&lenient, json!({"exp": NOW - 9})), Ok(()));
        assert_eq!(
            check(&lenient, json!({"exp": NOW - 10})),
            Err(ErrorKind::Expired)
        );
        assert_eq!(
            check(&validation().validate_exp(false), json!({"exp": 0})),
            Ok(())
        );
    }

    #[test]
    fn nbf_and_iat_boundaries() {
        let v = validation();
        assert_eq!(check(&v, json!({"exp": NOW + 9, "nbf": NOW})), Ok(()));
        assert_eq!(
            check(&v, json!({"exp": NOW + 9, "nbf": NOW + 1})),
            Err(ErrorKind::NotYetValid)
        );
        assert_eq!(
            check(
                &v.clone().leeway(1),
                json!({"exp": NOW + 9, "nbf": NOW + 1})
            ),
            Ok(())
        );
        assert_eq!(check(&v, json!({"exp": NOW + 9, "iat": NOW})), Ok(()));
        assert_eq!(
            check(&v, json!({"exp": NOW + 9, "iat": NOW + 1})),
            Err(ErrorKind::ImmatureIssuedAt)
        );
        assert_eq!(
            check(
                &v.clone().validate_iat(false),
                json!({"exp": NOW + 9, "iat": NOW + 1})
            ),
            Ok(())
        );
        assert_eq!(
            check(
                &v.validate_nbf(false),
                json!({"exp": NOW + 9, "nbf": NOW + 1})
            ),
            Ok(())
        );
    }

    #[test]
    fn max_age_needs_iat() {
        let v = validation().max_age(60);
        assert_eq!(
            check(&v, json!({"exp": NOW + 9})),
            Err(ErrorKind::MissingRequiredClaim)
        );
        assert_eq!(check(&v, json!({"exp": NOW + 9, "iat": NOW - 60})), Ok(()));
        assert_eq!(
            check(&v, json!({"exp": NOW + 9, "iat": NOW - 61})),
            Err(ErrorKind::TooOld)
        );
        assert_eq!(
            check(&v.leeway(1), json!({"exp": NOW + 9, "iat": NOW - 61})),
            Ok(())
        );
    }

    #[test]
    fn expectations_imply_presence() {
        let exp = NOW + 9;
        let v = validation().issuers(["a", "b"]);
        assert_eq!(
            check(&v, json!({"exp": exp})),
            Err(ErrorKind::InvalidIssuer)
        );
        assert_eq!(
            check(&v, json!({"exp": exp, "iss": "c"})),
            Err(ErrorKind::InvalidIssuer)
        );
        assert_eq!(check(&v, json!({"exp": exp, "iss": "b"})), Ok(()));
        let v = validation().subject("u1");
        assert_eq!(
            check(&v, json!({"exp": exp})),
            Err(ErrorKind::InvalidSubject)
        );
        assert_eq!(
            check(&v, json!({"exp": exp, "sub": "u2"})),
            Err(ErrorKind::InvalidSubject)
        );
        assert_eq!(check(&v, json!({"exp": exp, "sub": "u1"})), Ok(()));
        let v = validation().audience("api");
        assert_eq!(
            check(&v, json!({"exp": exp})),
            Err(ErrorKind::InvalidAudience)
        );
        assert_eq!(
            check(&v, json!({"exp": exp, "aud": []})),
            Err(ErrorKind::InvalidAudience)
        );
        assert_eq!(check(&v, json!({"exp": exp, "aud": ["x", "api"]})), Ok(()));
    }

    #[test]
    fn audience_is_refused_unless_configured_or_ignored() {
        let claims = json!({"exp": NOW + 9, "aud": "api"});
        let err = check_bytes(&validation(), &claims).unwrap_err();
        assert_eq!(err, Error::InvalidAudience(AudienceProblem::Unexpected));
        assert_eq!(check(&validation().ignore_audience(), claims), Ok(()));
    }

    #[test]
    fn an_exact_audience_is_one_string() {
        let v = validation().audience_exactly("api");
        let exp = NOW + 9;
        let problem = |claims| check_bytes(&v, &claims).unwrap_err();
        assert_eq!(check(&v, json!({"exp": exp, "aud": "api"})), Ok(()));
        assert_eq!(
            problem(json!({"exp": exp, "aud": ["api"]})),
            Error::InvalidAudience(AudienceProblem::NotOneString)
        );
        assert_eq!(
            problem(json!({"exp": exp, "aud": "web"})),
            Error::InvalidAudience(AudienceProblem::NoMatch)
        );
        assert_eq!(
            problem(json!({"exp": exp})),
            Error::InvalidAudience(AudienceProblem::Missing)
        );
    }

    #[test]
    fn audiences_matching_a_predicate() {
        let v = validation().audience_matching(|aud| aud.starts_with("urn:"));
        let exp = NOW + 9;
        assert_eq!(
            check(&v, json!({"exp": exp, "aud": ["x", "urn:a"]})),
            Ok(())
        );
        assert_eq!(
            check(&v, json!({"exp": exp, "aud": "x"})),
            Err(ErrorKind::InvalidAudience)
        );
        assert_eq!(
            check(&v, json!({"exp": exp})),
            Err(ErrorKind::InvalidAudience)
        );
    }

    #[test]
    fn expected_claim_values() {
        let nonce = Claim::from_name("nonce");
        let v = validation()
            .claim_equals(Claim::Jti, "j1")
            .claim_equals(nonce.clone(), json!({"n": [1]}));
        let exp = NOW + 9;
        assert_eq!(
            check(&v, json!({"exp": exp, "jti": "j1", "nonce": {"n": [1]}})),
            Ok(())
        );
        assert_eq!(
            check_bytes(&v, &json!({"exp": exp, "jti": "j2", "nonce": {"n": [1]}})),
            Err(Error::ClaimMismatch(Claim::Jti))
        );
        assert_eq!(
            check_bytes(&v, &json!({"exp": exp, "jti": "j1", "nonce": {"n": [2]}})),
            Err(Error::ClaimMismatch(nonce.clone()))
        );
        assert_eq!(
            check_bytes(&v, &json!({"exp": exp, "jti": "j1"})),
            Err(Error::MissingRequiredClaim(nonce))
        );
    }

    #[test]
    fn custom_required_claims() {
        let v = validation()
            .require(Claim::from_name("role"))
            .require(Claim::Jti);
        assert_eq!(
            check(&v, json!({"exp": NOW + 9, "role": "x"})),
            Err(ErrorKind::MissingRequiredClaim)
        );
        assert_eq!(
            check(&v, json!({"exp": NOW + 9, "role": "x", "jti": "j"})),
            Ok(())
        );
    }

    #[test]
    fn each_registered_claim_can_be_required() {
        let full = json!({
            "exp": NOW + 9, "nbf": NOW - 9, "iat": NOW - 9,
            "iss": "i", "sub": "s", "aud": "a", "jti": "j",
        });
        for claim in [
            Claim::Exp,
            Claim::Nbf,
            Claim::Iat,
            Claim::Iss,
            Claim::Sub,
            Claim::Aud,
            Claim::Jti,
        ] {
            let v = validation().ignore_audience().require(claim.clone());
            assert_eq!(check(&v, full.clone()), Ok(()), "{claim:?}");
            let mut without = full.clone();
            let Value::Object(members) = &mut without else {
                unreachable!()
            };
            members.remove(claim.name());
            let mut with_null = full.clone();
            with_null[claim.name()] = Value::Null;
            let required_claims = v.required_claims([Claim::Exp, claim.clone()]);
            assert_eq!(
                check_bytes(&required_claims, &without),
                Err(Error::MissingRequiredClaim(claim.clone()))
            );
            assert_eq!(
                check(&required_claims, with_null),
                Err(ErrorKind::MalformedToken),
                "{claim:?}"
            );
        }
    }

    #[test]
    fn wrong_types_come_before_missing_claims() {
        assert_eq!(
            check(&validation().require(Claim::Sub), json!({"iss": 1})),
            Err(ErrorKind::MalformedToken)
        );
    }
}
