//! The operating system's random number generator, for key generation and PSS salts (the
//! `getrandom` feature, which `std` includes).

pub(crate) use getrandom::SysRng;
use getrandom::rand_core::UnwrapErr;

use crate::error::{KeyProblem, Result};

/// A cryptographic RNG over the OS source. A failing OS source is unrecoverable here (the
/// `rsa` crate's generator takes an infallible RNG), so it panics rather than make a weak key.
pub(crate) type OsRng = UnwrapErr<SysRng>;

/// The OS RNG for the `rsa` crate's key generation.
pub(crate) fn os_rng() -> OsRng {
    UnwrapErr(SysRng)
}

/// `N` random bytes from the OS.
pub(crate) fn bytes<const N: usize>() -> Result<zeroize::Zeroizing<[u8; N]>> {
    let mut bytes = zeroize::Zeroizing::new([0u8; N]);
    getrandom::fill(bytes.as_mut()).map_err(|_| KeyProblem::RandomnessUnavailable)?;
    Ok(bytes)
}

/// A key of type `K` drawn from the OS, or [`KeyProblem::RandomnessUnavailable`].
pub(crate) fn generate<K: p256::elliptic_curve::Generate>() -> Result<K> {
    K::try_generate_from_rng(&mut SysRng).map_err(|_| KeyProblem::RandomnessUnavailable.into())
}
