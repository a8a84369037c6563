#!/usr/bin/env python3
"""Renders benches/RESULTS.md and the payload-size plot from one run of benches/run.

Inputs:
  target/criterion/**/<baseline>/estimates.json   criterion medians (compare, payload_size)
  <results>/allocs.json                           allocation counts (allocs bench)
  <results>/dudect.txt                            dudect-bencher output (dudect bench)
  <results>/dudect-rsa.txt                        dudect-bencher output (dudect_rsa bench)
  <results>/dudect-ecdsa.txt                      dudect-bencher output (dudect_ecdsa bench)
  <results>/paired-ratios.json                    the targets' ratios measured in pairs (paired bench)
  <results>/load-before.txt, load-after.txt       /proc/loadavg around the run
  <results>/<language>.json                       comparisons in other languages (optional)

The Rust medians are first converted to the same per-language format the other languages
write (see benches/README.md), so every language's table is rendered by the same code.
"""

import argparse
import datetime
import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = "jwt-core"
ALGS = ["HS256", "RS256", "PS256", "ES256", "ES384", "EdDSA"]
# The algorithms of the payload-size bench (PSS and ECDSA grow with the payload as RSA and
# Ed25519 do).
PAYLOAD_ALGS = ["HS256", "RS256", "EdDSA"]
ALG_OF_ID = {alg.lower(): alg for alg in ALGS}
OPERATIONS = {"sign": "sign", "verify": "verify+validate"}
RUST_PEERS = ["jsonwebtoken", "jwt-simple"]
# Raw primitives measured in the same groups as the libraries (the `compare` bench).
RAW = {"rsa", "ring", "ed25519-dalek", "p256", "p384"}
DUDECT_LIMIT = 4.5
# Result files of the Rust steps, beside the per-language files.
NOT_LANGUAGES = {"allocs.json", "paired-ratios.json"}


def criterion_estimates(baseline):
    """{(group, function, parameter): median in ns} for every benchmark saved as `baseline`."""
    medians = {}
    for estimates in (ROOT / "target" / "criterion").glob(f"**/{baseline}/estimates.json"):
        meta = json.loads((estimates.parent / "benchmark.json").read_text())
        median = json.loads(estimates.read_text())["median"]["point_estimate"]
        medians[(meta["group_id"], meta["function_id"], meta["value_str"])] = median
    return medians


def rust_language(medians):
    """The Rust comparisons in the per-language format."""
    rows = []
    for (group, function, parameter), median in sorted(medians.items()):
        match = re.fullmatch(r"(hs256|rs256|ps256|es256|es384|eddsa)_(sign|verify)", group)
        if match and parameter is None and function not in RAW:
            alg = ALG_OF_ID[match[1]]
            rows.append(
                {"library": function, "alg": alg, "operation": match[2], "median_ns": median}
            )
    return {"language": "Rust", "runtime": rustc_version(), "ours": OURS, "rows": rows}


def other_languages(results):
    """Every <language>.json written by another language's step of benches/run."""
    files = sorted(p for p in results.glob("*.json") if p.name not in NOT_LANGUAGES)
    return [json.loads(p.read_text()) for p in files]


def fmt_time(ns):
    if ns is None:
        return "n/a"
    if ns >= 1e6:
        return f"{ns / 1e6:.3g} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.3g} µs"
    return f"{ns:.3g} ns"


def fmt_ratio(ours, theirs):
    if ours is None or theirs is None:
        return "n/a"
    return f"{ours / theirs:.2f}"


def language_table(language):
    """Medians per library, and ours/theirs for each other library (below 1: ours is faster)."""
    ours = language["ours"]
    rows = language["rows"]
    libraries = [ours] + sorted({r["library"] for r in rows} - {ours}, key=_library_order)
    peers = [lib for lib in libraries if lib != ours and not lib.startswith(ours)]
    median = {(r["library"], r["alg"], r["operation"]): r["median_ns"] for r in rows}
    head = ["operation"] + libraries + [f"ours / {peer}" for peer in peers]
    lines = [_row(head), _row(["---"] + ["---:"] * (len(head) - 1))]
    for alg in ALGS:
        for operation, label in OPERATIONS.items():
            if not any(key[1:] == (alg, operation) for key in median):
                continue
            ours_ns = median.get((ours, alg, operation))
            cells = [f"{alg} {label}"]
            cells += [fmt_time(median.get((lib, alg, operation))) for lib in libraries]
            cells += [fmt_ratio(ours_ns, median.get((peer, alg, operation))) for peer in peers]
            lines.append(_row(cells))
    return "\n".join(lines)


