//! Random values from the operating system: user ids, token families, `jti`s and refresh
//! tokens.

use base64ct::{Base64UrlUnpadded, Encoding};
use zeroize::Zeroizing;

/// `N` random bytes, base64url-encoded.
pub fn base64url<const N: usize>() -> Result<Zeroizing<String>, getrandom::Error> {
    let mut bytes = Zeroizing::new([0u8; N]);
    getrandom::fill(bytes.as_mut())?;
    Ok(Zeroizing::new(Base64UrlUnpadded::encode_string(
        bytes.as_ref(),
    )))
}

/// A new opaque identifier: 128 random bits, 22 base64url characters.
pub fn id() -> Result<String, getrandom::Error> {
    base64url::<16>().map(|id| id.as_str().to_owned())
}
