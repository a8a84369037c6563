//! What makes a valid account (email and password rules) and how passwords are kept
//! (Argon2id with the `argon2` crate's recommended parameters).

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// The role of a new user.
pub const DEFAULT_ROLE: &str = "user";

/// The role `GET /api/admin/users` requires.
pub const ADMIN_ROLE: &str = "admin";

/// An email address, trimmed and lower-cased, of a plausible shape: one `@` between a
/// non-empty local part and a dotted domain, no spaces or control characters, at most 254
/// bytes (RFC 5321). Deliverability is the mail server's business, not ours.
pub fn normalise_email(raw: &str) -> Option<String> {
    let email = raw.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let plausible = email.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    plausible.then_some(email)
}

/// Passwords are 8 to 1024 bytes: long enough to mean something, short enough to hash
/// without handing anyone a way to make the server work for nothing.
pub fn check_password(password: &str) -> Result<(), &'static str> {
    match password.len() {
        0..8 => Err("the password must be at least 8 bytes long"),
        8..=1024 => Ok(()),
        _ => Err("the password must be at most 1024 bytes long"),
    }
}

/// A role name: 1 to 32 lower-case ASCII letters, digits, `-` or `_`.
pub fn check_role(role: &str) -> bool {
    (1..=32).contains(&role.len())
        && role
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Hashes and checks passwords. Slow on purpose (tens of milliseconds): call it from a
/// blocking task.
pub struct Passwords {
    /// The hash of a random password, checked against when the email is unknown, so that
    /// an unknown email costs the same time as a wrong password.
    dummy: String,
}

impl Passwords {
    /// Ready to hash; makes the dummy hash.
    pub fn new() -> Result<Self, PasswordError> {
        let random = crate::random::base64url::<32>().map_err(|_| PasswordError)?;
        Ok(Self {
            dummy: hash(&random)?,
        })
    }

    /// The Argon2id PHC string of `password`, with a fresh random salt.
    pub fn hash(&self, password: &str) -> Result<String, PasswordError> {
        hash(password)
    }

    /// Whether `password` matches `stored`; with no stored hash (an unknown email), checks
    /// it against the dummy hash anyway and says no.
    pub fn verify(&self, password: &str, stored: Option<&str>) -> bool {
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), stored.unwrap_or(&self.dummy))
            .is_ok();
        matches && stored.is_some()
    }
}

fn hash(password: &str) -> Result<String, PasswordError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|_| PasswordError)
}

/// Hashing failed (the random number generator, or an impossible parameter).
#[derive(Debug)]
pub struct PasswordError;

impl std::fmt::Display for PasswordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("password hashing failed")
    }
}

impl std::error::Error for PasswordError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            normalise_email("  Ada@Example.COM \n").as_deref(),
            Some("ada@example.com")
        );
    }

    #[test]
    fn implausible_emails_are_refused() {
        for email in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "ada@localhost",
            "ada@.example.com",
            "ada@example.com.",
            "ada@b@example.com",
            "a da@example.com",
            "ada@exa\u{0}mple.com",
        ] {
            assert_eq!(normalise_email(email), None, "{email:?}");
        }
        assert_eq!(
            normalise_email(&format!("{}@example.com", "a".repeat(243))),
            None
        );
        assert!(normalise_email(&format!("{}@example.com", "a".repeat(242))).is_some());
    }

    #[test]
    fn passwords_of_8_to_1024_bytes() {
        assert!(check_password("1234567").is_err());
        assert!(check_password("12345678").is_ok());
        assert!(check_password(&"x".repeat(1024)).is_ok());
        assert!(check_password(&"x".repeat(1025)).is_err());
        // Bytes, not characters: four 2-byte characters are 8 bytes.
        assert!(check_password("éééé").is_ok());
    }

    #[test]
    fn roles_are_short_lower_case_words() {
        assert!(check_role("admin"));
        assert!(check_role("support-2"));
        for role in ["", "Admin", "a b", "x".repeat(33).as_str()] {
            assert!(!check_role(role), "{role:?}");
        }
    }

    #[test]
    fn argon2id_hashes_verify_and_unknown_users_never_match() {
        let passwords = Passwords::new().unwrap();
        let hash = passwords.hash("correct horse").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(passwords.verify("correct horse", Some(&hash)));
        assert!(!passwords.verify("wrong horse", Some(&hash)));
        assert!(!passwords.verify("correct horse", None));
        // Salted: the same password hashes differently each time.
        assert_ne!(hash, passwords.hash("correct horse").unwrap());
    }
}
