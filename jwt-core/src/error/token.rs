//! What can be wrong with a token: its structure, its JSON, its header, its claims.

use alloc::string::String;
use core::fmt;

use crate::alg::Algorithm;
use crate::claims::Claim;

/// One of the three segments of a compact token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(
    clippy::exhaustive_enums,
    reason = "a compact JWS has exactly these three segments (RFC 7515 section 7.1)"
)]
pub enum Segment {
    /// The protected header.
    Header,
    /// The payload (the claims of a JWT).
    Payload,
    /// The signature.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Header => "header",
            Self::Payload => "payload",
            Self::Signature => "signature",
        })
    }
}

/// What is wrong with a malformed token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Malformed {
    /// The token does not have exactly three dot-separated segments.
    SegmentCount,
    /// A segment is not strict unpadded base64url with canonical trailing bits.
    Base64(Segment),
    /// A segment is not valid JSON (or not valid UTF-8).
    Json(Segment, JsonError),
    /// A segment is valid JSON but not an object.
    NotAnObject(Segment),
    /// A JSON object in a segment repeats a member name.
    DuplicateMember(Segment, String),
    /// A registered header parameter has the wrong JSON type.
    HeaderParameterType(HeaderParameter),
    /// A registered claim has the wrong JSON type.
    ClaimType(Claim),
    /// The claims are valid JWT claims but do not fit the caller's claims type.
    ClaimsShape(ShapeProblem),
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SegmentCount => f.write_str("expected three dot-separated segments"),
            Self::Base64(segment) => {
                write!(f, "the {segment} is not unpadded canonical base64url")
            }
            Self::Json(segment, error) => write!(f, "the {segment} is not valid JSON: {error}"),
            Self::NotAnObject(segment) => write!(f, "the {segment} is not a JSON object"),
            Self::DuplicateMember(segment, name) => {
                write!(f, "the {segment} repeats the member {name:?}")
            }
            Self::HeaderParameterType(parameter) => write!(
                f,
                "the header parameter {:?} has the wrong JSON type",
                parameter.name()
            ),
            Self::ClaimType(claim) => {
                write!(f, "the claim {:?} has the wrong JSON type", claim.name())
            }
            Self::ClaimsShape(problem) => {
                write!(f, "the claims do not fit the expected type: {problem}")
            }
        }
    }
}

/// Where and why a JSON text could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonError {
    /// What is wrong.
    pub fault: JsonFault,
    /// The line where it was found, from 1.
    pub line: usize,
    /// The column (in bytes) where it was found, from 1.
    pub column: usize,
}

impl JsonError {
    /// `serde_json`'s error as data: its position, and its reason from the fixed messages of
    /// `serde_json`'s error codes (a test pins each one).
    pub(crate) fn from_serde(error: &serde_json::Error) -> Self {
        use alloc::string::ToString;
        const FAULTS: [(&str, JsonFault); 21] = [
            ("EOF while parsing", JsonFault::UnexpectedEnd),
            ("expected `:`", JsonFault::UnexpectedCharacter),
            ("expected `,` or `]`", JsonFault::UnexpectedCharacter),
            ("expected `,` or `}`", JsonFault::UnexpectedCharacter),
            ("expected ident", JsonFault::UnexpectedCharacter),
            ("expected value", JsonFault::UnexpectedCharacter),
            ("expected `\"`", JsonFault::UnexpectedCharacter),
            ("key must be a string", JsonFault::UnexpectedCharacter),
            ("invalid escape", JsonFault::InvalidEscape),
            ("lone leading surrogate", JsonFault::InvalidEscape),
            ("unexpected end of hex escape", JsonFault::InvalidEscape),
            ("invalid number", JsonFault::InvalidNumber),
            ("number out of range", JsonFault::NumberOutOfRange),
            ("invalid unicode code point", JsonFault::InvalidUnicode),
            ("control character", JsonFault::ControlCharacter),
            ("trailing comma", JsonFault::TrailingComma),
            ("trailing characters", JsonFault::TrailingCharacters),
            ("recursion limit exceeded", JsonFault::TooDeep),
            ("invalid type", JsonFault::Other),
            ("invalid value", JsonFault::Other),
            ("invalid length", JsonFault::Other),
        ];
        let message = error.to_string();
        let fault = FAULTS
            .iter()
            .find(|(prefix, _)| message.starts_with(prefix))
            .map_or(JsonFault::Other, |(_, fault)| *fault);
        Self {
            fault,
            line: error.line(),
            column: error.column(),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.fault, self.line, self.column
        )
    }
}