def language_targets(language):
    """The targets a language file states (its `targets`: alg, operation, peer, target,
    ratio of the same run, met), as a table; nothing if it states none."""
    targets = language.get("targets")
    if not targets:
        return []
    load = language.get("load")
    during = f" Load average (1, 5, 15 min) {' '.join(load['before'])} before, {' '.join(load['after'])} after." if load else ""
    lines = [
        f"{language['language']} targets (ratios of the same run, median of the rounds' ratios).{during}",
        "",
        _row(["target", "measured", "met"]),
        _row(["---", "---:", "---"]),
    ]
    for t in targets:
        lines.append(_row([
            f"{t['alg']} {OPERATIONS.get(t['operation'], t['operation'])} >= {t['target']:g}x {t['peer']}",
            f"{t['ratio']:.2f}x",
            "yes" if t["met"] else "**no**",
        ]))
    return lines + [""]


def _library_order(name):
    # jwt-core's own variants first, then the peers alphabetically.
    return (not name.startswith(OURS), name)


def _row(cells):
    return "| " + " | ".join(cells) + " |"


def floors_table(medians):
    """The raw primitives beside jwt-core, each with ours/raw."""
    lines = [_row(["operation", "primitive", "median", "jwt-core", "jwt-core / primitive"])]
    lines.append(_row(["---", "---", "---:", "---:", "---:"]))
    named = {
        ("hs256_floors", "hmac"): ("HS256 verify+validate", "HMAC-SHA256 of the signing input, keyed state cloned, `verify_slice`"),
        ("hs256_floors", "base64"): ("HS256 verify+validate", "base64url of the 3 segments, `base64ct` (constant-time), into a buffer"),
        ("hs256_floors", "base64 (table)"): ("HS256 verify+validate", "base64url of the 3 segments, `base64` crate (table-driven), into a buffer"),
        ("hs256_floors", "claims"): ("HS256 verify+validate", "`serde_json::from_slice` of the payload into the typed claims"),
        ("rs256_sign", "rsa"): ("RS256 sign", "`rsa` 0.10 PKCS#1 v1.5 sign, SHA-256 included"),
        ("rs256_verify", "rsa"): ("RS256 verify+validate", "`rsa` 0.10 PKCS#1 v1.5 verify, SHA-256 included"),
        ("rs256_verify", "ring"): ("RS256 verify+validate", "`ring` RSA_PKCS1_2048_8192_SHA256 verify (parses the key per call)"),
        ("ps256_sign", "rsa"): ("PS256 sign", "`rsa` 0.10 PSS sign (32-byte random salt, blinded), SHA-256 included"),
        ("ps256_verify", "rsa"): ("PS256 verify+validate", "`rsa` 0.10 PSS verify (salt length fixed), SHA-256 included"),
        ("ps256_verify", "ring"): ("PS256 verify+validate", "`ring` RSA_PSS_2048_8192_SHA256 verify (parses the key per call)"),
        ("es256_sign", "p256"): ("ES256 sign", "`p256` 0.14 ECDSA sign (RFC 6979), SHA-256 included"),
        ("es256_verify", "p256"): ("ES256 verify+validate", "`p256` 0.14 ECDSA verify of `r || s`, SHA-256 included"),
        ("es256_verify", "ring"): ("ES256 verify+validate", "`ring` ECDSA_P256_SHA256_FIXED verify (assembly)"),
        ("es384_sign", "p384"): ("ES384 sign", "`p384` 0.14 ECDSA sign (RFC 6979), SHA-384 included"),
        ("es384_verify", "p384"): ("ES384 verify+validate", "`p384` 0.14 ECDSA verify of `r || s`, SHA-384 included"),
        ("es384_verify", "ring"): ("ES384 verify+validate", "`ring` ECDSA_P384_SHA384_FIXED verify"),
        ("eddsa_sign", "ed25519-dalek"): ("EdDSA sign", "`ed25519-dalek` `sign`"),
        ("eddsa_verify", "ed25519-dalek"): ("EdDSA verify+validate", "`ed25519-dalek` `verify_strict`"),
        ("eddsa_verify", "ring"): ("EdDSA verify+validate", "`ring` ED25519 verify"),
    }
    for (group, function), (operation, what) in named.items():
        raw = medians.get((group, function, None))
        ours_group = group if not group.endswith("floors") else "hs256_verify"
        ours = medians.get((ours_group, OURS, None))
        lines.append(_row([operation, what, fmt_time(raw), fmt_time(ours), fmt_ratio(ours, raw)]))
    return "\n".join(lines)


