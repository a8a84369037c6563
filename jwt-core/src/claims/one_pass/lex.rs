//! JSON tokens at the byte level: whitespace, strings and numbers, each read exactly as
//! `serde_json` reads it, or refused (`None`) where `serde_json` would refuse it or might read
//! it differently. A refusal only sends the payload down the two-pass way.

use alloc::string::String;

use super::super::JsonNumber;
use super::super::plain;

/// Whether `byte` is JSON whitespace.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\n' | b'\r' | b'\t')
}

/// The index of the first byte at or after `pos` that is not whitespace.
pub(super) fn skip_space(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(|&byte| is_space(byte)) {
        pos += 1;
    }
    pos
}

/// A string read by [`string`].
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Str<'de> {
    /// Without escapes: borrowed from the input.
    Borrowed(&'de str),
    /// With escapes: unescaped into the scratch buffer.
    Escaped,
}

/// Reads the string whose opening quote is just before `pos` in `text`; returns it and the
/// index after its closing quote. Refuses control characters, unknown escapes and `\u`
/// escapes of surrogates (which `serde_json` pairs up or refuses).
#[inline]
pub(super) fn string<'de>(
    text: &'de str,
    pos: usize,
    scratch: &mut String,
) -> Option<(Str<'de>, usize)> {
    let stop = plain::run_end(text.as_bytes(), pos);
    if text.as_bytes().get(stop) == Some(&b'"') {
        return Some((Str::Borrowed(text.get(pos..stop)?), stop + 1));
    }
    escaped_string(text, pos, stop, scratch)
}

/// [`string`] from its first stop at `stop` on, where it is not the closing quote.
#[inline(never)]
fn escaped_string<'de>(
    text: &'de str,
    pos: usize,
    mut stop: usize,
    scratch: &mut String,
) -> Option<(Str<'de>, usize)> {
    let bytes = text.as_bytes();
    scratch.clear();
    let mut run = pos;
    loop {
        match *bytes.get(stop)? {
            b'"' => {
                scratch.push_str(text.get(run..stop)?);
                return Some((Str::Escaped, stop + 1));
            }
            b'\\' => {
                scratch.push_str(text.get(run..stop)?);
                run = unescape(bytes, stop + 1, scratch)?;
                stop = plain::run_end(bytes, run);
            }
            _ => return None,
        }
    }
}

/// Appends the character of the escape whose letter is at `pos` to `out`; returns the index
/// after the escape.
fn unescape(bytes: &[u8], pos: usize, out: &mut String) -> Option<usize> {
    let unescaped = match *bytes.get(pos)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let hex = bytes.get(pos + 1..pos + 5)?;
            let code = hex.iter().try_fold(0u32, |code, &digit| {
                Some(code << 4 | char::from(digit).to_digit(16)?)
            })?;
            out.push(char::from_u32(code)?);
            return Some(pos + 5);
        }
        _ => return None,
    };
    out.push(unescaped);
    Some(pos + 1)
}

/// Reads the number at `pos` in `text` (its `-` or first digit); returns it and the index
/// after it. Integers become [`JsonNumber::U64`] or [`JsonNumber::I64`] by `serde_json`'s
/// rules (`-0` and negatives below `i64::MIN` are floats), anything else a correctly rounded
/// [`JsonNumber::F64`]; numbers out of the `f64` range are refused.
///
/// Always inlined (see PERF.md).
#[inline(always)]
pub(super) fn number(text: &str, pos: usize) -> Option<(JsonNumber, usize)> {
    let bytes = text.as_bytes();
    let negative = bytes.get(pos) == Some(&b'-');
    let digits = pos + usize::from(negative);
    // The integer part, accumulated as it is scanned, eight digits at a time while there are
    // eight (up to 19 digits cannot overflow; more wrap, and are read again as a float).
    let mut magnitude = 0u64;
    let mut end = digits;
    while let Some(eight) = eight_digits(bytes, end) {
        magnitude = magnitude.wrapping_mul(100_000_000).wrapping_add(eight);
        end += 8;
    }
    while let Some(digit) = bytes.get(end).map(|byte| byte.wrapping_sub(b'0')) {
        if digit > 9 {
            break;
        }
        magnitude = magnitude.wrapping_mul(10).wrapping_add(u64::from(digit));
        end += 1;
    }
    let integer_digits = end - digits;
    // No digit, or a leading zero before more digits, is not a JSON number.
    if integer_digits == 0 || (integer_digits > 1 && bytes.get(digits) == Some(&b'0')) {
        return None;
    }
    let fraction_or_exponent = matches!(bytes.get(end), Some(b'.' | b'e' | b'E'));
    if !fraction_or_exponent && integer_digits <= 19 {
        return Some((signed(negative, magnitude), end));
    }
    float(text, pos, end)
}

