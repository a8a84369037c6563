//! HMAC (RFC 2104) straight on the SHA-2 compression functions: the inner and outer keyed
//! states are computed once per key, and a MAC compresses the message's whole blocks where
//! they lie, then one or two padded blocks on the stack and one outer block, into which the
//! inner hash is written straight from its state. A tag is compared with the MAC's bytes by
//! `subtle`. Nothing is buffered or copied per call beyond the 32- or 64-byte state.
//!
//! The keyed states are wiped when the key is dropped. What a MAC leaves on the stack is not
//! wiped: the tail of the message, the inner hash and the chaining states after it, none of
//! which gives the keyed states or any other MAC (the inner hash extended still needs the
//! outer keyed state to become one), at the cost of a volatile write per byte.

use sha2::block_api::{compress256, compress512};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// The widest compression function's block, in bytes.
const MAX_BLOCK: usize = 128;

/// A SHA-2 chaining state, and the compression function that updates it.
pub(crate) trait State: Copy + Zeroize {
    /// Bytes per block.
    const BLOCK_LEN: usize;
    /// Bytes of the message length field that ends the padding.
    const LENGTH_LEN: usize;

    /// Compresses `blocks`, whose length is a multiple of [`Self::BLOCK_LEN`], into `self`.
    fn compress(&mut self, blocks: &[u8]);

    /// Writes the words of `self`, big-endian, as far as `out` goes.
    fn output(&self, out: &mut [u8]);
}

/// [`State`] for the chaining state `[$word; 8]`, whose compression function is `$compress`.
macro_rules! state {
    ($doc:literal, $word:ty, $block:literal, $length:literal, $compress:ident) => {
        #[doc = $doc]
        impl State for [$word; 8] {
            const BLOCK_LEN: usize = $block;
            const LENGTH_LEN: usize = $length;

            fn compress(&mut self, blocks: &[u8]) {
                $compress(self, blocks.as_chunks().0);
            }

            fn output(&self, out: &mut [u8]) {
                for (bytes, word) in out.chunks_exact_mut(size_of::<$word>()).zip(self) {
                    bytes.copy_from_slice(&word.to_be_bytes());
                }
            }
        }
    };
}

state!("SHA-256's state.", u32, 64, 8, compress256);
state!("SHA-384's and SHA-512's state.", u64, 128, 16, compress512);

/// A SHA-2 hash: its state, initial state and output length.
pub(crate) trait Compression {
    /// The chaining state.
    type State: State;
    /// The output, [`OUTPUT_LEN`](Self::OUTPUT_LEN) bytes.
    type Output: AsRef<[u8]> + AsMut<[u8]>;
    /// An output of zeros, to write one into.
    const ZEROS: Self::Output;
    /// The initial state (FIPS 180-4 section 5.3).
    const INITIAL: Self::State;
    /// Bytes of output.
    const OUTPUT_LEN: usize;
}

/// SHA-256.
pub(crate) enum Sha256 {}

impl Compression for Sha256 {
    type State = [u32; 8];
    type Output = [u8; 32];
    const ZEROS: [u8; 32] = [0; 32];
    const INITIAL: [u32; 8] = [
        0x6a09_e667,
        0xbb67_ae85,
        0x3c6e_f372,
        0xa54f_f53a,
        0x510e_527f,
        0x9b05_688c,
        0x1f83_d9ab,
        0x5be0_cd19,
    ];
    const OUTPUT_LEN: usize = 32;
}

/// SHA-384: SHA-512's compression from its own initial state, the output cut to 48 bytes.
pub(crate) enum Sha384 {}

impl Compression for Sha384 {
    type State = [u64; 8];
    type Output = [u8; 48];
    const ZEROS: [u8; 48] = [0; 48];
    const INITIAL: [u64; 8] = [
        0xcbbb_9d5d_c105_9ed8,
        0x629a_292a_367c_d507,
        0x9159_015a_3070_dd17,
        0x152f_ecd8_f70e_5939,
        0x6733_2667_ffc0_0b31,
        0x8eb4_4a87_6858_1511,
        0xdb0c_2e0d_64f9_8fa7,
        0x47b5_481d_befa_4fa4,
    ];
    const OUTPUT_LEN: usize = 48;
}

