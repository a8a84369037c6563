//! Access tokens and the signing keys behind them. Every call into jwt-core is in this file:
//! the server decides the policy (claims, lifetime, which keys), jwt-core signs and verifies.

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use jwt_core::{
    Algorithm, AlgorithmSet, Claim, ErrorKind, Header, KeyRing, SigningKey, Validation,
};
use serde::{Deserialize, Serialize};

use crate::random;
use crate::store::{Store, StoreError, StoredKey, User};

/// The `typ` of our access tokens (RFC 9068), so that no other JWT of ours passes for one.
const ACCESS_TOKEN_TYPE: &str = "at+jwt";

/// How often, at most, a token signed by a key this instance does not know makes it reload
/// the key set (another instance may have rotated).
const UNKNOWN_KEY_RELOAD: Duration = Duration::from_secs(5);

/// The claims of an access token.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The issuer (configuration).
    pub iss: String,
    /// The audience (configuration).
    pub aud: String,
    /// The user's id.
    pub sub: String,
    /// Issued at, seconds since the epoch.
    pub iat: u64,
    /// Expires at, seconds since the epoch.
    pub exp: u64,
    /// A unique id for this token.
    pub jti: String,
    /// The user's role when the token was issued.
    pub role: String,
}

/// An access token and its lifetime in seconds, as RFC 6749 section 5.1 names them.
#[derive(Debug, Serialize)]
pub struct Issued {
    /// The signed JWT.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until it expires.
    pub expires_in: u64,
}

/// What access tokens say and how long they live.
#[derive(Clone, Debug)]
pub struct Policy {
    /// The `iss` of every token, and the only one accepted.
    pub issuer: String,
    /// The `aud` of every token, and the only one accepted.
    pub audience: String,
    /// Lifetime of an access token, in seconds.
    pub access_ttl: u64,
    /// How often each instance reloads the key set from the store, in seconds.
    pub key_reload: u64,
}

impl Policy {
    /// How long a rotated-out key must keep verifying: its last token may be signed up to
    /// one reload interval after the rotation (by an instance that has not reloaded yet) and
    /// then lives one access-token lifetime; a minute on top for clock differences.
    pub fn retirement_delay(&self) -> u64 {
        self.access_ttl + self.key_reload + 60
    }
}

/// Signs and verifies access tokens with the key set of the store.
pub struct Tokens {
    store: Arc<dyn Store>,
    policy: Policy,
    keys: RwLock<Arc<Keys>>,
    last_unknown_key_reload: Mutex<Option<Instant>>,
}

/// One loaded key set.
struct Keys {
    ring: KeyRing,
    #[cfg_attr(feature = "dangerous-unverified-tokens", allow(dead_code))]
    validation: Validation,
    jwks: Arc<str>,
}

impl Tokens {
    /// Loads the store's key set, generating the first key (for `algorithm`) if there is
    /// none yet.
    pub async fn load(
        store: Arc<dyn Store>,
        policy: Policy,
        algorithm: Algorithm,
    ) -> Result<Self, KeyError> {
        let now = crate::now();
        if store.signing_keys(now).await?.is_empty() {
            let key = generate(algorithm)?;
            // Another instance starting at the same time may win; its key is then the one.
            store.insert_first_key(&key, now).await?;
        }
        let keys = load_keys(store.as_ref(), &policy).await?;
        Ok(Self {
            store,
            policy,
            keys: RwLock::new(Arc::new(keys)),
            last_unknown_key_reload: Mutex::new(None),
        })
    }

    /// Reloads the key set from the store (picks up a rotation made elsewhere).
    pub async fn reload(&self) -> Result<(), KeyError> {
        let keys = load_keys(self.store.as_ref(), &self.policy).await?;
        *self.keys.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(keys);
        Ok(())
    }