/// The value of the eight bytes at `pos` if they are all decimal digits: the digits in pairs,
/// the pairs in fours, the fours in one, by three multiplications (see PERF.md).
fn eight_digits(bytes: &[u8], pos: usize) -> Option<u64> {
    let chunk = bytes.get(pos..)?.first_chunk::<8>()?;
    let word = u64::from_le_bytes(*chunk);
    // Each byte is 0x30 to 0x39 exactly if its high nibble is 3, and still 3 once 6 is added.
    let high = |word: u64| word & 0xf0f0_f0f0_f0f0_f0f0;
    if high(word) | high(word.wrapping_add(0x0606_0606_0606_0606)) >> 4 != 0x3333_3333_3333_3333 {
        return None;
    }
    // The first digit is the lowest byte: each step multiplies the lower half by the power
    // of ten that the upper half spans and adds them.
    let pairs = (word & 0x0f0f_0f0f_0f0f_0f0f).wrapping_mul(10 << 8 | 1) >> 8;
    let fours = (pairs & 0x00ff_00ff_00ff_00ff).wrapping_mul(100 << 16 | 1) >> 16;
    Some((fours & 0x0000_ffff_0000_ffff).wrapping_mul(10_000 << 32 | 1) >> 32)
}

/// Reads the rest of the number at `pos` whose integer part ends at `end`: a fraction, an
/// exponent, or an integer of 20 digits or more. Refuses what is not a JSON number, and
/// floats beyond the `f64` range.
fn float(text: &str, pos: usize, mut end: usize) -> Option<(JsonNumber, usize)> {
    let bytes = text.as_bytes();
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let skip_digits = |mut at: usize| {
        while digit(at) {
            at += 1;
        }
        at
    };
    let integer_end = end;
    if bytes.get(end) == Some(&b'.') {
        if !digit(end + 1) {
            return None;
        }
        end = skip_digits(end + 1);
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        end += 1;
        if matches!(bytes.get(end), Some(b'+' | b'-')) {
            end += 1;
        }
        if !digit(end) {
            return None;
        }
        end = skip_digits(end);
    }
    let literal = text.get(pos..end)?;
    if end == integer_end {
        // Twenty digits may still fit in a u64.
        let (negative, digits) = match literal.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, literal),
        };
        if let Ok(magnitude) = digits.parse::<u64>() {
            return Some((signed(negative, magnitude), end));
        }
    }
    let float: f64 = literal.parse().ok()?;
    float.is_finite().then_some((JsonNumber::F64(float), end))
}