def hs256_floor_sum(medians):
    """HMAC + the faster base64url decoder + claims parsing."""
    parts = [medians.get(("hs256_floors", name, None)) for name in ("hmac", "claims")]
    decoders = [medians.get(("hs256_floors", name, None)) for name in ("base64", "base64 (table)")]
    decoders = [d for d in decoders if d is not None]
    if None in parts or not decoders:
        return None
    return sum(parts) + min(decoders)


def hs256_verify_anchors(paired):
    """What the two HS256 verify targets ask in terms of each other: jsonwebtoken's time over
    the floor sum, from the paired ratios (ours / floor sum over ours / jsonwebtoken)."""
    floor = paired.get("hs256_verify/floor sum")
    keats = paired.get("hs256_verify/jsonwebtoken")
    if floor is None or keats is None:
        return ""
    keats_over_floor = floor["median"] / keats["median"]
    return (
        f"In pairs, jsonwebtoken's HS256 verify+validate takes {keats_over_floor:.2f}x the time of the "
        f"floor sum, so being 3x as fast as jsonwebtoken means taking at most "
        f"{keats_over_floor / 3:.2f}x the time of the floor sum (the other HS256 verify target asks 1.3x)."
    )


def targets_table(medians, allocations, paired):
    """The targets, judged by the paired ratios where the run has them (`paired` bench), with
    the ratio of the criterion medians beside them."""
    m = lambda group, function: medians.get((group, function, None))  # noqa: E731
    ours = {f"{alg.lower()}_{op}": m(f"{alg.lower()}_{op}", OURS) for alg in ALGS for op in ("verify", "sign")}

    def ratio(group, anchor, reference_ns):
        """(ours / anchor as judged, its quartiles or None, ours / anchor from the medians)."""
        mine = ours[group]
        from_medians = mine / reference_ns if mine is not None and reference_ns is not None else None
        pair = paired.get(f"{group}/{anchor}")
        if pair is not None:
            return pair["median"], (pair["q1"], pair["q3"]), from_medians
        return from_medians, None, from_medians

    def fastest(group, anchor, invert=False):
        """The fastest-batch ratio of the pair, as text (inverted for "as fast" targets)."""
        pair = paired.get(f"{group}/{anchor}")
        if pair is None or "min_ratio" not in pair:
            return "n/a"
        value = pair["min_ratio"]
        return f"{1 / value:.2f}x" if invert else f"{value:.2f}x"

    def measured(text, quartiles):
        return text if quartiles is None else f"{text} (quartiles {quartiles[0]:.2f}-{quartiles[1]:.2f})"

    def faster(label, group, peer, factor):
        judged, quartiles, from_medians = ratio(group, peer, m(group, peer))
        if judged is None:
            return [label, "n/a", "n/a", "n/a", f">= {factor}x as fast", "n/a", ""]
        speedup = 1 / judged
        met = speedup >= factor
        gap = "" if met else f"needs {factor / speedup:.2f}x less time"
        quartiles = quartiles and (1 / quartiles[1], 1 / quartiles[0])
        return [label, measured(f"{speedup:.2f}x as fast", quartiles),
                fastest(group, peer, invert=True),
                "n/a" if from_medians is None else f"{1 / from_medians:.2f}x",
                f">= {factor}x as fast", "yes" if met else "**no**", gap]

    def reported(label, group, anchor, reference_ns, reference_name):
        judged, quartiles, from_medians = ratio(group, anchor, reference_ns)
        if judged is None:
            return [label, "n/a", "n/a", "n/a", "(reported)", "", ""]
        return [label, measured(f"{judged:.2f}x the time of {reference_name}", quartiles),
                fastest(group, anchor),
                "n/a" if from_medians is None else f"{from_medians:.2f}x", "(reported)", "", ""]

    def within(label, group, anchor, reference_ns, reference_name, factor):
        judged, quartiles, from_medians = ratio(group, anchor, reference_ns)
        if judged is None:
            return [label, "n/a", "n/a", "n/a", f"<= {factor}x", "n/a", ""]
        met = judged <= factor
        gap = "" if met else f"needs {judged / factor:.2f}x less time"
        return [label, measured(f"{judged:.2f}x the time of {reference_name}", quartiles),
                fastest(group, anchor),
                "n/a" if from_medians is None else f"{from_medians:.2f}x",
                f"<= {factor}x", "yes" if met else "**no**", gap]

    rows = [
        faster("HS256 verify+validate vs jsonwebtoken", "hs256_verify", "jsonwebtoken", 3),
        within("HS256 verify+validate vs floor sum", "hs256_verify", "floor sum", hs256_floor_sum(medians), "floor sum", 1.3),
        faster("HS256 sign vs jsonwebtoken", "hs256_sign", "jsonwebtoken", 1.5),
        within("EdDSA verify+validate vs raw `verify_strict`", "eddsa_verify", "ed25519-dalek", m("eddsa_verify", "ed25519-dalek"), "raw", 1.05),
        within("EdDSA sign vs raw dalek `sign`", "eddsa_sign", "ed25519-dalek", m("eddsa_sign", "ed25519-dalek"), "raw", 1.1),
        faster("RS256 verify+validate vs jsonwebtoken", "rs256_verify", "jsonwebtoken", 3),
        within("RS256 verify+validate vs ring (stretch)", "rs256_verify", "ring", m("rs256_verify", "ring"), "ring", 1.5),
        within("RS256 sign vs raw `rsa` 0.10 sign", "rs256_sign", "rsa", m("rs256_sign", "rsa"), "raw", 1.05),
        within("PS256 verify+validate vs jwt-core's RS256 verify+validate", "ps256_verify", "jwt-core RS256", ours["rs256_verify"], "RS256", 1.1),
        reported("PS256 sign vs raw `rsa` 0.10 PSS sign", "ps256_sign", "rsa", m("ps256_sign", "rsa"), "raw"),
        within("ES256 verify+validate vs raw `p256` verify", "es256_verify", "p256", m("es256_verify", "p256"), "raw", 1.05),
        within("ES256 sign vs raw `p256` sign", "es256_sign", "p256", m("es256_sign", "p256"), "raw", 1.1),
        faster("ES256 verify+validate vs jsonwebtoken", "es256_verify", "jsonwebtoken", 1),
        reported("ES256 verify+validate vs ring", "es256_verify", "ring", m("es256_verify", "ring"), "ring"),
        within("ES384 verify+validate vs raw `p384` verify", "es384_verify", "p384", m("es384_verify", "p384"), "raw", 1.05),
        within("ES384 sign vs raw `p384` sign", "es384_sign", "p384", m("es384_sign", "p384"), "raw", 1.1),
    ]
    for alg in ALGS:
        total = allocations.get((alg, "verify (typed claims)", OURS))
        claims = allocations.get((alg, "verify (typed claims)", "claims alone"))
        if total is None or claims is None:
            continue
        overhead = total - claims
        met = overhead <= 2
        rows.append([
            f"{alg} verify+validate allocations beyond the typed claims' own",
            f"{overhead} ({total} - {claims})", "", "", "<= 2", "yes" if met else "**no**",
            "" if met else f"{overhead - 2} too many",
        ])
    head = [
        _row(["target", "measured", "fastest batches", "from the medians", "needed", "met", "gap"]),
        _row(["---", "---:", "---:", "---:", "---:", ":---:", "---"]),
    ]
    return "\n".join(head + [_row(r) for r in rows])


