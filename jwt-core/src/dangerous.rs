//! Operations that weaken the guarantees of this crate. Each has a legitimate use (reading a
//! token for logging or debugging, talking to a legacy system with a short secret), and each
//! is a vulnerability when used anywhere an authorization decision is made.

use serde::de::DeserializeOwned;

use crate::alg::hmac::HmacKey;
use crate::error::{KeyProblem, Result};
use crate::token::TokenData;

pub use crate::unverified::UnverifiedToken;

/// Decodes a token's header and claims **without verifying the signature or validating any
/// claim**. Structure, encoding, JSON strictness and the registered claims' types are still
/// checked. Never base an authorization decision on the result: anyone can mint such a token.
///
/// ```
/// use jwt_core::{dangerous, Claims};
/// let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.AAAA"; // signature is garbage
/// let data = dangerous::decode_unverified::<Claims>(token)?;
/// assert_eq!(data.claims["sub"], "admin");
/// # Ok::<(), jwt_core::Error>(())
/// ```
pub fn decode_unverified<C: DeserializeOwned>(token: impl AsRef<[u8]>) -> Result<TokenData<C>> {
    UnverifiedToken::parse(token.as_ref())?.into_token_data()
}

/// An HMAC key from a secret shorter than the hash output, for interoperating with legacy
/// issuers. Such a secret may be brute-forced offline from a single token. Empty secrets are
/// still refused.
///
/// ```
/// use jwt_core::dangerous;
/// let key = dangerous::insecure_short_hmac_key(b"legacy-secret")?;
/// assert_eq!(key.len(), 13);
/// assert!(dangerous::insecure_short_hmac_key(b"").is_err());
/// # Ok::<(), jwt_core::Error>(())
/// ```
pub fn insecure_short_hmac_key(secret: &[u8]) -> Result<HmacKey> {
    if secret.is_empty() {
        return Err(KeyProblem::SecretTooShort { len: 0, min: 1 }.into());
    }
    HmacKey::new_unchecked_length(secret)
}
