//! Algorithm identifiers (RFC 7518 section 3, RFC 8037) and the allow-list type.
//!
//! The per-family cryptography lives in [`hmac`], [`rsa`] (PKCS#1 v1.5 and PSS), [`ecdsa`]
//! and [`eddsa`].

pub mod ecdsa;
pub mod eddsa;
pub mod hmac;
pub mod rsa;

use core::fmt;
use core::str::FromStr;

use crate::error::{AlgorithmProblem, Error};
use ecdsa::EcCurve;

/// A JWS signature algorithm this library implements.
///
/// `none` is deliberately not representable.
///
/// ```
/// use jwt_core::Algorithm;
/// assert_eq!("RS256".parse::<Algorithm>().unwrap(), Algorithm::RS256);
/// assert!("none".parse::<Algorithm>().is_err());
/// assert_eq!(Algorithm::EdDSA.name(), "EdDSA");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// ECDSA on P-256 with SHA-256.
    ES256,
    /// ECDSA on P-384 with SHA-384.
    ES384,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt.
    PS256,
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384 and a 48-byte salt.
    PS384,
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512 and a 64-byte salt.
    PS512,
    /// EdDSA over Ed25519 (RFC 8037).
    EdDSA,
}

/// The family of keys an algorithm works with. A key verifies only its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyFamily {
    /// Symmetric secrets for the `HS*` algorithms.
    Hmac,
    /// RSA keys for the `RS*` and `PS*` algorithms: the allow-list decides which.
    Rsa,
    /// Elliptic-curve keys for the `ES*` algorithms. Each curve has one algorithm: a P-256
    /// key offered an `ES384` token is [`KeyProblem::WrongCurve`](crate::KeyProblem::WrongCurve).
    Ec,
    /// Ed25519 keys for `EdDSA`.
    Ed25519,
}

impl KeyFamily {
    /// The algorithms of this family: what a key of it may verify, before any restriction.
    ///
    /// ```
    /// use jwt_core::{Algorithm, KeyFamily};
    /// let rsa = KeyFamily::Rsa.algorithms();
    /// assert!(rsa.contains(Algorithm::RS384) && !rsa.contains(Algorithm::EdDSA));
    /// ```
    pub fn algorithms(self) -> AlgorithmSet {
        Algorithm::ALL
            .into_iter()
            .filter(|alg| alg.family() == self)
            .fold(AlgorithmSet(0), AlgorithmSet::with)
    }
}

impl fmt::Display for KeyFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Hmac => "HMAC",
            Self::Rsa => "RSA",
            Self::Ec => "EC",
            Self::Ed25519 => "Ed25519",
        })
    }
}

/// How an algorithm signs: its primitive, with its digest or its curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// HMAC (`HS*`).
    Hmac(Sha2),
    /// RSASSA-PKCS1-v1_5 (`RS*`).
    RsaPkcs1(Sha2),
    /// RSASSA-PSS with MGF1 on the same digest and a salt as long as its output (`PS*`).
    RsaPss(Sha2),
    /// ECDSA on the curve, with its digest (`ES*`).
    Ecdsa(EcCurve),
    /// Ed25519 (`EdDSA`).
    Ed25519,
}

/// The SHA-2 digest an `HS*`, `RS*` or `PS*` algorithm uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sha2 {
    Sha256,
    Sha384,
    Sha512,
}

impl Sha2 {
    /// Output length in bytes: also the minimum HMAC secret length (RFC 7518 section 3.2).
    pub(crate) const fn output_len(self) -> usize {
        match self {
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }
}

impl Algorithm {
    /// Every algorithm, in declaration order.
    pub const ALL: [Algorithm; 12] = [
        Self::HS256,
        Self::HS384,
        Self::HS512,
        Self::RS256,
        Self::RS384,
        Self::RS512,
        Self::ES256,
        Self::ES384,
        Self::PS256,
        Self::PS384,
        Self::PS512,
        Self::EdDSA,
    ];

    /// The length of every signature of this algorithm, if it has one length: `None` for
    /// RSA, whose signatures are as long as the key's modulus.
    pub(crate) const fn signature_len(self) -> Option<usize> {
        match self.scheme() {
            Scheme::Hmac(digest) => Some(digest.output_len()),
            Scheme::Ecdsa(curve) => Some(curve.signature_len()),
            Scheme::Ed25519 => Some(eddsa::SIGNATURE_LEN),
            Scheme::RsaPkcs1(_) | Scheme::RsaPss(_) => None,
        }
    }

