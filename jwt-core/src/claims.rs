//! Claim names (RFC 7519 section 4.1) and the typed view of the registered claims that
//! validation reads.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde_json::{Map, Value};

use crate::error::{Malformed, Result};

/// A JSON object of claims, for callers who do not define their own claims type.
pub type Claims = Map<String, Value>;

/// A claim name. The registered names are variants, so that a typo in a registered name is a
/// compile error rather than a silently skipped check; any other name is [`Claim::Other`],
/// and requiring it makes it mandatory like any other (a misspelt custom name fails closed).
///
/// ```
/// use jwt_core::Claim;
/// assert_eq!(Claim::from_name("exp"), Claim::Exp);
/// assert_eq!(Claim::from_name("role"), Claim::Other("role".into()));
/// assert_eq!(Claim::Aud.name(), "aud");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Claim {
    /// Expiration time.
    Exp,
    /// Not before.
    Nbf,
    /// Issued at.
    Iat,
    /// Issuer.
    Iss,
    /// Subject.
    Sub,
    /// Audience.
    Aud,
    /// JWT ID.
    Jti,
    /// Any other claim name.
    Other(String),
}

impl Claim {
    /// The claim for a JSON member name.
    pub fn from_name(name: &str) -> Self {
        match name {
            "exp" => Self::Exp,
            "nbf" => Self::Nbf,
            "iat" => Self::Iat,
            "iss" => Self::Iss,
            "sub" => Self::Sub,
            "aud" => Self::Aud,
            "jti" => Self::Jti,
            other => Self::Other(other.into()),
        }
    }

    /// The JSON member name.
    pub fn name(&self) -> &str {
        match self {
            Self::Exp => "exp",
            Self::Nbf => "nbf",
            Self::Iat => "iat",
            Self::Iss => "iss",
            Self::Sub => "sub",
            Self::Aud => "aud",
            Self::Jti => "jti",
            Self::Other(name) => name,
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The `aud` claim: one audience or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Audience<'a> {
    One(&'a str),
    Many(Vec<&'a str>),
}

impl Audience<'_> {
    /// Whether any audience of the token is one of `accepted`.
    pub(crate) fn any_in(&self, accepted: &[String]) -> bool {
        let accepts = |aud: &str| accepted.iter().any(|a| a == aud);
        match self {
            Self::One(aud) => accepts(aud),
            Self::Many(auds) => auds.iter().any(|aud| accepts(aud)),
        }
    }
}

/// The registered claims of a payload, type-checked.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Registered<'a> {
    pub(crate) exp: Option<f64>,
    pub(crate) nbf: Option<f64>,
    pub(crate) iat: Option<f64>,
    pub(crate) iss: Option<&'a str>,
    pub(crate) sub: Option<&'a str>,
    pub(crate) aud: Option<Audience<'a>>,
}

impl<'a> Registered<'a> {
    /// Reads the registered claims of `claims`, refusing any of the wrong JSON type:
    /// `exp`/`nbf`/`iat` must be numbers (NumericDate), `iss`/`sub`/`jti` strings, and `aud`
    /// a string or an array of strings.
    pub(crate) fn read(claims: &'a Claims) -> Result<Self> {
        if claims.get("jti").is_some_and(|jti| !jti.is_string()) {
            return Err(Malformed::ClaimType(Claim::Jti).into());
        }
        Ok(Self {
            exp: numeric_date(claims, Claim::Exp)?,
            nbf: numeric_date(claims, Claim::Nbf)?,
            iat: numeric_date(claims, Claim::Iat)?,
            iss: string(claims, Claim::Iss)?,
            sub: string(claims, Claim::Sub)?,
            aud: audience(claims)?,
        })
    }
}

fn numeric_date(claims: &Claims, claim: Claim) -> Result<Option<f64>> {
    match claims.get(claim.name()) {
        None => Ok(None),
        Some(value) => value
            .as_f64()
            .map(Some)
            .ok_or_else(|| Malformed::ClaimType(claim).into()),
    }
}

fn string(claims: &Claims, claim: Claim) -> Result<Option<&str>> {
    match claims.get(claim.name()) {
        None => Ok(None),
        Some(value) => value
            .as_str()
            .map(Some)
            .ok_or_else(|| Malformed::ClaimType(claim).into()),
    }
}

fn audience(claims: &Claims) -> Result<Option<Audience<'_>>> {
    let wrong_type = || Malformed::ClaimType(Claim::Aud).into();
    match claims.get("aud") {
        None => Ok(None),
        Some(Value::String(aud)) => Ok(Some(Audience::One(aud))),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().ok_or_else(wrong_type))
            .collect::<Result<Vec<_>>>()
            .map(|auds| Some(Audience::Many(auds))),
        Some(_) => Err(wrong_type()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use serde_json::json;

    fn map(value: Value) -> Claims {
        match value {
            Value::Object(map) => map,
            other => panic!("not an object: {other}"),
        }
    }

    #[test]
    fn reads_numbers_and_audiences() {
        let claims =
            map(json!({"exp": 5.5, "nbf": 1, "iat": -2, "iss": "i", "sub": "s", "aud": "a"}));
        let registered = Registered::read(&claims).unwrap();
        assert_eq!(
            registered,
            Registered {
                exp: Some(5.5),
                nbf: Some(1.0),
                iat: Some(-2.0),
                iss: Some("i"),
                sub: Some("s"),
                aud: Some(Audience::One("a")),
            }
        );
        let claims = map(json!({"aud": ["a", "b"]}));
        assert_eq!(
            Registered::read(&claims).unwrap().aud,
            Some(Audience::Many(alloc::vec!["a", "b"]))
        );
    }

    #[test]
    fn refuses_wrong_types() {
        let cases = [
            (json!({"exp": "5"}), Claim::Exp),
            (json!({"exp": null}), Claim::Exp),
            (json!({"nbf": true}), Claim::Nbf),
            (json!({"iat": [1]}), Claim::Iat),
            (json!({"iss": 1}), Claim::Iss),
            (json!({"sub": {}}), Claim::Sub),
            (json!({"aud": 1}), Claim::Aud),
            (json!({"aud": ["a", 1]}), Claim::Aud),
            (json!({"jti": 1}), Claim::Jti),
        ];
        for (claims, claim) in cases {
            let claims = map(claims);
            assert_eq!(
                Registered::read(&claims).unwrap_err(),
                Error::MalformedToken(Malformed::ClaimType(claim))
            );
        }
    }

    #[test]
    fn audience_matching() {
        let accepted = [String::from("api"), String::from("web")];
        assert!(Audience::One("web").any_in(&accepted));
        assert!(Audience::Many(alloc::vec!["x", "api"]).any_in(&accepted));
        assert!(!Audience::Many(alloc::vec![]).any_in(&accepted));
        assert!(!Audience::One("API").any_in(&accepted));
    }
}