/// Why a JSON text could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonFault {
    /// The text ends inside a value.
    UnexpectedEnd,
    /// A character that cannot come where it is.
    UnexpectedCharacter,
    /// A string has an invalid escape (or an unpaired surrogate).
    InvalidEscape,
    /// A number is not written as JSON numbers are.
    InvalidNumber,
    /// A number does not fit a 64-bit float.
    NumberOutOfRange,
    /// Invalid UTF-8, or an escape of no Unicode scalar value.
    InvalidUnicode,
    /// A string holds an unescaped control character.
    ControlCharacter,
    /// A comma before the end of an array or object.
    TrailingComma,
    /// Something follows the value.
    TrailingCharacters,
    /// Arrays and objects nest deeper than the parser's limit of 128.
    TooDeep,
    /// Anything else the parser refused.
    Other,
}

impl fmt::Display for JsonFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::UnexpectedEnd => "unexpected end",
            Self::UnexpectedCharacter => "unexpected character",
            Self::InvalidEscape => "invalid escape",
            Self::InvalidNumber => "invalid number",
            Self::NumberOutOfRange => "number out of range",
            Self::InvalidUnicode => "invalid Unicode",
            Self::ControlCharacter => "unescaped control character",
            Self::TrailingComma => "trailing comma",
            Self::TrailingCharacters => "trailing characters",
            Self::TooDeep => "nested too deep",
            Self::Other => "not JSON",
        })
    }
}

/// A registered header parameter that jwt-core reads as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderParameter {
    /// `alg`.
    Alg,
    /// `typ`.
    Typ,
    /// `kid`.
    Kid,
    /// `cty`.
    Cty,
}

impl HeaderParameter {
    /// The parameter's name in the header.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Alg => "alg",
            Self::Typ => "typ",
            Self::Kid => "kid",
            Self::Cty => "cty",
        }
    }
}

/// The JSON type of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(
    clippy::exhaustive_enums,
    reason = "JSON has exactly these types (RFC 8259 section 3)"
)]
pub enum JsonType {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Null => "null",
            Self::Bool => "a boolean",
            Self::Number => "a number",
            Self::String => "a string",
            Self::Array => "an array",
            Self::Object => "an object",
        })
    }
}

/// How verified claims fail to fit the caller's claims type. `member` is the top-level claim
/// in which the failure was found, when it was found in one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShapeProblem {
    /// The type needs a claim that the token lacks.
    MissingClaim(String),
    /// The type accepts no claim of this name.
    UnknownClaim(String),
    /// A value has a JSON type the claims type does not accept there.
    WrongType {
        /// The top-level claim holding the value.
        member: Option<String>,
        /// The value's JSON type.
        found: JsonType,
    },
    /// A value has an acceptable type but is refused (an unknown enum variant, a number out
    /// of the field's range, an array of the wrong length).
    WrongValue {
        /// The top-level claim holding the value.
        member: Option<String>,
    },
    /// The claims type's own deserialization refused the claims.
    Refused {
        /// The top-level claim being read, if any.
        member: Option<String>,
    },
}

impl fmt::Display for ShapeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let within = |f: &mut fmt::Formatter<'_>, member: &Option<String>| match member {
            Some(member) => write!(f, " in the claim {member:?}"),
            None => Ok(()),
        };
        match self {
            Self::MissingClaim(name) => write!(f, "the claim {name:?} is missing"),
            Self::UnknownClaim(name) => write!(f, "the claim {name:?} is not expected"),
            Self::WrongType { member, found } => {
                write!(f, "{found} is not expected")?;
                within(f, member)
            }
            Self::WrongValue { member } => {
                f.write_str("a value is out of the expected range")?;
                within(f, member)
            }
            Self::Refused { member } => {
                f.write_str("the claims type refused them")?;
                within(f, member)
            }
        }
    }
}

/// Why the algorithm was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AlgorithmProblem {
    /// The header has no `alg`.
    Missing,
    /// `alg` is `none` (in some spelling): unsecured tokens are never accepted.
    None,
    /// `alg` names an algorithm this library does not implement.
    Unsupported(String),
    /// `alg` is supported but not in the verifier's allow-list.
    NotAllowed(Algorithm),
    /// An allow-list was built from no algorithms at all.
    EmptyAllowList,
}