    /// The registered `alg` name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::HS256 => "HS256",
            Self::HS384 => "HS384",
            Self::HS512 => "HS512",
            Self::RS256 => "RS256",
            Self::RS384 => "RS384",
            Self::RS512 => "RS512",
            Self::ES256 => "ES256",
            Self::ES384 => "ES384",
            Self::PS256 => "PS256",
            Self::PS384 => "PS384",
            Self::PS512 => "PS512",
            Self::EdDSA => "EdDSA",
        }
    }

    /// The key family this algorithm needs.
    ///
    /// ```
    /// use jwt_core::{Algorithm, KeyFamily};
    /// assert_eq!(Algorithm::HS384.family(), KeyFamily::Hmac);
    /// assert_eq!(Algorithm::PS256.family(), KeyFamily::Rsa);
    /// assert_eq!(Algorithm::ES384.family(), KeyFamily::Ec);
    /// ```
    pub const fn family(self) -> KeyFamily {
        match self.scheme() {
            Scheme::Hmac(_) => KeyFamily::Hmac,
            Scheme::RsaPkcs1(_) | Scheme::RsaPss(_) => KeyFamily::Rsa,
            Scheme::Ecdsa(_) => KeyFamily::Ec,
            Scheme::Ed25519 => KeyFamily::Ed25519,
        }
    }

    /// The curve of an `ES*` algorithm's keys; `None` for every other algorithm.
    ///
    /// ```
    /// use jwt_core::{Algorithm, EcCurve};
    /// assert_eq!(Algorithm::ES384.curve(), Some(EcCurve::P384));
    /// assert_eq!(Algorithm::PS256.curve(), None);
    /// ```
    pub const fn curve(self) -> Option<EcCurve> {
        match self.scheme() {
            Scheme::Ecdsa(curve) => Some(curve),
            _ => None,
        }
    }

    /// How this algorithm signs.
    pub(crate) const fn scheme(self) -> Scheme {
        match self {
            Self::HS256 => Scheme::Hmac(Sha2::Sha256),
            Self::HS384 => Scheme::Hmac(Sha2::Sha384),
            Self::HS512 => Scheme::Hmac(Sha2::Sha512),
            Self::RS256 => Scheme::RsaPkcs1(Sha2::Sha256),
            Self::RS384 => Scheme::RsaPkcs1(Sha2::Sha384),
            Self::RS512 => Scheme::RsaPkcs1(Sha2::Sha512),
            Self::ES256 => Scheme::Ecdsa(EcCurve::P256),
            Self::ES384 => Scheme::Ecdsa(EcCurve::P384),
            Self::PS256 => Scheme::RsaPss(Sha2::Sha256),
            Self::PS384 => Scheme::RsaPss(Sha2::Sha384),
            Self::PS512 => Scheme::RsaPss(Sha2::Sha512),
            Self::EdDSA => Scheme::Ed25519,
        }
    }

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Algorithm {
    type Err = Error;

    /// Parses a registered name exactly (names are case-sensitive, RFC 7515 section 4.1.1).
    /// `none` in any spelling is [`AlgorithmProblem::None`]; anything else unknown is
    /// [`AlgorithmProblem::Unsupported`].
    fn from_str(name: &str) -> Result<Self, Error> {
        if name.eq_ignore_ascii_case("none") {
            return Err(Error::InvalidAlgorithm(AlgorithmProblem::None));
        }
        Self::ALL
            .into_iter()
            .find(|alg| alg.name() == name)
            .ok_or_else(|| Error::InvalidAlgorithm(AlgorithmProblem::Unsupported(name.into())))
    }
}

/// A non-empty set of accepted algorithms: the verifier's allow-list.
///
/// ```
/// use jwt_core::{Algorithm, AlgorithmSet};
/// let set = AlgorithmSet::new(Algorithm::RS256).with(Algorithm::EdDSA);
/// assert!(set.contains(Algorithm::EdDSA));
/// assert!(!set.contains(Algorithm::HS256));
/// assert!(AlgorithmSet::from_names(["HS256", "none"]).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AlgorithmSet(u16);

impl AlgorithmSet {
    /// A set holding one algorithm.
    pub const fn new(alg: Algorithm) -> Self {
        Self(alg.bit())
    }

    /// This set plus `alg`.
    #[must_use]
    pub const fn with(self, alg: Algorithm) -> Self {
        Self(self.0 | alg.bit())
    }