def allocations_table(allocations):
    libraries = ["claims alone", OURS, "jsonwebtoken", "jwt-simple"]
    lines = [_row(["alg", "operation"] + libraries), _row(["---", "---"] + ["---:"] * len(libraries))]
    operations = ["verify (typed claims)", "verify (Claims map)", "sign"]
    for alg in ALGS:
        for operation in operations:
            cells = [str(allocations.get((alg, operation, lib), "")) for lib in libraries]
            if any(cells):
                lines.append(_row([alg, operation] + cells))
    return "\n".join(lines)


DUDECT_LINE = re.compile(
    r"bench (\S+)\s+\.\.\. : n == ([+-]?[\d.]+)M, max t = ([+-]?[\d.]+), max tau = ([+-]?[\d.e-]+)"
)


def read_optional(path):
    return path.read_text() if path.exists() else ""


def dudect_results(text):
    samples = re.search(r"samples per test: (\d+)", text)
    tests = [
        {"name": m[1], "n": round(float(m[2]) * 1e6), "t": float(m[3]), "tau": float(m[4])}
        for m in DUDECT_LINE.finditer(text)
    ]
    return (int(samples[1]) if samples else None), tests


def dudect_table(samples, tests):
    lines = [
        _row(["test", "samples (both classes)", "n of the max-t crop", "max t", f"abs(t) below {DUDECT_LIMIT}"]),
        _row(["---", "---:", "---:", "---:", ":---:"]),
    ]
    for test in tests:
        ok = abs(test["t"]) < DUDECT_LIMIT
        lines.append(_row([
            f"`{test['name']}`", f"{samples:,}" if samples else "?", f"{test['n']:,}", f"{test['t']:+.3f}",
            "yes" if ok else "**no**",
        ]))
    return "\n".join(lines)


