//! Signs and verifies a token with every algorithm, then shows what verification refuses.
//!
//! ```text
//! cargo run -p jwt-core --example quickstart
//! ```
//!
//! The keys are the crate's test keys: never use them for anything real.

use jwt_core::{Algorithm, Claims, Error, Header, HmacKey, SigningKey, Validation, VerifyingKey};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug)]
struct Access {
    sub: String,
    iss: String,
    aud: String,
    role: String,
    iat: u64,
    exp: u64,
}

fn signing_keys() -> Result<Vec<SigningKey>, Error> {
    let rsa = include_str!("../tests/keys/rsa2048-private-pkcs8.pem");
    let p256 = include_str!("../tests/keys/p256-private-sec1.pem");
    let p384 = include_str!("../tests/keys/p384-private-pkcs8.pem");
    let ed25519 = include_str!("../tests/keys/ed25519-private-pkcs8.pem");
    let secret = HmacKey::new(b"an example secret of 64 bytes, for every HMAC algorithm at once!")?;
    Ok(vec![
        SigningKey::hmac(Algorithm::HS256, secret.clone())?,
        SigningKey::hmac(Algorithm::HS384, secret.clone())?,
        SigningKey::hmac(Algorithm::HS512, secret)?,
        SigningKey::from_pem(Algorithm::RS256, rsa)?,
        SigningKey::from_pem(Algorithm::RS384, rsa)?,
        SigningKey::from_pem(Algorithm::RS512, rsa)?,
        SigningKey::from_pem(Algorithm::ES256, p256)?,
        SigningKey::from_pem(Algorithm::ES384, p384)?,
        SigningKey::from_pem(Algorithm::PS256, rsa)?,
        SigningKey::from_pem(Algorithm::PS384, rsa)?,
        SigningKey::from_pem(Algorithm::PS512, rsa)?,
        SigningKey::from_pem(Algorithm::EdDSA, ed25519)?,
    ])
}

fn main() -> Result<(), Error> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let claims = Access {
        sub: "user_123".into(),
        iss: "https://auth.example.com".into(),
        aud: "api".into(),
        role: "admin".into(),
        iat: now,
        exp: now + 900,
    };

    for signer in signing_keys()? {
        let token = jwt_core::encode(&signer, &Header::new().with_kid("demo"), &claims)?;
        let validation = Validation::new(signer.algorithm())
            .issuer("https://auth.example.com")
            .audience("api");
        let verified = jwt_core::decode::<Access>(&token, &signer.verifying_key(), &validation)?;
        println!(
            "{:<6} {:>4}-byte token verified: sub={} role={}",
            verified.algorithm.name(),
            token.len(),
            verified.claims.sub,
            verified.claims.role,
        );
    }

    println!("\nWhat verification refuses:");
    let hs256 = SigningKey::hmac(Algorithm::HS256, HmacKey::new(&[7; 32])?)?;
    let key = hs256.verifying_key();
    let validation = Validation::new(Algorithm::HS256)
        .issuer("https://auth.example.com")
        .audience("api");
    let token = jwt_core::encode(&hs256, &Header::new(), &claims)?;

    let tampered = tamper(&token);
    refuse(
        "a tampered payload (role changed to \"root\")",
        &tampered,
        &key,
        &validation,
    );

    let rsa_public = VerifyingKey::from_pem(include_str!("../tests/keys/rsa2048-public-spki.pem"))?;
    let both = validation.clone().allow(Algorithm::RS256);
    refuse(
        "an HS256 token offered to an RSA key",
        &token,
        &rsa_public,
        &both,
    );

    let es384 = SigningKey::from_pem(
        Algorithm::ES384,
        include_str!("../tests/keys/p384-private-pkcs8.pem"),
    )?;
    let p256_public = VerifyingKey::from_pem(include_str!("../tests/keys/p256-public-spki.pem"))?;
    let curves = Validation::new(Algorithm::ES256)
        .allow(Algorithm::ES384)
        .issuer("https://auth.example.com")
        .audience("api");
    refuse(
        "an ES384 token offered to a P-256 key",
        &jwt_core::encode(&es384, &Header::new(), &claims)?,
        &p256_public,
        &curves,
    );

    let expired = Access {
        iat: now - 3600,
        exp: now - 60,
        ..claims
    };
    let expired = jwt_core::encode(&hs256, &Header::new(), &expired)?;
    refuse("an expired token", &expired, &key, &validation);

    let unsigned = format!(
        "eyJhbGciOiJub25lIn0.{}.",
        token.split('.').nth(1).unwrap_or_default()
    );
    refuse(
        "an unsigned token (alg \"none\")",
        &unsigned,
        &key,
        &validation,
    );
    Ok(())
}

/// The token with its payload's role replaced, signature untouched.
fn tamper(token: &str) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let mut parts: Vec<String> = token.split('.').map(String::from).collect();
    let payload = Base64UrlUnpadded::decode_vec(&parts[1]).unwrap_or_default();
    let forged = String::from_utf8_lossy(&payload).replace("\"admin\"", "\"root\"");
    parts[1] = Base64UrlUnpadded::encode_string(forged.as_bytes());
    parts.join(".")
}

fn refuse(what: &str, token: &str, key: &VerifyingKey, validation: &Validation) {
    match jwt_core::decode::<Claims>(token, key, validation) {
        Ok(_) => println!("  {what}: ACCEPTED (this is a bug)"),
        Err(err) => println!("  {what}: refused, {} ({err})", err.kind()),
    }
}