    /// The set of the given algorithms; [`AlgorithmProblem::EmptyAllowList`] when there are none.
    pub fn from_algorithms(algs: impl IntoIterator<Item = Algorithm>) -> Result<Self, Error> {
        let bits = algs.into_iter().fold(0, |bits, alg| bits | alg.bit());
        if bits == 0 {
            return Err(Error::InvalidAlgorithm(AlgorithmProblem::EmptyAllowList));
        }
        Ok(Self(bits))
    }

    /// The set of the named algorithms; fails on an empty list, `none` or an unknown name.
    pub fn from_names<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Result<Self, Error> {
        let mut algs = alloc::vec::Vec::new();
        for name in names {
            algs.push(name.as_ref().parse()?);
        }
        Self::from_algorithms(algs)
    }

    /// The set of the named algorithms that this library implements, leaving out any other
    /// name and `none`: for settings written for a library with more algorithms, whose tokens
    /// naming one of those are then refused as unsupported. Fails with
    /// [`AlgorithmProblem::EmptyAllowList`] when no name is left.
    ///
    /// ```
    /// use jwt_core::{Algorithm, AlgorithmSet};
    /// let set = AlgorithmSet::from_known_names(["RS256", "XS999", "none"])?;
    /// assert_eq!(set, AlgorithmSet::new(Algorithm::RS256));
    /// assert!(AlgorithmSet::from_known_names(["none"]).is_err());
    /// # Ok::<(), jwt_core::Error>(())
    /// ```
    pub fn from_known_names<S: AsRef<str>>(
        names: impl IntoIterator<Item = S>,
    ) -> Result<Self, Error> {
        Self::from_algorithms(
            names
                .into_iter()
                .filter_map(|name| name.as_ref().parse().ok()),
        )
    }

    /// Whether `alg` is in the set.
    pub const fn contains(self, alg: Algorithm) -> bool {
        self.0 & alg.bit() != 0
    }

    /// The algorithms of the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = Algorithm> {
        Algorithm::ALL
            .into_iter()
            .filter(move |alg| self.contains(*alg))
    }
}

impl From<Algorithm> for AlgorithmSet {
    fn from(alg: Algorithm) -> Self {
        Self::new(alg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn names_round_trip() {
        for alg in Algorithm::ALL {
            assert_eq!(alg.name().parse::<Algorithm>(), Ok(alg));
        }
    }

    #[test]
    fn none_in_any_spelling_is_refused_as_none() {
        for name in ["none", "None", "NONE", "nOnE"] {
            assert_eq!(
                name.parse::<Algorithm>(),
                Err(Error::InvalidAlgorithm(AlgorithmProblem::None))
            );
        }
    }

    #[test]
    fn names_are_case_sensitive() {
        for name in [
            "hs256", "Hs256", "eddsa", "RS256 ", "", "es256", "Ps384", "ES512",
        ] {
            let err = name.parse::<Algorithm>().unwrap_err();
            assert_eq!(
                err,
                Error::InvalidAlgorithm(AlgorithmProblem::Unsupported(name.into()))
            );
        }
    }

    #[test]
    fn empty_allow_list_is_refused() {
        let err = AlgorithmSet::from_algorithms([]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidAlgorithm);
        assert_eq!(AlgorithmSet::from_names::<&str>([]).unwrap_err(), err);
    }

    #[test]
    fn every_algorithm_has_its_own_bit_and_family() {
        let set = AlgorithmSet::from_algorithms(Algorithm::ALL).unwrap();
        assert_eq!(set.iter().collect::<alloc::vec::Vec<_>>(), Algorithm::ALL);
        for alg in Algorithm::ALL {
            assert_eq!(
                set.iter().filter(|other| other.bit() == alg.bit()).count(),
                1
            );
            let name = alg.name();
            let family = match &name[..2] {
                "HS" => KeyFamily::Hmac,
                "RS" | "PS" => KeyFamily::Rsa,
                "ES" => KeyFamily::Ec,
                _ => KeyFamily::Ed25519,
            };
            assert_eq!(alg.family(), family, "{name}");
            assert_eq!(alg.curve().is_some(), family == KeyFamily::Ec, "{name}");
        }
        assert_eq!(Algorithm::ES256.signature_len(), Some(64));
        assert_eq!(Algorithm::ES384.signature_len(), Some(96));
        assert_eq!(Algorithm::PS512.signature_len(), None);
    }

    #[test]
    fn set_iterates_its_members() {
        let set = AlgorithmSet::from_names(["EdDSA", "HS512"]).unwrap();
        assert_eq!(
            set.iter().collect::<alloc::vec::Vec<_>>(),
            [Algorithm::HS512, Algorithm::EdDSA]
        );
    }
}
