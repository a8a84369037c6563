//! The clock validation reads when the caller passes none: JavaScript's `Date.now()`.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
}

/// Whole seconds since the epoch by `Date.now()`; a clock before 1970 reads as 0.
pub(crate) fn now() -> u64 {
    seconds(date_now())
}

/// Whole seconds of `milliseconds`, saturating; 0 for what is not a time after 1970.
fn seconds(milliseconds: f64) -> u64 {
    if milliseconds.is_nan() || milliseconds < 0.0 {
        return 0;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked above; `as` saturates"
    )]
    let seconds = (milliseconds / 1000.0) as u64;
    seconds
}

#[cfg(test)]
mod tests {
    use super::seconds;

    #[test]
    fn milliseconds_round_down_to_seconds() {
        assert_eq!(seconds(1_700_000_000_999.0), 1_700_000_000);
        assert_eq!(seconds(0.0), 0);
        assert_eq!(seconds(-1.0), 0);
        assert_eq!(seconds(f64::NAN), 0);
        assert_eq!(seconds(f64::INFINITY), u64::MAX);
    }
}
