//! jwt-core beside jsonwebtoken and jwt-simple, and the primitive floors, on the same keys and
//! the same seven claims: sign, and verify+validate (signature, `exp`, `iss`, `aud`), for
//! HS256, RS256, PS256, ES256, ES384 and EdDSA.
//!
//! Groups are `<alg>_sign`, `<alg>_verify` and `hs256_floors`; `benches/run` reads their
//! medians from criterion's estimates.

#![forbid(unsafe_code)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use jwt_benches::floors::{EdDsaFloor, Es256Floor, Es384Floor, Hs256Floor, Ps256Floor, Rs256Floor};
use jwt_benches::{Alg, BenchClaims, Jsonwebtoken, Jwt, JwtCore, JwtSimple, token};

fn sign<L: Jwt>(group: &mut BenchmarkGroup<'_, WallTime>, library: &L, claims: &BenchClaims) {
    group.bench_function(L::NAME, |b| b.iter(|| library.sign(black_box(claims))));
}

fn verify<L: Jwt>(group: &mut BenchmarkGroup<'_, WallTime>, library: &L, token: &str) {
    assert!(
        library.verify(token).is_some(),
        "{} refuses the token",
        L::NAME
    );
    group.bench_function(L::NAME, |b| b.iter(|| library.verify(black_box(token))));
}

fn compare(c: &mut Criterion) {
    let claims = BenchClaims::standard();
    for alg in Alg::ALL {
        let token = token(alg, &claims);
        let ours = JwtCore::new(alg);
        let keats = Jsonwebtoken::new(alg);
        let simple = JwtSimple::new(alg);

        let mut group = c.benchmark_group(format!("{}_sign", alg.id()));
        if matches!(alg, Alg::Rs256 | Alg::Ps256) {
            // A 2048-bit signature takes about a millisecond: fewer, longer samples.
            group
                .sample_size(20)
                .measurement_time(Duration::from_secs(6));
        }
        sign(&mut group, &ours, &claims);
        sign(&mut group, &keats, &claims);
        sign(&mut group, &simple, &claims);
        match alg {
            Alg::Hs256 => {}
            Alg::Rs256 => {
                let floor = Rs256Floor::new(&token);
                group.bench_function("rsa", |b| b.iter(|| floor.rsa_sign()));
            }
            Alg::Ps256 => {
                let floor = Ps256Floor::new(&token);
                group.bench_function("rsa", |b| b.iter(|| floor.rsa_sign()));
            }
            Alg::Es256 => {
                let floor = Es256Floor::new(&token);
                group.bench_function("p256", |b| b.iter(|| floor.sign()));
            }
            Alg::Es384 => {
                let floor = Es384Floor::new(&token);
                group.bench_function("p384", |b| b.iter(|| floor.sign()));
            }
            Alg::EdDsa => {
                let floor = EdDsaFloor::new(&token);
                group.bench_function("ed25519-dalek", |b| b.iter(|| floor.dalek_sign()));
            }
        }
        group.finish();

        let mut group = c.benchmark_group(format!("{}_verify", alg.id()));
        verify(&mut group, &ours, &token);
        assert!(ours.verify_map(&token).is_some());
        group.bench_function("jwt-core (Claims map)", |b| {
            b.iter(|| ours.verify_map(black_box(&token)))
        });
        verify(&mut group, &keats, &token);
        verify(&mut group, &simple, &token);
        match alg {
            Alg::Hs256 => {}
            Alg::Rs256 => {
                let floor = Rs256Floor::new(&token);
                assert!(floor.rsa_verify() && floor.ring_verify());
                group.bench_function("rsa", |b| b.iter(|| floor.rsa_verify()));
                group.bench_function("ring", |b| b.iter(|| floor.ring_verify()));
            }
            Alg::Ps256 => {
                let floor = Ps256Floor::new(&token);
                assert!(floor.rsa_verify() && floor.ring_verify());
                group.bench_function("rsa", |b| b.iter(|| floor.rsa_verify()));
                group.bench_function("ring", |b| b.iter(|| floor.ring_verify()));
            }
            Alg::Es256 => {
                let floor = Es256Floor::new(&token);
                assert!(floor.verify() && floor.ring_verify());
                group.bench_function("p256", |b| b.iter(|| floor.verify()));
                group.bench_function("ring", |b| b.iter(|| floor.ring_verify()));
            }
            Alg::Es384 => {
                let floor = Es384Floor::new(&token);
                assert!(floor.verify() && floor.ring_verify());
                group.bench_function("p384", |b| b.iter(|| floor.verify()));
                group.bench_function("ring", |b| b.iter(|| floor.ring_verify()));
            }
            Alg::EdDsa => {
                let floor = EdDsaFloor::new(&token);
                assert!(floor.dalek_verify_strict() && floor.ring_verify());
                group.bench_function("ed25519-dalek", |b| b.iter(|| floor.dalek_verify_strict()));
                group.bench_function("ring", |b| b.iter(|| floor.ring_verify()));
            }
        }
        group.finish();
    }

    let floor = Hs256Floor::new(&token(Alg::Hs256, &claims));
    let mut group = c.benchmark_group("hs256_floors");
    group.bench_function("hmac", |b| b.iter(|| floor.hmac()));
    let mut buffer = floor.base64_buffer();
    group.bench_function("base64", |b| b.iter(|| floor.base64(&mut buffer)));
    group.bench_function("base64 (table)", |b| {
        b.iter(|| floor.base64_table(&mut buffer))
    });
    group.bench_function("claims", |b| b.iter(|| floor.claims()));
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
