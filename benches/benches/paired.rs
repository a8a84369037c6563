//! The targets' ratios, measured in pairs. jwt-core and the anchor of a target take turns in
//! short batches, in ABBA order, and a round's ratio is ours / theirs within it; the result
//! is the median over the rounds, with its quartiles, and beside it the ratio of the fastest
//! batch of each (the least disturbed ones, on a machine other work slows down). A drift in
//! the machine's speed (on a shared VM it has moved criterion medians of unchanged code by
//! 1.4x between two runs) cancels within a round, where comparing two criterion medians taken
//! a minute apart keeps it.
//!
//! `cargo bench -p jwt-benches --bench paired -- [--rounds N] [--batch-ms M] [--json FILE]
//! [TARGET...]`, where a TARGET is part of a key such as `hs256_sign/jsonwebtoken`.

#![forbid(unsafe_code)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use jwt_benches::floors::{EdDsaFloor, Es256Floor, Es384Floor, Hs256Floor, Ps256Floor, Rs256Floor};
use jwt_benches::{Alg, BenchClaims, Jsonwebtoken, Jwt, JwtCore, token};
use serde_json::{Value, json};

/// One target: jwt-core's operation and the anchor it is measured against.
struct Pair {
    /// `<group>/<anchor>`, as `report.py` looks the target up.
    key: String,
    ours: Box<dyn FnMut()>,
    theirs: Box<dyn FnMut()>,
}

impl Pair {
    /// The target `<group>/<anchor>`; each call's result goes through `black_box`.
    fn new<A, B>(
        group: &str,
        anchor: &str,
        mut ours: impl FnMut() -> A + 'static,
        mut theirs: impl FnMut() -> B + 'static,
    ) -> Self {
        Self {
            key: format!("{group}/{anchor}"),
            ours: Box::new(move || {
                black_box(ours());
            }),
            theirs: Box::new(move || {
                black_box(theirs());
            }),
        }
    }
}

/// The time `n` calls of `f` take.
fn batch(f: &mut dyn FnMut(), n: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed()
}

/// How many calls of `f` fill `budget`, after a warm-up.
fn calls_for(f: &mut dyn FnMut(), budget: Duration) -> u32 {
    let mut n = 1u32;
    loop {
        let took = batch(f, n);
        if took >= budget / 4 || n >= 1 << 24 {
            let per_call = took.as_secs_f64() / f64::from(n);
            return (budget.as_secs_f64() / per_call)
                .ceil()
                .clamp(1.0, f64::from(u32::MAX)) as u32;
        }
        n *= 2;
    }
}

/// The time per call of `f` over `n` calls, in nanoseconds.
fn per_call(f: &mut dyn FnMut(), n: u32) -> f64 {
    batch(f, n).as_secs_f64() * 1e9 / f64::from(n)
}

/// The `q` quantile of sorted `values` (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let index = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[index]
}

/// What the rounds of one pair gave.
struct Measured {
    /// Ours / theirs per round, sorted.
    ratios: Vec<f64>,
    /// The fastest batch of ours over the fastest batch of theirs: on a loaded machine the
    /// least disturbed batches, whose ratio moves least between runs (PERF.md's A/B method).
    min_ratio: f64,
}

/// Ours / theirs per round, `rounds` rounds of batches of about `budget` each.
fn measure(pair: &mut Pair, rounds: usize, budget: Duration) -> Measured {
    let ours_calls = calls_for(&mut pair.ours, budget);
    let theirs_calls = calls_for(&mut pair.theirs, budget);
    let times: Vec<(f64, f64)> = (0..rounds)
        .map(|round| {
            if round % 2 == 0 {
                let ours = per_call(&mut pair.ours, ours_calls);
                (ours, per_call(&mut pair.theirs, theirs_calls))
            } else {
                let theirs = per_call(&mut pair.theirs, theirs_calls);
                (per_call(&mut pair.ours, ours_calls), theirs)
            }
        })
        .collect();
    let mut ratios: Vec<f64> = times.iter().map(|(ours, theirs)| ours / theirs).collect();
    ratios.sort_by(f64::total_cmp);
    let fastest = |of: fn(&(f64, f64)) -> f64| times.iter().map(of).fold(f64::INFINITY, f64::min);
    Measured {
        ratios,
        min_ratio: fastest(|(ours, _)| *ours) / fastest(|(_, theirs)| *theirs),
    }
}

/// `library` verifying `token`, as a call to time.
fn verifier<L: Jwt + 'static>(
    library: L,
    token: &str,
) -> impl FnMut() -> Option<BenchClaims> + use<L> {
    let token = token.to_owned();
    move || library.verify(black_box(&token))
}

/// `library` signing the standard claims, as a call to time.
fn signer<L: Jwt + 'static>(library: L) -> impl FnMut() -> String + use<L> {
    let claims = BenchClaims::standard();
    move || library.sign(black_box(&claims))
}