/// SHA-512.
pub(crate) enum Sha512 {}

impl Compression for Sha512 {
    type State = [u64; 8];
    type Output = [u8; 64];
    const ZEROS: [u8; 64] = [0; 64];
    const INITIAL: [u64; 8] = [
        0x6a09_e667_f3bc_c908,
        0xbb67_ae85_84ca_a73b,
        0x3c6e_f372_fe94_f82b,
        0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1,
        0x9b05_688c_2b3e_6c1f,
        0x1f83_d9ab_fb41_bd6b,
        0x5be0_cd19_137e_2179,
    ];
    const OUTPUT_LEN: usize = 64;
}

/// Compresses the rest of a message, `tail_len` bytes (fewer than a block) that `tail`
/// writes, with its padding into `state`, for a message of `total` bytes in all.
fn finish<S: State>(state: &mut S, tail_len: usize, tail: impl FnOnce(&mut [u8]), total: usize) {
    let mut blocks = [0; 2 * MAX_BLOCK];
    let len = if tail_len + 1 + S::LENGTH_LEN <= S::BLOCK_LEN {
        S::BLOCK_LEN
    } else {
        2 * S::BLOCK_LEN
    };
    let padded = blocks.get_mut(..len).unwrap_or_default();
    let (message, padding) = padded.split_at_mut(tail_len.min(len));
    tail(message);
    // The marker bit after the message, zeros, and the message's length in bits as a 64- or
    // 128-bit big-endian number (a `usize` of bytes times 8 fits 128 bits).
    if let Some(marker) = padding.first_mut() {
        *marker = 0x80;
    }
    let bits = ((total as u128) << 3).to_be_bytes();
    let field = padding.len().saturating_sub(S::LENGTH_LEN);
    for (out, byte) in padding
        .iter_mut()
        .skip(field)
        .zip(bits.iter().skip(16 - S::LENGTH_LEN))
    {
        *out = *byte;
    }
    state.compress(padded);
}

/// Hashes `message` on from `state`, which has taken `before` bytes already (whole blocks):
/// the final state, whose words are the hash.
fn hash_from<S: State>(mut state: S, before: usize, message: &[u8]) -> S {
    let (blocks, tail) = message.split_at(message.len() - message.len() % S::BLOCK_LEN);
    state.compress(blocks);
    finish(
        &mut state,
        tail.len(),
        |out| copy_short(out, tail),
        before + message.len(),
    );
    state
}

/// Copies `bytes`, shorter than [`MAX_BLOCK`], into `out` of the same length with two
/// fixed-size copies that may overlap, not a call of `memcpy` for a handful of bytes.
fn copy_short(out: &mut [u8], bytes: &[u8]) {
    macro_rules! halves {
        ($($n:literal),*) => {$(
            if let (Some(first), Some(last)) = (bytes.first_chunk::<$n>(), bytes.last_chunk::<$n>()) {
                if let Some(out) = out.first_chunk_mut::<$n>() {
                    *out = *first;
                }
                if let Some(out) = out.last_chunk_mut::<$n>() {
                    *out = *last;
                }
                return;
            }
        )*};
    }
    halves!(64, 32, 16, 8, 4, 2, 1);
}

/// An HMAC key as its two keyed states: the compression function's state after the key
/// padded and xored with `ipad`, and with `opad`. Wiped on drop.
pub(crate) struct Hmac<H: Compression> {
    inner: H::State,
    outer: H::State,
}

impl<H: Compression> Clone for Hmac<H> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner,
            outer: self.outer,
        }
    }
}

