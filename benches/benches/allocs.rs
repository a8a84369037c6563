//! Heap allocations per operation, counted by a wrapping global allocator: for verify+validate
//! into the typed claims and into a generic map, and for signing, in each library.
//!
//! The typed claims own five strings, so deserializing them allocates five times in any
//! library; the `claims alone` row measures exactly that (`serde_json::from_slice` of the
//! decoded payload), and `library overhead` is what a verification allocates beyond it.
//!
//! Prints a table, and with `--json FILE` writes the counts for `benches/run`.

#![forbid(unsafe_code)]

use std::alloc::System;
use std::hint::black_box;

use jwt_benches::floors::Hs256Floor;
use jwt_benches::{Alg, BenchClaims, Jsonwebtoken, Jwt, JwtCore, JwtSimple, token};
use serde_json::json;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocations (fresh ones and reallocations) of one call of `f`, after a warm-up call so
/// that lazily initialised statics are not counted.
fn count<T>(f: impl Fn() -> T) -> usize {
    black_box(f());
    let region = Region::new(GLOBAL);
    black_box(f());
    let change = region.change();
    change.allocations + change.reallocations
}

struct Row {
    alg: &'static str,
    operation: &'static str,
    library: &'static str,
    allocations: usize,
}

fn library_rows<L: Jwt>(alg: Alg, library: &L, claims: &BenchClaims, token: &str) -> [Row; 2] {
    assert!(
        library.verify(token).is_some(),
        "{} refuses the token",
        L::NAME
    );
    [
        Row {
            alg: alg.name(),
            operation: "verify (typed claims)",
            library: L::NAME,
            allocations: count(|| library.verify(token)),
        },
        Row {
            alg: alg.name(),
            operation: "sign",
            library: L::NAME,
            allocations: count(|| library.sign(claims)),
        },
    ]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut json_out = None;
    while let Some(arg) = args.next() {
        if arg == "--json" {
            json_out = args.next();
        }
    }

    let claims = BenchClaims::standard();
    let mut rows = Vec::new();
    for alg in Alg::ALL {
        let token = token(alg, &claims);
        let floor = Hs256Floor::new(&jwt_benches::token(Alg::Hs256, &claims));
        rows.push(Row {
            alg: alg.name(),
            operation: "verify (typed claims)",
            library: "claims alone",
            allocations: count(|| floor.claims()),
        });
        let ours = JwtCore::new(alg);
        rows.extend(library_rows(alg, &ours, &claims, &token));
        rows.push(Row {
            alg: alg.name(),
            operation: "verify (Claims map)",
            library: "jwt-core",
            allocations: count(|| ours.verify_map(&token)),
        });
        rows.extend(library_rows(alg, &Jsonwebtoken::new(alg), &claims, &token));
        rows.extend(library_rows(alg, &JwtSimple::new(alg), &claims, &token));
    }

    println!(
        "{:<6} {:<24} {:<14} {:>11}",
        "alg", "operation", "library", "allocations"
    );
    for row in &rows {
        println!(
            "{:<6} {:<24} {:<14} {:>11}",
            row.alg, row.operation, row.library, row.allocations
        );
    }
    if let Some(path) = json_out {
        let rows: Vec<_> = rows
            .iter()
            .map(|row| {
                json!({
                    "alg": row.alg,
                    "operation": row.operation,
                    "library": row.library,
                    "allocations": row.allocations,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows).expect("serializes");
        std::fs::write(&path, text).unwrap_or_else(|err| panic!("writing {path}: {err}"));
    }
}