/// An integer of `magnitude` as `serde_json` types it: `u64` if positive, `i64` if negative,
/// and a float for `-0` and for negatives below `i64::MIN`.
#[allow(
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss,
    reason = "serde_json's own conversions, which the result must equal"
)]
fn signed(negative: bool, magnitude: u64) -> JsonNumber {
    if !negative {
        return JsonNumber::U64(magnitude);
    }
    let value = (magnitude as i64).wrapping_neg();
    if value >= 0 {
        JsonNumber::F64(-(magnitude as f64))
    } else {
        JsonNumber::I64(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The number `serde_json` reads from `json`, as a [`JsonNumber`].
    fn serde_number(json: &str) -> Option<JsonNumber> {
        let value: Value = serde_json::from_str(json).ok()?;
        let number = value.as_number()?;
        Some(if let Some(n) = number.as_u64() {
            JsonNumber::U64(n)
        } else if let Some(n) = number.as_i64() {
            JsonNumber::I64(n)
        } else {
            JsonNumber::F64(number.as_f64()?)
        })
    }

    /// Our reading of the whole of `json` as one number.
    fn our_number(json: &str) -> Option<JsonNumber> {
        number(json, 0)
            .filter(|&(_, end)| end == json.len())
            .map(|(n, _)| n)
    }

    fn same(a: Option<JsonNumber>, b: Option<JsonNumber>) -> bool {
        match (a, b) {
            (Some(JsonNumber::U64(a)), Some(JsonNumber::U64(b))) => a == b,
            (Some(JsonNumber::I64(a)), Some(JsonNumber::I64(b))) => a == b,
            (Some(JsonNumber::F64(a)), Some(JsonNumber::F64(b))) => a.to_bits() == b.to_bits(),
            (None, None) => true,
            _ => false,
        }
    }

    #[test]
    fn eight_digits_are_read_at_once_and_only_digits() {
        assert_eq!(eight_digits(b"12345678", 0), Some(12_345_678));
        assert_eq!(eight_digits(b"x00000009", 1), Some(9));
        assert_eq!(eight_digits(b"99999999", 0), Some(99_999_999));
        assert_eq!(eight_digits(b"1234567", 0), None);
        for byte in [
            b'/',
            b':',
            b'a',
            b'-',
            b'.',
            b'e',
            0,
            0x80,
            0xb0,
            0x39 + 0x10,
        ] {
            for at in 0..8 {
                let mut bytes = *b"12345678";
                bytes[at] = byte;
                assert_eq!(eight_digits(&bytes, 0), None, "{byte:#x} at {at}");
            }
        }
    }

    #[test]
    fn numbers_as_serde_json_reads_them() {
        for json in [
            "0",
            "-0",
            "7",
            "-7",
            "1700000000",
            "18446744073709551615",
            "18446744073709551616",
            "123456789012345678901234567890",
            "-9223372036854775808",
            "-9223372036854775809",
            "-18446744073709551615",
            "1.5",
            "-0.0",
            "1e3",
            "1E+3",
            "2.5e-3",
            "4.4531768524178196e-88",
            "1.7976931348623157e308",
            "5e-324",
            "1e-400",
            "1e999",
            "-1e999",
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "1e+",
            "+1",
            "--1",
            "0x10",
        ] {
            assert!(
                same(our_number(json), serde_number(json)),
                "{json}: {:?} vs {:?}",
                our_number(json),
                serde_number(json)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn random_numbers_as_serde_json_reads_them(
            negative in proptest::bool::ANY,
            int in "[0-9]{1,25}",
            frac in proptest::option::of("[0-9]{1,20}"),
            exp in proptest::option::of("[eE][+-]?[0-9]{1,3}"),
        ) {
            let json = alloc::format!(
                "{}{int}{}{}",
                if negative { "-" } else { "" },
                frac.map(|f| alloc::format!(".{f}")).unwrap_or_default(),
                exp.unwrap_or_default(),
            );
            proptest::prop_assert!(same(our_number(&json), serde_number(&json)), "{}", json);
        }

        #[test]
        fn strings_as_serde_json_reads_them(text in "(\\PC|\\\\[\"\\\\/bfnrtux]|\\\\u[0-9a-fA-F]{4}|[\u{0}-\u{1f}\"]){0,40}") {
            let json = alloc::format!("\"{text}\"");
            let mut scratch = String::new();
            let ours = string(&json, 1, &mut scratch)
                .filter(|&(_, end)| end == json.len())
                .map(|(read, _)| match read {
                    Str::Borrowed(text) => String::from(text),
                    Str::Escaped => scratch.clone(),
                });
            let theirs: Option<String> = serde_json::from_str(&json).ok();
            // Surrogate escapes are left to serde_json; nothing else may differ.
            if ours.is_some() || !has_surrogate_escape(&text) {
                proptest::prop_assert_eq!(ours, theirs, "{}", json);
            }
        }
    }

    /// Whether `text` has a `\u` escape of a UTF-16 surrogate.
    fn has_surrogate_escape(text: &str) -> bool {
        text.as_bytes().windows(4).any(|window| {
            window[..2] == *b"\\u"
                && window[2].eq_ignore_ascii_case(&b'd')
                && matches!(window[3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f')
        })
    }

    #[test]
    fn strings_stop_at_quotes_escapes_and_control_characters() {
        let mut scratch = String::new();
        let long = "x".repeat(30);
        let json = alloc::format!("{long}é\"rest");
        assert_eq!(
            string(&json, 0, &mut scratch),
            Some((Str::Borrowed(&json[..json.len() - 5]), json.len() - 4))
        );
        assert_eq!(
            string(r#"a\"b\u00e9\/"x"#, 0, &mut scratch),
            Some((Str::Escaped, 13))
        );
        assert_eq!(scratch, "a\"bé/");
        for refused in ["abc", "a\u{1f}b\"", "a\\x\"", "\\ud800\"", "\\u12\"", "\\"] {
            assert_eq!(string(refused, 0, &mut scratch), None, "{refused:?}");
        }
    }

    #[test]
    fn whitespace_is_json_whitespace() {
        assert_eq!(skip_space(b" \t\r\n x", 0), 5);
        assert_eq!(skip_space(b"\x0c", 0), 0);
        assert_eq!(skip_space(b"  ", 1), 2);
    }
}
