//! Tokens read without their signature verified, for the `dangerous` module only.

use serde::de::DeserializeOwned;

use crate::alg::Algorithm;
use crate::error::Result;
use crate::header::Header;
use crate::jws::Decoded;
use crate::token::{self, TokenData};
use crate::validation::{DEFAULT_MAX_TOKEN_BYTES, Validation};

/// A token read **without verifying its signature**: its header, payload and signature may
/// all be read, and its claims validated, but anyone can mint such a token. For logging,
/// debugging and tools that inspect tokens; never for an authorization decision.
///
/// Parsing checks the size limit, the structure, strict base64url of every segment and the
/// header's JSON; reading claims checks their JSON and the registered claims' types. Nothing
/// checks the algorithm against an allow-list or the signature.
///
/// ```
/// use jwt_core::{Algorithm, Claims, Clock, ErrorKind, Validation};
/// use jwt_core::dangerous::UnverifiedToken;
///
/// let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImV4cCI6MX0.AAAA"; // forged
/// let unverified = UnverifiedToken::parse(token)?;
/// assert_eq!(unverified.algorithm(), Algorithm::HS256);
/// assert_eq!(unverified.signature(), [0, 0, 0]);
/// assert_eq!(unverified.claims::<Claims>()?["sub"], "admin");
/// let validation = Validation::new_with_clock(Algorithm::HS256, Clock::Fixed(10));
/// let err = unverified.validated_claims::<Claims>(&validation).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Expired);
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Debug)]
pub struct UnverifiedToken<'a> {
    decoded: Decoded<'a>,
}

impl<'a> UnverifiedToken<'a> {
    /// Splits and decodes `token` (text or bytes) and parses its header, within the default
    /// size limit.
    pub fn parse<T: AsRef<[u8]> + ?Sized>(token: &'a T) -> Result<Self> {
        let decoded = Decoded::parse(token.as_ref(), DEFAULT_MAX_TOKEN_BYTES, &mut [])?;
        Ok(Self { decoded })
    }

    /// The algorithm the header names (any this library implements).
    pub fn algorithm(&self) -> Algorithm {
        self.decoded.algorithm()
    }

    /// The header.
    pub fn header(&self) -> &Header {
        self.decoded.header()
    }

    /// The decoded payload.
    pub fn payload(&self) -> &[u8] {
        self.decoded.payload()
    }

    /// The decoded signature, unchecked.
    pub fn signature(&self) -> &[u8] {
        self.decoded.signature()
    }

    /// The claims, their JSON and the registered claims' types checked, nothing validated.
    pub fn claims<C: DeserializeOwned>(&self) -> Result<C> {
        token::read_claims(self.payload(), token::registered_types)
    }

    /// The claims, validated by `validation`'s claim checks (required claims, times,
    /// issuer, subject, audience) as after a verified signature; the signature and
    /// `validation`'s header checks are not applied.
    pub fn validated_claims<C: DeserializeOwned>(&self, validation: &Validation) -> Result<C> {
        let payload = self.payload();
        token::read_claims(payload, |claims| validation.check_claims(claims, payload))
    }

    /// The algorithm, the header and the claims, as [`claims`](Self::claims) reads them.
    pub fn into_token_data<C: DeserializeOwned>(self) -> Result<TokenData<C>> {
        let claims = self.claims()?;
        let (algorithm, header) = self.decoded.into_header();
        Ok(TokenData {
            algorithm,
            header,
            claims,
        })
    }
}
