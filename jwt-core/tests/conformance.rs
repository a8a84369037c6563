//! Runs the shared example cases and this crate's own case files (`tests/cases/*.json`)
//! through the same runner as `cargo run --example conformance`.

#[path = "support/cases.rs"]
mod cases;

use std::path::PathBuf;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn own_case_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest_dir().join("tests/cases"))
        .expect("tests/cases exists")
        .map(|entry| entry.expect("readable directory").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn shared_example_cases_pass() {
    let summary =
        cases::run_files(&[manifest_dir().join("../../shared/vectors/example-cases.json")]);
    assert_eq!(summary.failed, 0, "\n{summary}");
    assert_eq!(summary.passed, 18, "\n{summary}");
}

#[test]
fn own_case_files_pass() {
    let files = own_case_files();
    let summary = cases::run_files(&files);
    eprintln!("{} case files: {summary}", files.len());
    assert_eq!(summary.failed, 0, "\n{summary}");
    assert!(
        summary.passed >= 80,
        "only {} cases\n{summary}",
        summary.passed
    );
}

#[test]
fn own_cases_cover_every_verification_kind() {
    let mut seen = std::collections::BTreeSet::new();
    for path in own_case_files() {
        for case in cases::read(&path).expect("case file parses").cases {
            seen.insert(case.expected);
        }
    }
    let untested: Vec<&str> = jwt_core::ErrorKind::ALL
        .iter()
        .map(|kind| kind.code())
        // Sign-side kinds, and expected claim values (no field of the case format sets one),
        // cannot be expressed as verification cases.
        .filter(|code| !["InvalidClaims", "InvalidHeader", "ClaimMismatch"].contains(code))
        .filter(|code| !seen.contains(*code))
        .collect();
    assert!(untested.is_empty(), "no case expects {untested:?}");
    assert!(seen.contains("valid"));
}

#[test]
fn malformed_case_files_are_errors_not_skips() {
    let dir = std::env::temp_dir().join(format!("jwt-core-cases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let case = r#"{"id":"x","description":"d","token":"a.b.c","key":{"secret_utf8":"s"},"algorithms":["HS256"],"now":0,"expected":"valid"}"#;
    let files = [
        ("not-json.json", "{".to_string()),
        (
            "unknown-field.json",
            case.replace(r#""now":0"#, r#""now":0,"extra":1"#),
        ),
        (
            "unknown-verdict.json",
            case.replace(r#""valid""#, r#""Bogus""#),
        ),
        (
            "unknown-key-form.json",
            case.replace("secret_utf8", "secret_hex"),
        ),
        (
            "unknown-setting.json",
            case.replace(r#""now":0"#, r#""now":0,"validation":{"leway":5}"#),
        ),
        (
            "two-key-forms.json",
            case.replace(r#"{"secret_utf8":"s"}"#, r#"{"secret_utf8":"s","pem":"p"}"#),
        ),
    ];
    for (name, body) in &files {
        let path = dir.join(name);
        let body = if body.starts_with('{') && body.contains("\"id\"") {
            format!(r#"{{"cases":[{body}]}}"#)
        } else {
            body.clone()
        };
        std::fs::write(&path, body).expect("write case file");
        let summary = cases::run_files(&[&path]);
        assert_eq!(
            (summary.passed, summary.failed),
            (0, 1),
            "{name}: {summary}"
        );
        assert!(summary.lines[0].starts_with("ERROR"), "{name}: {summary}");
        assert!(
            summary.lines[0].contains(name),
            "{name}: the error names the file: {summary}"
        );
    }
    std::fs::remove_dir_all(&dir).expect("clean up");
}
