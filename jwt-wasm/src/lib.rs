//! jwt-core for JavaScript: the wasm-bindgen module under the npm package built into
//! `jwt-wasm/pkg` (see `jwt-wasm/README.md`).
//!
//! This crate only converts. JavaScript hands over tokens, keys and options; jwt-core parses,
//! verifies, validates and signs; the results and errors go back as plain values that the
//! package's JavaScript (`jwt-wasm/js/`) turns into jsonwebtoken's API. Nothing here decides
//! whether a token or key is acceptable.
//!
//! - [`keys`]: keys and key sets, parsed once and kept by JavaScript.
//! - [`convert`]: jsonwebtoken's verify options to a [`jwt_core::Validation`], header members
//!   to a [`jwt_core::Header`], and the header back to JSON.
//! - [`api`]: sign, verify and decode.
//! - [`exchange`]: plain verification: the memory JavaScript writes tokens into, and where it
//!   finds the verified claims' plan (`plan.rs`), which it builds their object from.
//! - [`errors`]: jwt-core's errors as the values `js/errors.js` turns into exceptions.

#![forbid(unsafe_code)]

pub mod api;
mod clock;
pub mod convert;
pub mod errors;
pub mod exchange;
pub mod keys;
mod plan;
