//! Internals exposed for the fuzz targets that compare them with reference implementations
//! (as rustls does): hidden from the documentation, with no stability promise. Nothing here is
//! meant for applications.

pub use crate::alg::rsa::montgomery::Modulus;