def payload_series(medians):
    """{alg: {library: [(payload bytes, median ns)]}}"""
    series = {}
    for (group, function, parameter), median in medians.items():
        match = re.fullmatch(r"payload_(hs256|rs256|eddsa)", group)
        if match and parameter is not None:
            alg = ALG_OF_ID[match[1]]
            series.setdefault(alg, {}).setdefault(function, []).append((int(parameter), median))
    for libraries in series.values():
        for points in libraries.values():
            points.sort()
    return series


def payload_table(series):
    lines = []
    for alg in PAYLOAD_ALGS:
        libraries = series.get(alg, {})
        if not libraries:
            continue
        names = sorted(libraries, key=_library_order)
        sizes = sorted({size for points in libraries.values() for size, _ in points})
        lines.append(_row([f"{alg} payload"] + names + [f"ours / {n}" for n in names[1:]]))
        lines.append(_row(["---:"] * (1 + 2 * len(names) - 1)))
        for size in sizes:
            value = {n: dict(libraries[n]).get(size) for n in names}
            lines.append(_row(
                [f"{size:,} B"] + [fmt_time(value[n]) for n in names]
                + [fmt_ratio(value[names[0]], value[n]) for n in names[1:]]
            ))
        lines.append("")
    return "\n".join(lines)