/// Every target with an anchor in the same process: the rows of `report.py`'s table.
fn pairs() -> Vec<Pair> {
    let mut pairs = Vec::new();
    let token_of = |alg| token(alg, &BenchClaims::standard());
    for alg in Alg::ALL {
        let token = token_of(alg);
        let (verify, sign) = (format!("{}_verify", alg.id()), format!("{}_sign", alg.id()));
        let ours_verify = || verifier(JwtCore::new(alg), &token);
        match alg {
            Alg::Hs256 => {
                let floor = Hs256Floor::new(&token);
                let mut buffer = floor.base64_buffer();
                let floors = move || {
                    black_box(floor.hmac());
                    black_box(floor.base64_table(&mut buffer));
                    floor.claims()
                };
                let keats = verifier(Jsonwebtoken::new(alg), &token);
                pairs.push(Pair::new(&verify, "jsonwebtoken", ours_verify(), keats));
                pairs.push(Pair::new(&verify, "floor sum", ours_verify(), floors));
                let keats = signer(Jsonwebtoken::new(alg));
                pairs.push(Pair::new(
                    &sign,
                    "jsonwebtoken",
                    signer(JwtCore::new(alg)),
                    keats,
                ));
            }
            Alg::Rs256 => {
                let (ring, raw) = (Rs256Floor::new(&token), Rs256Floor::new(&token));
                let ring = move || ring.ring_verify();
                let raw = move || raw.rsa_sign();
                let keats = verifier(Jsonwebtoken::new(alg), &token);
                pairs.push(Pair::new(&verify, "jsonwebtoken", ours_verify(), keats));
                pairs.push(Pair::new(&verify, "ring", ours_verify(), ring));
                pairs.push(Pair::new(&sign, "rsa", signer(JwtCore::new(alg)), raw));
            }
            Alg::Ps256 => {
                // The same key and claims as RS256: what PSS costs over PKCS#1 v1.5.
                let rs256 = verifier(JwtCore::new(Alg::Rs256), &token_of(Alg::Rs256));
                pairs.push(Pair::new(&verify, "jwt-core RS256", ours_verify(), rs256));
                let raw = Ps256Floor::new(&token);
                pairs.push(Pair::new(
                    &sign,
                    "rsa",
                    signer(JwtCore::new(alg)),
                    move || raw.rsa_sign(),
                ));
            }
            Alg::Es256 => {
                let (verify_raw, sign_raw, ring) = (
                    Es256Floor::new(&token),
                    Es256Floor::new(&token),
                    Es256Floor::new(&token),
                );
                pairs.push(Pair::new(&verify, "p256", ours_verify(), move || {
                    verify_raw.verify()
                }));
                let keats = verifier(Jsonwebtoken::new(alg), &token);
                pairs.push(Pair::new(&verify, "jsonwebtoken", ours_verify(), keats));
                pairs.push(Pair::new(&verify, "ring", ours_verify(), move || {
                    ring.ring_verify()
                }));
                pairs.push(Pair::new(
                    &sign,
                    "p256",
                    signer(JwtCore::new(alg)),
                    move || sign_raw.sign(),
                ));
            }
            Alg::Es384 => {
                let (verify_raw, sign_raw) = (Es384Floor::new(&token), Es384Floor::new(&token));
                pairs.push(Pair::new(&verify, "p384", ours_verify(), move || {
                    verify_raw.verify()
                }));
                pairs.push(Pair::new(
                    &sign,
                    "p384",
                    signer(JwtCore::new(alg)),
                    move || sign_raw.sign(),
                ));
            }
            Alg::EdDsa => {
                let (verify_raw, sign_raw) = (EdDsaFloor::new(&token), EdDsaFloor::new(&token));
                let verify_raw = move || verify_raw.dalek_verify_strict();
                let sign_raw = move || sign_raw.dalek_sign();
                pairs.push(Pair::new(
                    &verify,
                    "ed25519-dalek",
                    ours_verify(),
                    verify_raw,
                ));
                pairs.push(Pair::new(
                    &sign,
                    "ed25519-dalek",
                    signer(JwtCore::new(alg)),
                    sign_raw,
                ));
            }
        }
    }
    pairs
}

fn main() {
    let mut rounds = 60;
    let mut batch_ms = 10;
    let mut json_out: Option<PathBuf> = None;
    let mut filters = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(rounds),
            "--batch-ms" => batch_ms = args.next().and_then(|n| n.parse().ok()).unwrap_or(batch_ms),
            "--json" => json_out = args.next().map(PathBuf::from),
            // cargo bench passes --bench.
            flag if flag.starts_with("--") => {}
            filter => filters.push(filter.to_owned()),
        }
    }
    let budget = Duration::from_millis(batch_ms);
    let mut results = serde_json::Map::new();
    let wanted = |key: &str| filters.is_empty() || filters.iter().any(|f| key.contains(f.as_str()));
    for mut pair in pairs().into_iter().filter(|pair| wanted(&pair.key)) {
        let Measured { ratios, min_ratio } = measure(&mut pair, rounds, budget);
        let (q1, median, q3) = (
            quantile(&ratios, 0.25),
            quantile(&ratios, 0.5),
            quantile(&ratios, 0.75),
        );
        println!(
            "{:32} ours/theirs median {median:.3} (quartiles {q1:.3} to {q3:.3}, {rounds} rounds), \
             fastest batches {min_ratio:.3}",
            pair.key
        );
        results.insert(
            pair.key,
            json!({"median": median, "q1": q1, "q3": q3, "rounds": rounds, "min_ratio": min_ratio}),
        );
    }
    if let Some(path) = json_out {
        let text = serde_json::to_string_pretty(&Value::Object(results)).expect("serializes");
        std::fs::write(&path, text).unwrap_or_else(|err| panic!("writing {path:?}: {err}"));
    }
}
