//! Runs of plain JSON string content: bytes that a string holds as they are, without an
//! escape. A run ends at `"`, `\\` or a control character below 0x20; the reader stops there
//! to close or unescape, the writer to escape.

/// `byte` in every byte of a word.
const fn splat(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The bytes of `word` (little-endian) that end a run of plain string content (`"`, `\\`, a
/// control character below 0x20), each flagged by its high bit. The lowest flag is exact;
/// flags above it may be false (a borrow carries upwards), and nothing reads them.
fn stops(word: u64) -> u64 {
    let zero = |word: u64| word.wrapping_sub(splat(1)) & !word;
    let control = word.wrapping_sub(splat(0x20)) & !word;
    (control | zero(word ^ splat(b'"')) | zero(word ^ splat(b'\\'))) & splat(0x80)
}

/// The eight bytes of `bytes` from `pos` on as a little-endian word, zeros past the end.
pub(super) fn word_at(bytes: &[u8], pos: usize) -> u64 {
    let Some(rest) = bytes.get(pos..).filter(|rest| !rest.is_empty()) else {
        return 0;
    };
    if let Some(chunk) = rest.first_chunk::<8>() {
        return u64::from_le_bytes(*chunk);
    }
    // Fewer than 8 bytes are left. If there are 8 bytes in all, the last 8 hold them: shifted
    // down, the bytes before `pos` drop out and zeros come in (see PERF.md).
    match bytes.last_chunk::<8>() {
        Some(last) => u64::from_le_bytes(*last) >> (8 * (8 - rest.len())),
        None => short_word(rest),
    }
}

/// The bytes of `bytes`, fewer than 8, as a little-endian word, zeros past the end: from two
/// loads that may overlap, without a loop (names and short values are this short).
fn short_word(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    let (low, high, high_at) = if let (Some(first), Some(last)) =
        (bytes.first_chunk::<4>(), bytes.last_chunk::<4>())
    {
        // 4 to 7 bytes: the first four, and the last four shifted to where they belong.
        (
            u32::from_le_bytes(*first),
            u32::from_le_bytes(*last),
            len - 4,
        )
    } else if let (Some(first), Some(last)) = (bytes.first_chunk::<2>(), bytes.last_chunk::<2>()) {
        // 2 or 3 bytes, likewise.
        (
            u32::from(u16::from_le_bytes(*first)),
            u32::from(u16::from_le_bytes(*last)),
            len - 2,
        )
    } else {
        (bytes.first().map_or(0, |&byte| u32::from(byte)), 0, 0)
    };
    u64::from(low) | u64::from(high) << (8 * high_at)
}

/// How many bytes of plain string content `word` (from [`word_at`]) starts with: 8 if all of
/// it is. A zero byte past the end of the text counts as a control character, so the count
/// never runs past the end.
pub(super) fn plain_len(word: u64) -> usize {
    (stops(word).trailing_zeros() / 8) as usize
}

/// The index of the first byte at or after `pos` that ends a run of plain string content;
/// `bytes.len()` if there is none. Eight bytes at a time.
#[inline]
pub(super) fn run_end(bytes: &[u8], mut pos: usize) -> usize {
    loop {
        let plain = plain_len(word_at(bytes, pos));
        if plain < 8 {
            return (pos + plain).min(bytes.len());
        }
        pos += 8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn stop_search_agrees_with_a_byte_loop(
            bytes in proptest::collection::vec(
                proptest::sample::select(alloc::vec![b'a', b'"', b'\\', 0x1f, 0x20, 0x7f, 0x80, 0xdf, 0xff]),
                0..40,
            ),
            pos in 0usize..45,
        ) {
            let naive = bytes
                .iter()
                .skip(pos)
                .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)
                .map_or(bytes.len(), |i| pos + i);
            proptest::prop_assert_eq!(run_end(&bytes, pos), naive);
            let mut padded = bytes.get(pos..).unwrap_or_default().to_vec();
            padded.resize(8, 0);
            padded.truncate(8);
            let word = u64::from_le_bytes(padded.try_into().unwrap());
            proptest::prop_assert_eq!(word_at(&bytes, pos), word);
        }
    }
}