def plot(series, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8), constrained_layout=True)
    for ax, alg in zip(axes, PAYLOAD_ALGS):
        for library, points in sorted(series.get(alg, {}).items(), key=lambda kv: _library_order(kv[0])):
            sizes = [size for size, _ in points]
            micros = [ns / 1e3 for _, ns in points]
            ax.plot(sizes, micros, marker="o", label=library, linewidth=2.2 if library == OURS else 1.4)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_title(f"{alg} verify+validate")
        ax.set_xlabel("payload (claims JSON) bytes")
        ax.set_ylabel("median time (µs)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle("Verify+validate time against payload size (lower is better)")
    fig.savefig(path, dpi=110)


def rustc_version():
    return subprocess.run(["rustc", "-V"], capture_output=True, text=True, check=True).stdout.strip()


def machine(results):
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    model = re.search(r"Model name:\s*(.+)", lscpu)
    flags = Path("/proc/cpuinfo").read_text()
    flags = re.search(r"^flags\s*:(.*)$", flags, re.M)
    sha_ni = flags is not None and "sha_ni" in flags[1].split()
    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    load = lambda name: (results / name).read_text().split()[:3] if (results / name).exists() else ["?"] * 3  # noqa: E731
    # When the measurements ended, so that rendering a run's results again keeps its date.
    ended = results / "load-after.txt"
    when = (
        datetime.datetime.fromtimestamp(ended.stat().st_mtime, datetime.timezone.utc)
        if ended.exists()
        else datetime.datetime.now(datetime.timezone.utc)
    )
    return [
        ("CPU", model[1].strip() if model else "unknown"),
        ("cores", nproc),
        ("SHA-NI", "yes" if sha_ni else "no"),
        ("rustc", rustc_version()),
        ("date (UTC)", when.strftime("%Y-%m-%d %H:%M")),
        ("load average (1, 5, 15 min) before", " ".join(load("load-before.txt"))),
        ("load average (1, 5, 15 min) after", " ".join(load("load-after.txt"))),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="latest")
    parser.add_argument("--results", type=Path, default=ROOT / "target" / "bench-results")
    parser.add_argument("--out", type=Path, default=ROOT / "benches" / "RESULTS.md")
    parser.add_argument("--plot", type=Path, default=ROOT / "benches" / "verify-vs-payload.png")
    args = parser.parse_args()

    medians = criterion_estimates(args.baseline)
    allocations = {}
    if (args.results / "allocs.json").exists():
        for row in json.loads((args.results / "allocs.json").read_text()):
            allocations[(row["alg"], row["operation"], row["library"])] = row["allocations"]
    paired_file = args.results / "paired-ratios.json"
    paired = json.loads(paired_file.read_text()) if paired_file.exists() else {}
    samples, dudect = dudect_results(read_optional(args.results / "dudect.txt"))
    rsa_samples, dudect_rsa = dudect_results(read_optional(args.results / "dudect-rsa.txt"))
    ecdsa_samples, dudect_ecdsa = dudect_results(read_optional(args.results / "dudect-ecdsa.txt"))
    series = payload_series(medians)
    if series:
        plot(series, args.plot)

    languages = [rust_language(medians)] + other_languages(args.results)
    out = [
        "# Benchmark results",
        "",
        "Written by `benches/run` (see `benches/README.md`); do not edit by hand. Times are",
        "criterion medians; a ratio is ours / theirs, so below 1 means jwt-core is faster. All",
        "numbers of one table come from the same run.",
        "",
        "## Machine",
        "",
        _row(["", ""]),
        _row(["---", "---"]),
    ]
    out += [_row([k, v]) for k, v in machine(args.results)]
    out += [
        "",
        "## Targets",
        "",
        "Judged by ratios measured in pairs (`benches/benches/paired.rs`): jwt-core and the anchor",
        "take turns in batches of about 10 ms, in ABBA order, and the figure is the median over",
        "the rounds of the ratio within a round, with its quartiles; \"fastest batches\" is the",
        "fastest batch of ours over the fastest of the anchor (the least disturbed batches on a busy",
        "machine). A drift in the machine's speed",
        "cancels within a round; between two criterion medians taken a minute apart it does not,",
        "so the ratio of the medians of the tables below is given beside it for comparison.",
        "",
        targets_table(medians, allocations, paired),
        "",
        hs256_verify_anchors(paired),
        "",
    ]
    for language in languages:
        out += [
            f"## {language['language']}: median time per operation",
            "",
            f"Runtime: {language['runtime']}. Every library verifies the same token (7 claims,",
            "signed by jwt-core) and checks its signature, `exp`, `iss` and `aud`; each signs the",
            "same claims. Keys: the 2048-bit RSA (RS256 and PS256), P-256, P-384 and Ed25519 test",
            "keys of jwt-core, a 32-byte HMAC secret.",
            "",
            language_table(language),
            "",
        ]
        out += language_targets(language)
    out += [
        "## Rust: floors (the raw primitives, same run)",
        "",
        floors_table(medians),
        "",
        f"HS256 floor sum (HMAC + faster base64url + claims parse): {fmt_time(hs256_floor_sum(medians))}.",
        "",
        "## Allocations per operation",
        "",
        "Counted by a wrapping global allocator (`benches/benches/allocs.rs`), allocations plus",
        "reallocations of one call after a warm-up call. `claims alone` is `serde_json::from_slice`",
        "of the decoded payload into the typed claims, whose five strings any library must allocate.",
        "",
        allocations_table(allocations),
        "",
        "## Timing: dudect tests of HS256 verification",
        "",
        "`benches/benches/dudect.rs` describes the classes. dudect-bencher reports the largest |t|",
        "over the whole distributions and 100 percentile crops, with the sample count of that crop.",
        "",
        dudect_table(samples, dudect) if dudect else "Not run.",
        "",
        "## Timing: dudect tests of RSA signing (RUSTSEC-2023-0071)",
        "",
        "`benches/benches/dudect_rsa.rs` describes the classes; `deny.toml` accepts the advisory",
        "on this evidence. `rsa09_small_vs_random` is the positive control, the `rsa` 0.9",
        "line the advisory was written against: its abs(t) above the limit shows that the method",
        "and sample count find that leak on this machine.",
        "",
        dudect_table(rsa_samples, dudect_rsa) if dudect_rsa else "Not run.",
        "",
        "## Timing: dudect tests of ES256 signing",
        "",
        "`benches/benches/dudect_ecdsa.rs` describes the classes: nonces whose top byte is zero",
        "against nonces with the top bit set (what the Minerva attacks time), small against large",
        "private scalars, and a same-inputs control.",
        "",
        dudect_table(ecdsa_samples, dudect_ecdsa) if dudect_ecdsa else "Not run.",
        "",
        "## Verify+validate against payload size",
        "",
        f"![verify time against payload size]({args.plot.name})",
        "",
        payload_table(series),
    ]
    args.out.write_text("\n".join(out).rstrip() + "\n")


if __name__ == "__main__":
    main()
