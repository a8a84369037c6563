//! The dudect harness shared by the timing tests (`benches/dudect.rs`, HS256 verification, and
//! `benches/dudect_rsa.rs`, RSA signing): the sample count, the random draw of each sample's
//! class and input, and the command line.
//!
//! Each test prepares the inputs of its two classes ahead of time and lets [`run`] pick, per
//! sample, a class and one of its inputs at random, so that the classes are interleaved and
//! differ in nothing but what the test sets apart.

use std::sync::atomic::{AtomicUsize, Ordering};

use dudect_bencher::ctbench::{BenchMetadata, BenchName, BenchOpts, run_benches_console};
use dudect_bencher::rand::RngExt;
use dudect_bencher::{BenchRng, Class, CtRunner};

/// Samples per test, both classes together: `--samples N`, or the default [`main`] is given.
static SAMPLES: AtomicUsize = AtomicUsize::new(0);

/// A timing test: its name, and the function that prepares its inputs and feeds the runner.
pub type Test = (&'static str, fn(&mut CtRunner, &mut BenchRng));

/// Runs `measure` on as many samples as the command line asks for, each of a random class and
/// a random one of the `variants` inputs of that class.
pub fn run(
    runner: &mut CtRunner,
    rng: &mut BenchRng,
    variants: usize,
    mut measure: impl FnMut(&mut CtRunner, Class, usize),
) {
    let samples = SAMPLES.load(Ordering::Relaxed);
    let draws: Vec<(Class, usize)> = (0..samples)
        .map(|_| {
            let class = if rng.random::<bool>() {
                Class::Left
            } else {
                Class::Right
            };
            (class, rng.random_range(0..variants))
        })
        .collect();
    for (class, variant) in draws {
        measure(runner, class, variant);
    }
}

/// The index of `class` in a pair of per-class inputs: 0 for left, 1 for right.
pub fn class_index(class: Class) -> usize {
    usize::from(matches!(class, Class::Right))
}

/// Reads `--samples N` (default `default_samples`) and `--filter NAME` (`cargo bench` adds
/// `--bench`, which is ignored), prints the sample count and runs the `tests` that match.
pub fn main(default_samples: usize, tests: &[Test]) {
    let mut opts = BenchOpts::default();
    let mut samples = default_samples;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--samples" => {
                samples = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--samples N");
            }
            "--filter" => opts.filter = args.next(),
            _ => {}
        }
    }
    SAMPLES.store(samples, Ordering::Relaxed);
    let benches = tests
        .iter()
        .map(|&(name, benchfn)| BenchMetadata {
            name: BenchName(name),
            seed: None,
            benchfn,
        })
        .collect();
    println!("samples per test: {samples}");
    run_benches_console(opts, benches).expect("writes to stdout");
}