    fn current(&self) -> Arc<Keys> {
        self.keys
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// A new access token for `user`, signed with the current key.
    pub fn issue(&self, user: &User) -> Result<Issued, KeyError> {
        let now = crate::unix_seconds();
        let claims = AccessClaims {
            iss: self.policy.issuer.clone(),
            aud: self.policy.audience.clone(),
            sub: user.id.clone(),
            iat: now,
            exp: now + self.policy.access_ttl,
            jti: random::id()?,
            role: user.role.clone(),
        };
        let header = Header::new().with_typ(ACCESS_TOKEN_TYPE);
        Ok(Issued {
            access_token: self.current().ring.encode(&header, &claims)?,
            token_type: "Bearer",
            expires_in: self.policy.access_ttl,
        })
    }

    /// The claims of `token` if it is one of our access tokens and valid now.
    pub async fn verify(&self, token: &str) -> Result<AccessClaims, Rejection> {
        match self.current().decode(token) {
            Err(Rejection(ErrorKind::UnknownKeyId)) if self.may_reload_for_unknown_key() => {
                self.reload().await.map_err(|err| {
                    tracing::error!("reloading the signing keys failed: {err}");
                    Rejection(ErrorKind::UnknownKeyId)
                })?;
                self.current().decode(token)
            }
            verdict => verdict,
        }
    }

    fn may_reload_for_unknown_key(&self) -> bool {
        let mut last = self
            .last_unknown_key_reload
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let due = last.is_none_or(|at| at.elapsed() >= UNKNOWN_KEY_RELOAD);
        if due {
            *last = Some(Instant::now());
        }
        due
    }

    /// The public keys as a JWK Set (empty for HMAC keys, which have no public form).
    pub fn jwks(&self) -> Arc<str> {
        self.current().jwks.clone()
    }

    /// How often to reload the key set.
    pub fn reload_interval(&self) -> Duration {
        Duration::from_secs(self.policy.key_reload)
    }
}

impl Keys {
    fn decode(&self, token: &str) -> Result<AccessClaims, Rejection> {
        #[cfg(not(feature = "dangerous-unverified-tokens"))]
        let decoded = self.ring.decode::<AccessClaims>(token, &self.validation);
        // The load check's baseline (benches/auth-server-load): the same route, the claims
        // read but neither the signature nor a claim checked, so the cost of verifying shows.
        #[cfg(feature = "dangerous-unverified-tokens")]
        let decoded = jwt_core::dangerous::decode_unverified::<AccessClaims>(token);
        decoded
            .map(|verified| verified.claims)
            .map_err(|err| Rejection(err.kind()))
    }
}

/// Why an access token was refused: jwt-core's stable error kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rejection(pub ErrorKind);

impl Rejection {
    /// A short description for `error_description` (RFC 6750): the kind of failure, never
    /// anything about the key or the bytes.
    pub fn description(self) -> &'static str {
        match self.0 {
            ErrorKind::Expired => "the access token expired",
            ErrorKind::InvalidSignature => "the signature does not verify",
            ErrorKind::UnknownKeyId => "the token names an unknown signing key",
            ErrorKind::InvalidIssuer => "the token has another issuer",
            ErrorKind::InvalidAudience => "the token is meant for another audience",
            ErrorKind::InvalidType => "the token is not an access token",
            ErrorKind::InvalidAlgorithm | ErrorKind::KeyAlgorithmMismatch => {
                "the token's algorithm is not accepted"
            }
            ErrorKind::NotYetValid | ErrorKind::ImmatureIssuedAt => "the token is not valid yet",
            ErrorKind::MissingRequiredClaim => "the token lacks a required claim",
            ErrorKind::TokenTooLarge => "the token is too large",
            _ => "the token is malformed",
        }
    }
}

/// Makes a new signing key for `algorithm` the current one; the previous key keeps
/// verifying until its tokens have expired. Returns the new key id.
pub async fn rotate(
    store: &dyn Store,
    policy: &Policy,
    algorithm: Algorithm,
) -> Result<String, KeyError> {
    let key = generate(algorithm)?;
    let now = crate::now();
    let delay = i64::try_from(policy.retirement_delay()).unwrap_or(i64::MAX);
    store
        .rotate_key(&key, now, now.saturating_add(delay))
        .await?;
    Ok(key.kid)
}

/// A new random key for `algorithm`, named by its thumbprint, as the store keeps it.
fn generate(algorithm: Algorithm) -> Result<StoredKey, KeyError> {
    let key = SigningKey::generate(algorithm)?.with_thumbprint_kid();
    let jwk = key.to_private_jwk()?.to_string();
    Ok(StoredKey {
        kid: key.kid().ok_or(KeyError::Unnamed)?.to_owned(),
        algorithm: algorithm.to_string(),
        private_jwk: jwk.into(),
    })
}

/// The store's key set as a ring: the newest key signs, every one verifies.
async fn load_keys(store: &dyn Store, policy: &Policy) -> Result<Keys, KeyError> {
    let stored = store.signing_keys(crate::now()).await?;
    let mut keys = stored
        .iter()
        .rev()
        .map(|stored| {
            let algorithm = Algorithm::from_str(&stored.algorithm)?;
            SigningKey::from_jwk(algorithm, &stored.private_jwk.parse()?)
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter();
    let mut ring = KeyRing::new(keys.next().ok_or(KeyError::NoKey)?)?;
    for older in keys {
        ring.add_verifying_key(older.verifying_key())?;
    }
    // Each key is bound to its algorithm, so accepting exactly the algorithms of our own
    // keys accepts nothing a key would not: an instance configured for RS256 still verifies
    // the EdDSA tokens signed before the switch.
    let algorithms = AlgorithmSet::from_algorithms(
        ring.key_set()
            .keys()
            .iter()
            .filter_map(jwt_core::VerifyingKey::algorithm),
    )?;
    let validation = Validation::new(algorithms)
        .issuer(policy.issuer.clone())
        .audience(policy.audience.clone())
        .typ(ACCESS_TOKEN_TYPE)
        .required_claims([Claim::Sub, Claim::Iat, Claim::Jti]);
    let jwks = ring.jwk_set().to_string();
    Ok(Keys {
        ring,
        validation,
        jwks: jwks.into(),
    })
}

/// Why the key set could not be loaded, made or used.
#[derive(Debug)]
pub enum KeyError {
    /// The store failed.
    Store(StoreError),
    /// jwt-core refused a stored key or failed to sign.
    Jwt(jwt_core::Error),
    /// The operating system's random number generator failed.
    Random(getrandom::Error),
    /// The store has no signing key.
    NoKey,
    /// A generated key has no key id.
    Unnamed,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Store(err) => err.fmt(f),
            Self::Jwt(err) => write!(f, "signing key: {err}"),
            Self::Random(err) => write!(f, "random number generator: {err}"),
            Self::NoKey => f.write_str("the store has no signing key"),
            Self::Unnamed => f.write_str("a generated signing key has no key id"),
        }
    }
}

impl std::error::Error for KeyError {}

impl From<StoreError> for KeyError {
    fn from(err: StoreError) -> Self {
        Self::Store(err)
    }
}

impl From<jwt_core::Error> for KeyError {
    fn from(err: jwt_core::Error) -> Self {
        Self::Jwt(err)
    }
}

impl From<getrandom::Error> for KeyError {
    fn from(err: getrandom::Error) -> Self {
        Self::Random(err)
    }
}