impl fmt::Display for AlgorithmProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => f.write_str("the header has no \"alg\""),
            Self::None => f.write_str("unsecured tokens (alg \"none\") are never accepted"),
            Self::Unsupported(name) => write!(f, "unsupported algorithm {name:?}"),
            Self::NotAllowed(alg) => write!(f, "algorithm {alg} is not in the allow-list"),
            Self::EmptyAllowList => f.write_str("the algorithm allow-list is empty"),
        }
    }
}

/// Why the `crit` header was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CriticalProblem {
    /// `crit` names an extension the verifier was not told it understands.
    Unsupported(String),
    /// `crit` is not a non-empty array of strings.
    Malformed,
    /// `crit` names a parameter defined by the JWS specification itself.
    Registered(String),
    /// `crit` names a parameter that is absent from the header.
    Absent(String),
    /// The header uses the `b64` extension (RFC 7797), which this library does not implement.
    UnencodedPayload,
}

impl fmt::Display for CriticalProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unsupported(name) => write!(f, "critical extension {name:?} is not supported"),
            Self::Malformed => f.write_str("\"crit\" must be a non-empty array of strings"),
            Self::Registered(name) => {
                write!(
                    f,
                    "\"crit\" must not name the registered parameter {name:?}"
                )
            }
            Self::Absent(name) => write!(f, "\"crit\" names {name:?}, which the header lacks"),
            Self::UnencodedPayload => {
                f.write_str("the \"b64\" extension (unencoded payload) is not supported")
            }
        }
    }
}

/// Why the audience was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AudienceProblem {
    /// An audience is expected and the token has no `aud`.
    Missing,
    /// No member of the token's `aud` is an accepted audience.
    NoMatch,
    /// The token has an `aud` but the verifier expects none.
    Unexpected,
    /// The verifier expects `aud` to be exactly one string, and the token's is an array.
    NotOneString,
}

impl fmt::Display for AudienceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Missing => "the token has no \"aud\" claim",
            Self::NoMatch => "no \"aud\" value is an accepted audience",
            Self::Unexpected => {
                "the token names an audience but none is configured; configure the accepted \
                 audience, or ignore audiences explicitly"
            }
            Self::NotOneString => "\"aud\" must be one string, not an array",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(json: &[u8]) -> JsonFault {
        let error = serde_json::from_slice::<serde_json::Value>(json).unwrap_err();
        JsonError::from_serde(&error).fault
    }

    #[test]
    fn each_of_serde_jsons_messages_is_a_fault() {
        let nested = alloc::format!("{}{}", "[".repeat(200), "]".repeat(200));
        let cases = [
            ("[1", JsonFault::UnexpectedEnd),
            ("{\"a\"", JsonFault::UnexpectedEnd),
            ("\"abc", JsonFault::UnexpectedEnd),
            ("", JsonFault::UnexpectedEnd),
            ("{\"a\" 1}", JsonFault::UnexpectedCharacter),
            ("[1 2]", JsonFault::UnexpectedCharacter),
            ("{\"a\":1 \"b\"}", JsonFault::UnexpectedCharacter),
            ("tru", JsonFault::UnexpectedEnd),
            ("trux", JsonFault::UnexpectedCharacter),
            ("x", JsonFault::UnexpectedCharacter),
            ("{1:1}", JsonFault::UnexpectedCharacter),
            ("\"\\x\"", JsonFault::InvalidEscape),
            ("\"\\ud800\\u0041\"", JsonFault::InvalidEscape),
            ("\"\\ud800\"", JsonFault::InvalidEscape),
            ("\"\\u12x\"", JsonFault::InvalidEscape),
            ("\"\\u12\"", JsonFault::UnexpectedEnd),
            ("01", JsonFault::InvalidNumber),
            ("1e400", JsonFault::NumberOutOfRange),
            ("\"\u{1}\"", JsonFault::ControlCharacter),
            ("[1,]", JsonFault::TrailingComma),
            ("1 2", JsonFault::TrailingCharacters),
            (nested.as_str(), JsonFault::TooDeep),
        ];
        for (json, expected) in cases {
            assert_eq!(fault(json.as_bytes()), expected, "{json:?}");
        }
        assert_eq!(fault(b"\"\xff\""), JsonFault::InvalidUnicode);
    }

    #[test]
    fn positions_count_from_one() {
        let error = serde_json::from_str::<serde_json::Value>("{\n  x}").unwrap_err();
        let error = JsonError::from_serde(&error);
        assert_eq!((error.line, error.column), (2, 3));
        assert_eq!(
            alloc::string::ToString::to_string(&error),
            "unexpected character at line 2 column 3"
        );
    }
}