impl<H: Compression> Hmac<H> {
    /// The keyed states of `secret`. A secret longer than a block is replaced by its hash.
    pub(crate) fn new(secret: &[u8]) -> Self {
        let mut key = [0; MAX_BLOCK];
        let block = key.get_mut(..H::State::BLOCK_LEN).unwrap_or_default();
        match block.get_mut(..secret.len()) {
            Some(start) => start.copy_from_slice(secret),
            None => hash_from(H::INITIAL, 0, secret)
                .output(block.get_mut(..H::OUTPUT_LEN).unwrap_or_default()),
        }
        let keyed = |block: &mut [u8], pad: u8| {
            block.iter_mut().for_each(|byte| *byte ^= pad);
            let mut state = H::INITIAL;
            state.compress(block);
            state
        };
        let inner = keyed(block, 0x36);
        // Xoring with 0x36 ^ 0x5c turns the ipad block into the opad block.
        let outer = keyed(block, 0x36 ^ 0x5c);
        key.zeroize();
        Self { inner, outer }
    }

    /// The final state of the MAC of `message`, whose words are the MAC.
    fn mac_state(&self, message: &[u8]) -> H::State {
        let block = H::State::BLOCK_LEN;
        let inner = hash_from(self.inner, block, message);
        // The outer message is the inner hash, written into its padded block in place.
        let mut outer = self.outer;
        let inner_hash = |out: &mut [u8]| inner.output(out);
        finish(&mut outer, H::OUTPUT_LEN, inner_hash, block + H::OUTPUT_LEN);
        outer
    }

    /// The MAC of `message`.
    pub(crate) fn mac(&self, message: &[u8]) -> H::Output {
        let mut mac = H::ZEROS;
        self.mac_state(message).output(mac.as_mut());
        mac
    }

    /// Whether `tag` is the MAC of `message`, in time that depends only on the lengths (which
    /// are public): `subtle` compares the MAC's bytes with the tag's.
    pub(crate) fn verify(&self, message: &[u8], tag: &[u8]) -> bool {
        bool::from(self.mac(message).as_ref().ct_eq(tag))
    }
}

impl<H: Compression> Drop for Hmac<H> {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{KeyInit, Mac};

    /// Our MAC of `message` under `secret` against the `hmac` crate's.
    fn agrees<H: Compression, M: Mac + KeyInit>(secret: &[u8], message: &[u8]) {
        let ours = Hmac::<H>::new(secret).mac(message).as_ref().to_vec();
        let mut mac = <M as KeyInit>::new_from_slice(secret).unwrap();
        mac.update(message);
        assert_eq!(
            ours,
            mac.finalize().into_bytes().to_vec(),
            "key {} bytes, message {} bytes",
            secret.len(),
            message.len()
        );
    }

    fn all_agree(secret: &[u8], message: &[u8]) {
        agrees::<Sha256, hmac::Hmac<sha2::Sha256>>(secret, message);
        agrees::<Sha384, hmac::Hmac<sha2::Sha384>>(secret, message);
        agrees::<Sha512, hmac::Hmac<sha2::Sha512>>(secret, message);
    }

    #[test]
    fn agrees_with_the_hmac_crate_around_every_block_and_padding_boundary() {
        let bytes: alloc::vec::Vec<u8> = (0..=600u32).map(|i| (i * 131 + 7) as u8).collect();
        for len in 0..=300 {
            all_agree(&bytes[..32], &bytes[300..300 + len]);
        }
        for key_len in [0, 1, 32, 47, 48, 63, 64, 65, 127, 128, 129, 200, 300] {
            all_agree(&bytes[..key_len], b"message");
        }
    }

    #[test]
    fn short_copies_copy_every_length() {
        let bytes: alloc::vec::Vec<u8> = (1..=127).collect();
        for len in 0..=127 {
            let mut out = alloc::vec![0; len];
            copy_short(&mut out, &bytes[..len]);
            assert_eq!(out, bytes[..len], "{len} bytes");
        }
    }

    #[test]
    fn rfc_4231_test_case_2() {
        // Key "Jefe", data "what do ya want for nothing?".
        let out = Hmac::<Sha256>::new(b"Jefe").mac(b"what do ya want for nothing?");
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        let hex: alloc::string::String = out.iter().map(|b| alloc::format!("{b:02x}")).collect();
        assert_eq!(hex, expected);
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_hmac_crate(
            secret in proptest::collection::vec(proptest::num::u8::ANY, 0..300),
            message in proptest::collection::vec(proptest::num::u8::ANY, 0..700),
        ) {
            all_agree(&secret, &message);
        }
    }
}
