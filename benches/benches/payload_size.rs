//! Verify+validate time against payload size (the bare seven claims, then 1 KiB to 64 KiB of
//! claims JSON) for HS256, RS256 and EdDSA in each library: how the cost grows with the token.
//! (PSS and ECDSA grow as RSA and Ed25519 do, by hashing the signing input.) The seven
//! claims alone are about 170 bytes, so that is the smallest payload (a 100-byte payload
//! cannot hold them). jwt-core refuses tokens over
//! 32 KiB by default, so here its limit is raised to 128 KiB.
//!
//! Groups are `payload_<alg>`, functions the library names, parameters the payload size in
//! bytes; `benches/run` plots them.

#![forbid(unsafe_code)]

use std::hint::black_box;

use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
    measurement::WallTime,
};
use jwt_benches::{Alg, BenchClaims, Jsonwebtoken, Jwt, JwtCore, JwtSimple};

/// Payload (claims JSON) sizes in bytes; 0 stands for the bare seven claims.
const SIZES: [usize; 5] = [0, 1024, 4 * 1024, 16 * 1024, 64 * 1024];

/// Benchmarks `library` on `token`, whose payload is `size` bytes.
fn verify<L: Jwt>(group: &mut BenchmarkGroup<'_, WallTime>, library: &L, size: usize, token: &str) {
    assert!(
        library.verify(token).is_some(),
        "{} refuses the token",
        L::NAME
    );
    group.bench_with_input(BenchmarkId::new(L::NAME, size), token, |b, token| {
        b.iter(|| library.verify(black_box(token)))
    });
}

fn payload_size(c: &mut Criterion) {
    for alg in Alg::PAYLOAD {
        let ours = JwtCore::for_large_tokens(alg);
        let keats = Jsonwebtoken::new(alg);
        let simple = JwtSimple::new(alg);
        let mut group = c.benchmark_group(format!("payload_{}", alg.id()));
        for size in SIZES {
            let claims = BenchClaims::padded_to(size);
            let size = serde_json::to_vec(&claims).map_or(0, |json| json.len());
            let token = ours.sign(&claims);
            group.throughput(Throughput::Bytes(token.len() as u64));
            verify(&mut group, &ours, size, &token);
            verify(&mut group, &keats, size, &token);
            verify(&mut group, &simple, size, &token);
        }
        group.finish();
    }
}

criterion_group!(benches, payload_size);
criterion_main!(benches);
