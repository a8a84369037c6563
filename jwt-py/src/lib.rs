//! `jwt_core._native`: jwt-core for Python. The Python package `jwt_core` around it shapes
//! PyJWT's API; this module converts types and errors and leaves every decision to jwt-core.

mod api;
mod convert;
mod errors;
mod keys;
mod options;

use pyo3::prelude::*;

/// The native module of `jwt_core`.
#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<keys::Key>()?;
    module.add_function(wrap_pyfunction!(api::decode, module)?)?;
    module.add_function(wrap_pyfunction!(api::decode_complete, module)?)?;
    module.add_function(wrap_pyfunction!(api::encode, module)?)?;
    module.add_function(wrap_pyfunction!(api::get_unverified_header, module)?)?;
    module.add_function(wrap_pyfunction!(api::encode_jws, module)?)?;
    module.add_function(wrap_pyfunction!(api::decode_jws, module)?)?;
    module.add_function(wrap_pyfunction!(keys::is_pem_format, module)?)?;
    module.add_function(wrap_pyfunction!(keys::is_ssh_key, module)?)?;
    let algorithms: Vec<&str> = jwt_core::Algorithm::ALL
        .iter()
        .map(|alg| alg.name())
        .collect();
    module.add("ALGORITHMS", algorithms)?;
    Ok(())
}
