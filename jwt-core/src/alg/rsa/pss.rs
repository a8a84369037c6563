//! EMSA-PSS-VERIFY (RFC 8017 section 9.1.2) with MGF1 on the message's hash and a salt as long
//! as that hash (RFC 7518 section 3.5): the check of `PS256`, `PS384` and `PS512` signatures on
//! what jwt-core's own public operation (s^65537 mod n) gives.
//!
//! Nothing here is secret (the signature, the key and the message are all public), so the
//! checks may stop at the first difference.

use sha2::Digest;

use super::MAX_MODULUS_BITS;

/// Whether `encoded`, the big-endian result of the public operation on a signature (as long as
/// the modulus), is an EMSA-PSS encoding of `message` for a modulus of `modulus_bits` bits,
/// with the hash `D`, MGF1 with `D`, and a salt of exactly `D`'s output length. Any other salt
/// length puts the `01` separator elsewhere and is refused.
pub(super) fn is_encoding<D: Digest>(encoded: &[u8], modulus_bits: usize, message: &[u8]) -> bool {
    let h_len = <D as Digest>::output_size();
    // RFC 8017 section 8.1.2 step 2c: EM = I2OSP(m, emLen) with emBits = modBits - 1, so the
    // bytes of m above emLen must be zero.
    let Some(em_bits) = modulus_bits.checked_sub(1) else {
        return false;
    };
    let em_len = em_bits.div_ceil(8);
    let Some((high, em)) = encoded
        .len()
        .checked_sub(em_len)
        .and_then(|at| encoded.split_at_checked(at))
    else {
        return false;
    };
    if high.iter().any(|byte| *byte != 0) {
        return false;
    }
    // Step 3: room for the hash, a salt as long, the separator and the trailer.
    if em_len < 2 * h_len + 2 {
        return false;
    }
    // Step 4: the trailer.
    let Some((&0xbc, rest)) = em.split_last() else {
        return false;
    };
    // Step 5: maskedDB, then H.
    let db_len = em_len - h_len - 1;
    let Some((masked_db, h)) = rest.split_at_checked(db_len) else {
        return false;
    };
    // Step 6: the 8 * emLen - emBits high bits of maskedDB are zero.
    let low_bits = 0xff_u8 >> (8 * em_len - em_bits);
    if masked_db
        .first()
        .is_some_and(|first| first & !low_bits != 0)
    {
        return false;
    }
    // Steps 7 to 9: DB = maskedDB xor MGF1(H), its high bits cleared.
    let mut room = [0u8; MAX_MODULUS_BITS / 8];
    let Some(db) = room.get_mut(..db_len) else {
        return false;
    };
    db.copy_from_slice(masked_db);
    mgf1_xor::<D>(h, db);
    if let Some(first) = db.first_mut() {
        *first &= low_bits;
    }
    // Steps 10 and 11: zeros, the separator 01, then the salt.
    let Some((padding, salt)) = db.split_at_checked(db_len - h_len) else {
        return false;
    };
    let Some((&0x01, zeros)) = padding.split_last() else {
        return false;
    };
    if zeros.iter().any(|byte| *byte != 0) {
        return false;
    }
    // Steps 12 to 14: H = Hash(00 00 00 00 00 00 00 00 || Hash(M) || salt).
    let expected = D::new()
        .chain_update([0u8; 8])
        .chain_update(D::digest(message))
        .chain_update(salt)
        .finalize();
    expected.as_slice() == h
}

/// `out` xor MGF1(`seed`) with the hash `D` (RFC 8017 appendix B.2.1).
fn mgf1_xor<D: Digest>(seed: &[u8], out: &mut [u8]) {
    let h_len = <D as Digest>::output_size();
    for (counter, chunk) in (0u32..).zip(out.chunks_mut(h_len)) {
        let mask = D::new()
            .chain_update(seed)
            .chain_update(counter.to_be_bytes())
            .finalize();
        for (byte, mask) in chunk.iter_mut().zip(mask.iter()) {
            *byte ^= mask;
        }
    }
}
