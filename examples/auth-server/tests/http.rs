//! The HTTP interface over real HTTP on localhost, every row of the table, against SQLite
//! and PostgreSQL. The PostgreSQL variants are `#[ignore]`d unless run through
//! `tests/postgres.sh`, which starts a throwaway cluster and runs them with `--ignored`.

#[path = "http/client.rs"]
mod client;
#[path = "http/server.rs"]
mod server;

use std::sync::Arc;
use std::time::{Duration, Instant};

use auth_server::store::{self, NewUser, Store, User};
use serde_json::json;

use server::{Backend, Database, PASSWORD, Server, command, parts};

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                #[ignore = "needs PostgreSQL: run examples/auth-server/tests/postgres.sh"]
                async fn $name() {
                    super::$name(super::Backend::Postgres).await
                }
            )*
        }
    };
}

on_both_backends!(
    register_creates_a_user,
    register_refuses_bad_emails_and_passwords,
    register_refuses_a_taken_email,
    login_issues_an_access_token_and_a_refresh_cookie,
    login_failures_look_the_same_whether_or_not_the_email_exists,
    login_throttle_after_five_failures,
    refresh_rotates_the_refresh_token,
    refresh_reuse_revokes_the_whole_family,
    refresh_refuses_missing_unknown_and_expired_tokens,
    logout_revokes_the_family_and_clears_the_cookie,
    me_needs_a_valid_bearer_token,
    me_refuses_wrong_issuer_and_audience,
    admin_route_needs_the_admin_role,
    jwks_publishes_the_public_keys_only,
    key_rotation_keeps_old_tokens_verifying,
    rs256_and_hs256_are_selectable,
    bad_bodies_get_json_errors_and_write_nothing,
    cookie_requests_from_other_origins_are_refused,
    unknown_routes_and_methods_get_json_errors,
    two_instances_behave_as_one_server,
    dev_mode_drops_secure_from_the_cookie,
    store_purge_forgets_expired_rows,
    store_set_role_tells_whether_the_user_exists,
);

/// RFC 6749 section 5.1 and the cookie of the issue: everything a login or refresh returns.
fn assert_session(response: &client::Response, expires_in: u64) -> (String, String) {
    assert_eq!(response.status, 200, "{:?}", response.json());
    assert_eq!(response.header("cache-control"), Some("no-store"));
    let body = response.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], expires_in);
    assert_eq!(body.as_object().map(|o| o.len()), Some(3), "{body}");
    let set_cookie = response.header("set-cookie").unwrap();
    let attributes: Vec<&str> = set_cookie.split("; ").skip(1).collect();
    assert_eq!(
        attributes,
        [
            "HttpOnly",
            "Secure",
            "SameSite=Strict",
            "Path=/auth",
            &format!("Max-Age={}", 7 * 24 * 3600)
        ]
    );
    let cookie = response.refresh_cookie();
    // 256 bits, base64url.
    assert_eq!(cookie.len(), "refresh_token=".len() + 43, "{cookie}");
    (response.access_token(), cookie)
}

/// RFC 6750 section 3: a refused bearer token, and why.
#[track_caller]
fn assert_invalid_token(response: &client::Response, description: &str) {
    response.assert_error(401, "invalid_token");
    assert_eq!(
        response.header("www-authenticate"),
        Some(
            format!("Bearer error=\"invalid_token\", error_description=\"{description}\"").as_str()
        )
    );
}

/// A login with a wrong password for `email`, refused as every failed login is.
async fn wrong_password(server: &Server, email: &str) {
    let response = server.login(email, "wrong password").await;
    response.assert_error(401, "invalid_credentials");
}

fn assert_cookie_cleared(response: &client::Response) {
    assert_eq!(
        response.header("set-cookie"),
        Some("refresh_token=; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age=0")
    );
}

async fn register_creates_a_user(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let response = server.register("  Ada@Example.COM ", PASSWORD).await;
    assert_eq!(response.status, 201);
    let body = response.json();
    assert_eq!(body["email"], "ada@example.com");
    assert_eq!(body["id"].as_str().map(str::len), Some(22));
    assert_eq!(body.as_object().map(|o| o.len()), Some(2), "{body}");
    // The normalised email logs in.
    assert_eq!(server.login("ADA@example.com", PASSWORD).await.status, 200);
}

async fn register_refuses_bad_emails_and_passwords(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    for email in ["", "ada", "ada@localhost", "a da@example.com"] {
        let response = server.register(email, PASSWORD).await;
        response.assert_error(400, "invalid_email");
    }
    for password in ["", "1234567", &"x".repeat(1025)] {
        let response = server.register("ada@example.com", password).await;
        response.assert_error(400, "invalid_password");
    }
    // Exactly 8 and 1024 bytes are fine.
    assert_eq!(
        server.register("ada@example.com", "12345678").await.status,
        201
    );
    assert_eq!(
        server
            .register("bob@example.com", &"x".repeat(1024))
            .await
            .status,
        201
    );
}

async fn register_refuses_a_taken_email(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    assert_eq!(
        server.register("ada@example.com", PASSWORD).await.status,
        201
    );
    let again = server
        .register("ADA@example.com ", "another password")
        .await;
    again.assert_error(409, "email_taken");
    // The first password still holds.
    assert_eq!(server.login("ada@example.com", PASSWORD).await.status, 200);
    assert_eq!(
        server
            .login("ada@example.com", "another password")
            .await
            .status,
        401
    );
}

async fn login_issues_an_access_token_and_a_refresh_cookie(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let id = server.register("ada@example.com", PASSWORD).await.json()["id"].clone();
    let before = auth_server::now();
    let (token, _) = assert_session(&server.login("ada@example.com", PASSWORD).await, 900);
    let (header, claims) = parts(&token);
    assert_eq!(header["alg"], "EdDSA");
    assert_eq!(header["typ"], "at+jwt");
    assert_eq!(claims["iss"], "auth-server");
    assert_eq!(claims["aud"], "auth-server");
    assert_eq!(claims["sub"], id);
    assert_eq!(claims["role"], "user");
    assert_eq!(claims["jti"].as_str().map(str::len), Some(22));
    let iat = claims["iat"].as_i64().unwrap();
    assert!((before..=before + 5).contains(&iat), "{claims}");
    assert_eq!(claims["exp"].as_i64(), Some(iat + 900));
    assert_eq!(claims.as_object().map(|o| o.len()), Some(7), "{claims}");

    let me = server.get("/api/me", Some(&token)).await;
    assert_eq!(me.status, 200);
    assert_eq!(
        me.json(),
        json!({"id": id, "email": "ada@example.com", "role": "user"})
    );
}

async fn login_failures_look_the_same_whether_or_not_the_email_exists(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    assert_eq!(
        server.register("ada@example.com", PASSWORD).await.status,
        201
    );
    // Pairs taken back to back, so that a machine busy with other tests slows both alike.
    let mut ratios = Vec::new();
    for round in 0..5 {
        let started = Instant::now();
        let wrong = server.login("ada@example.com", "not the password").await;
        let wrong_time = started.elapsed();
        let started = Instant::now();
        let unknown = server
            .login(&format!("nobody{round}@example.com"), PASSWORD)
            .await;
        ratios.push(started.elapsed().as_secs_f64() / wrong_time.as_secs_f64());
        assert_eq!(wrong.status, 401);
        assert_eq!(unknown.status, 401);
        assert_eq!(wrong.body, unknown.body);
        assert_eq!(wrong.error(), "invalid_credentials");
    }
    // Both hash a password (the unknown email against a dummy hash): the same order of time,
    // where skipping the hash would make the unknown email some ten to a hundred times faster.
    ratios.sort_by(f64::total_cmp);
    let median = ratios[2];
    assert!(
        (0.25..4.0).contains(&median),
        "time of an unknown email over a wrong password: {ratios:?}"
    );
}

async fn login_throttle_after_five_failures(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    for email in ["ada@example.com", "bob@example.com"] {
        assert_eq!(server.register(email, PASSWORD).await.status, 201);
    }
    for _ in 0..5 {
        wrong_password(&server, "ada@example.com").await;
    }
    // The sixth attempt is refused before the password is looked at, right or wrong.
    for password in ["wrong password", PASSWORD] {
        let response = server.login("Ada@example.com", password).await;
        response.assert_error(429, "too_many_attempts");
        let retry_after: u64 = response.header("retry-after").unwrap().parse().unwrap();
        assert!((880..=900).contains(&retry_after), "{retry_after}");
    }
    // Another email is not affected, and a success clears its own count.
    for _ in 0..4 {
        wrong_password(&server, "bob@example.com").await;
    }
    assert_eq!(server.login("bob@example.com", PASSWORD).await.status, 200);
    for _ in 0..5 {
        wrong_password(&server, "bob@example.com").await;
    }
    assert_eq!(server.login("bob@example.com", PASSWORD).await.status, 429);
    // Unknown emails are counted the same way.
    for _ in 0..5 {
        assert_eq!(server.login("eve@example.com", PASSWORD).await.status, 401);
    }
    assert_eq!(server.login("eve@example.com", PASSWORD).await.status, 429);
}

async fn refresh_rotates_the_refresh_token(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let (first_token, first) = server.session("ada@example.com").await;
    let refreshed = server.refresh(Some(&first)).await;
    let (token, second) = assert_session(&refreshed, 900);
    assert_ne!(first, second);
    assert_ne!(first_token, token);
    assert_eq!(parts(&token).1["sub"], parts(&first_token).1["sub"]);
    assert_eq!(server.get("/api/me", Some(&token)).await.status, 200);
    // The new one rotates in turn.
    let third = server.refresh(Some(&second)).await;
    assert_ne!(assert_session(&third, 900).1, second);
}

async fn refresh_reuse_revokes_the_whole_family(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let (_, stolen) = server.session("ada@example.com").await;
    let (_, other_session) = server.session("bob@example.com").await;
    let rotated = server.refresh(Some(&stolen)).await;
    let (_, newest) = assert_session(&rotated, 900);

    // RFC 9700 section 4.14.2: the spent token presented again is theft...
    let replay = server.refresh(Some(&stolen)).await;
    replay.assert_error(401, "invalid_refresh_token");
    assert_cookie_cleared(&replay);
    // ...so the newest token of the family stops working too.
    let newest = server.refresh(Some(&newest)).await;
    newest.assert_error(401, "invalid_refresh_token");
    // Other families are untouched.
    let other = server.refresh(Some(&other_session)).await;
    assert_eq!(other.status, 200);
}

async fn refresh_refuses_missing_unknown_and_expired_tokens(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &["--refresh-ttl", "1"]).await;
    let missing = server.refresh(None).await;
    missing.assert_error(401, "invalid_refresh_token");
    assert_cookie_cleared(&missing);
    let unknown_value = format!("refresh_token={}", "A".repeat(43));
    let malformed_value = "refresh_token=not-a-token".to_owned();
    for cookie in [unknown_value, malformed_value] {
        let response = server.refresh(Some(&cookie)).await;
        response.assert_error(401, "invalid_refresh_token");
    }
    let (_, cookie) = server.session("ada@example.com").await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let expired = server.refresh(Some(&cookie)).await;
    expired.assert_error(401, "invalid_refresh_token");
}

async fn logout_revokes_the_family_and_clears_the_cookie(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let (_, first) = server.session("ada@example.com").await;
    let (_, current) = assert_session(&server.refresh(Some(&first)).await, 900);
    let logout = server.logout(Some(&current)).await;
    assert_eq!(logout.status, 204);
    assert!(logout.body.is_empty());
    assert_cookie_cleared(&logout);
    let after = server.refresh(Some(&current)).await;
    after.assert_error(401, "invalid_refresh_token");
    // Idempotent: again, without a cookie, with a made-up one.
    let made_up = format!("refresh_token={}", "B".repeat(43));
    for cookie in [Some(current.as_str()), None, Some(made_up.as_str())] {
        let again = server.logout(cookie).await;
        assert_eq!(again.status, 204);
        assert_cookie_cleared(&again);
    }
}

async fn me_needs_a_valid_bearer_token(backend: Backend) {
    let db = Database::new(backend).await;
    // Lifetimes count whole seconds from a truncated `iat`: 3 s is valid for at least 2.
    let server = Server::start(&db, &["--access-ttl", "3"]).await;
    let (token, _) = server.session("ada@example.com").await;
    assert_eq!(server.get("/api/me", Some(&token)).await.status, 200);

    // RFC 6750 section 3: no token, a bare challenge.
    let none = server.get("/api/me", None).await;
    none.assert_error(401, "missing_token");
    assert_eq!(none.header("www-authenticate"), Some("Bearer"));

    let mut bad_signature = token.clone();
    let last = bad_signature.pop().unwrap();
    bad_signature.push(if last == 'A' { 'Q' } else { 'A' });
    // RFC 7519 section 6.1: an unsecured token, {"alg":"none"}, with the real claims.
    let claims = token.split('.').nth(1).unwrap();
    let unsecured = format!("eyJhbGciOiJub25lIn0.{claims}.");
    for (token, description) in [
        ("not-a-jwt", "the token is malformed"),
        (unsecured.as_str(), "the token's algorithm is not accepted"),
        (bad_signature.as_str(), "the signature does not verify"),
    ] {
        assert_invalid_token(&server.get("/api/me", Some(token)).await, description);
    }

    tokio::time::sleep(Duration::from_millis(4100)).await;
    let expired = server.get("/api/me", Some(&token)).await;
    assert_invalid_token(&expired, "the access token expired");
}

async fn me_refuses_wrong_issuer_and_audience(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let (token, _) = server.session("ada@example.com").await;
    // The same keys (same store), another issuer or audience.
    for (flags, description) in [
        (
            ["--issuer", "https://other.example"],
            "the token has another issuer",
        ),
        (
            ["--audience", "another-api"],
            "the token is meant for another audience",
        ),
    ] {
        let other = Server::start(&db, &flags).await;
        assert_invalid_token(&other.get("/api/me", Some(&token)).await, description);
    }
}

async fn admin_route_needs_the_admin_role(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let (user_token, _) = server.session("ada@example.com").await;
    server.session("bob@example.com").await;

    let none = server.get("/api/admin/users", None).await;
    none.assert_error(401, "missing_token");
    let forbidden = server.get("/api/admin/users", Some(&user_token)).await;
    forbidden.assert_error(403, "insufficient_scope");
    assert_eq!(
        forbidden.header("www-authenticate"),
        Some(
            "Bearer error=\"insufficient_scope\", error_description=\"this route needs the role admin\", scope=\"admin\""
        )
    );

    let output = command(&db, &["users", "set-role", "ADA@example.com", "admin"]);
    assert!(
        output.contains("ada@example.com now has the role admin"),
        "{output}"
    );
    // The role travels in the token: the next login carries it.
    let admin_token = server
        .login("ada@example.com", PASSWORD)
        .await
        .access_token();
    assert_eq!(parts(&admin_token).1["role"], "admin");
    let listed = server.get("/api/admin/users", Some(&admin_token)).await;
    assert_eq!(listed.status, 200);
    let users = listed.json()["users"].as_array().unwrap().clone();
    let mut emails: Vec<&str> = users.iter().map(|u| u["email"].as_str().unwrap()).collect();
    emails.sort_unstable();
    assert_eq!(emails, ["ada@example.com", "bob@example.com"]);
    for user in &users {
        let mut fields: Vec<&String> = user.as_object().unwrap().keys().collect();
        fields.sort();
        assert_eq!(fields, ["email", "id", "role"], "no password hash: {user}");
    }
    assert!(!String::from_utf8_lossy(&listed.body).contains("argon2"));
}

async fn jwks_publishes_the_public_keys_only(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let (token, _) = server.session("ada@example.com").await;
    let response = server.get("/.well-known/jwks.json", None).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some("application/json"));
    let jwks = response.json();
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert_eq!(key["kid"], parts(&token).0["kid"]);
    assert_eq!(
        (key["alg"].as_str(), key["use"].as_str()),
        (Some("EdDSA"), Some("sig"))
    );
    let mut members: Vec<&String> = key.as_object().unwrap().keys().collect();
    members.sort();
    assert_eq!(
        members,
        ["alg", "crv", "kid", "kty", "use", "x"],
        "no private member d"
    );
}

async fn key_rotation_keeps_old_tokens_verifying(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &["--key-reload", "1"]).await;
    // An instance that would not reload on its own for an hour.
    let slow = Server::start(&db, &["--key-reload", "3600"]).await;
    let (before, _) = server.session("ada@example.com").await;
    let old_kid = parts(&before).0["kid"].clone();

    let output = command(&db, &["keys", "rotate"]);
    assert!(output.contains("new EdDSA signing key"), "{output}");
    tokio::time::sleep(Duration::from_millis(1600)).await;

    let after = server
        .login("ada@example.com", PASSWORD)
        .await
        .access_token();
    assert_ne!(parts(&after).0["kid"], old_kid);
    for token in [&before, &after] {
        assert_eq!(server.get("/api/me", Some(token)).await.status, 200);
        // The slow instance meets the new kid and reloads the key set at once.
        assert_eq!(slow.get("/api/me", Some(token)).await.status, 200);
    }
    let jwks = server.jwks().await;
    let kids: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| key["kid"].as_str().unwrap())
        .collect();
    assert_eq!(kids.len(), 2);
    assert!(kids.contains(&old_kid.as_str().unwrap()));
    assert!(kids.contains(&parts(&after).0["kid"].as_str().unwrap()));
}

async fn rs256_and_hs256_are_selectable(backend: Backend) {
    for (algorithm, public_keys) in [("RS256", 1), ("HS256", 0)] {
        let db = Database::new(backend).await;
        let server = Server::start(&db, &["--algorithm", algorithm]).await;
        let (token, _) = server.session("ada@example.com").await;
        assert_eq!(parts(&token).0["alg"], algorithm);
        assert_eq!(server.get("/api/me", Some(&token)).await.status, 200);
        let jwks = server.jwks().await;
        // An HMAC secret has no public form: it is never published.
        assert_eq!(
            jwks["keys"].as_array().map(Vec::len),
            Some(public_keys),
            "{jwks}"
        );
        assert!(!jwks.to_string().contains("\"d\""), "{jwks}");
        assert!(!jwks.to_string().contains("\"k\""), "{jwks}");
    }
}

async fn bad_bodies_get_json_errors_and_write_nothing(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let valid = json!({"email": "ada@example.com", "password": PASSWORD}).to_string();
    let huge = json!({"email": "ada@example.com", "password": "x".repeat(17 * 1024)}).to_string();
    let unknown_field =
        json!({"email": "ada@example.com", "password": PASSWORD, "role": "admin"}).to_string();
    let cases: [(&str, &str, String, u16, &str); 7] = [
        (
            "text/plain",
            "register",
            valid.clone(),
            415,
            "unsupported_media_type",
        ),
        ("", "login", valid.clone(), 415, "unsupported_media_type"),
        ("application/json", "register", huge, 413, "body_too_large"),
        (
            "application/json",
            "register",
            "{\"email\": ".into(),
            400,
            "invalid_json",
        ),
        (
            "application/json",
            "register",
            unknown_field,
            422,
            "invalid_body",
        ),
        (
            "application/json",
            "register",
            json!({"email": "ada@example.com"}).to_string(),
            422,
            "invalid_body",
        ),
        (
            "application/json",
            "login",
            json!({"email": 1, "password": PASSWORD}).to_string(),
            422,
            "invalid_body",
        ),
    ];
    for (content_type, route, body, status, code) in cases {
        let headers: Vec<(&str, &str)> = Some(("content-type", content_type))
            .filter(|(_, value)| !value.is_empty())
            .into_iter()
            .collect();
        let response = client::send(
            server.addr,
            "POST",
            &format!("/auth/{route}"),
            &headers,
            body,
        )
        .await;
        assert_eq!(
            (response.status, response.error()),
            (status, code.into()),
            "{route} {content_type}"
        );
    }
    // Nothing was written: the email is free, and nobody got the admin role.
    let registered = server.register("ada@example.com", PASSWORD).await;
    assert_eq!(registered.status, 201);
    let (token, _) = server.session("bob@example.com").await;
    assert_eq!(parts(&token).1["role"], "user");
}

async fn cookie_requests_from_other_origins_are_refused(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let (_, cookie) = server.session("ada@example.com").await;
    let own = format!("http://{}", server.addr);
    for route in ["/auth/refresh", "/auth/logout", "/auth/login"] {
        let response = client::send(
            server.addr,
            "POST",
            route,
            &[("cookie", &cookie), ("origin", "https://evil.example")],
            "",
        )
        .await;
        assert_eq!(
            (response.status, response.error()),
            (403, "forbidden_origin".into()),
            "{route}"
        );
    }
    // The cookie survived, and works from the page's own origin.
    let response = client::send(
        server.addr,
        "POST",
        "/auth/refresh",
        &[("cookie", &cookie), ("origin", &own)],
        "",
    )
    .await;
    assert_eq!(response.status, 200);
}

async fn unknown_routes_and_methods_get_json_errors(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &[]).await;
    let missing = server.get("/nowhere", None).await;
    missing.assert_error(404, "not_found");
    let wrong_method = server.get("/auth/login", None).await;
    wrong_method.assert_error(405, "method_not_allowed");
    let page = server.get("/", None).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.header("content-security-policy")
            .unwrap()
            .contains("script-src 'self'")
    );
}

async fn two_instances_behave_as_one_server(backend: Backend) {
    let db = Database::new(backend).await;
    // Both start on an empty store at once: one first key wins, and both use it.
    let (a, b) = tokio::join!(Server::start(&db, &[]), Server::start(&db, &[]));
    assert_eq!(a.jwks().await, b.jwks().await);
    assert_eq!(a.jwks().await["keys"].as_array().map(Vec::len), Some(1));

    // A token issued by one is accepted by the other.
    let (token, first) = a.session("ada@example.com").await;
    assert_eq!(b.get("/api/me", Some(&token)).await.status, 200);

    // Rotated on one, replayed on the other: reuse, and the family is revoked.
    let (_, second) = assert_session(&a.refresh(Some(&first)).await, 900);
    let replay = b.refresh(Some(&first)).await;
    assert_eq!(replay.status, 401);
    assert_eq!(a.refresh(Some(&second)).await.status, 401);

    // A logout on one revokes on the other.
    let login = b.login("ada@example.com", PASSWORD).await;
    let (_, cookie) = assert_session(&login, 900);
    assert_eq!(a.logout(Some(&cookie)).await.status, 204);
    assert_eq!(b.refresh(Some(&cookie)).await.status, 401);

    // The throttle counts across them.
    for server in [&a, &b, &a, &b, &a] {
        wrong_password(server, "ada@example.com").await;
    }
    assert_eq!(b.login("ada@example.com", PASSWORD).await.status, 429);
    assert_eq!(a.login("ada@example.com", PASSWORD).await.status, 429);
}

async fn dev_mode_drops_secure_from_the_cookie(backend: Backend) {
    let db = Database::new(backend).await;
    let server = Server::start(&db, &["--dev"]).await;
    server.session("ada@example.com").await;
    let login = server.login("ada@example.com", PASSWORD).await;
    let set_cookie = login.header("set-cookie").unwrap();
    assert!(
        set_cookie.ends_with("; HttpOnly; SameSite=Strict; Path=/auth; Max-Age=604800"),
        "{set_cookie}"
    );
    assert!(!set_cookie.contains("Secure"), "{set_cookie}");
}

/// The store on `db`, opened as the server opens it, with one user: `u1`, ada@example.com.
async fn store_with_a_user(db: &Database) -> (Arc<dyn Store>, User) {
    let store = store::open(&db.url).await.unwrap();
    let user = User {
        id: "u1".into(),
        email: "ada@example.com".into(),
        role: "user".into(),
    };
    let new = NewUser {
        user: user.clone(),
        password_hash: "unused".into(),
        created_at: auth_server::now(),
    };
    store.create_user(&new).await.unwrap();
    (store, user)
}

async fn store_purge_forgets_expired_rows(backend: Backend) {
    use auth_server::store::{Attempt, NewRefreshToken, Rotation, TokenHash};
    let db = Database::new(backend).await;
    let (store, _) = store_with_a_user(&db).await;
    let now = auth_server::now();
    let (first, second, third) = (TokenHash([1; 32]), TokenHash([2; 32]), TokenHash([3; 32]));
    let token = |hash: TokenHash, expires_at| NewRefreshToken {
        hash,
        user_id: "u1".into(),
        family_id: "f1".into(),
        created_at: now,
        expires_at,
    };
    store
        .insert_refresh_token(&token(first, now + 100))
        .await
        .unwrap();
    let rotated = store
        .rotate_refresh_token(&first, &second, now + 100, now)
        .await
        .unwrap();
    assert_eq!(
        rotated,
        Rotation::Rotated {
            user_id: "u1".into()
        }
    );
    store
        .insert_refresh_token(&token(third, now + 1000))
        .await
        .unwrap();
    for _ in 0..5 {
        let attempt = store
            .login_attempt("ada@example.com", now, 900, 5)
            .await
            .unwrap();
        assert_eq!(attempt, Attempt::Allowed);
    }

    // Past the first family's expiry and the attempts' window.
    store.purge(now + 901, 900).await.unwrap();
    // The spent token is gone: presented again, it is unknown, not reuse...
    let replayed = store
        .rotate_refresh_token(&first, &second, now + 100, now)
        .await
        .unwrap();
    assert_eq!(replayed, Rotation::Invalid);
    // ...while the unexpired one is kept.
    let kept = store
        .rotate_refresh_token(&third, &TokenHash([4; 32]), now + 100, now)
        .await
        .unwrap();
    assert_eq!(
        kept,
        Rotation::Rotated {
            user_id: "u1".into()
        }
    );
    // The five attempts are forgotten, though within the window as seen from `now + 1`.
    let attempt = store
        .login_attempt("ada@example.com", now + 1, 900, 5)
        .await
        .unwrap();
    assert_eq!(attempt, Attempt::Allowed);
}

async fn store_set_role_tells_whether_the_user_exists(backend: Backend) {
    let db = Database::new(backend).await;
    let (store, user) = store_with_a_user(&db).await;
    assert!(!store.set_role("bob@example.com", "admin").await.unwrap());
    assert_eq!(store.user("u1").await.unwrap(), Some(user));
    assert!(store.set_role("ada@example.com", "admin").await.unwrap());
    let admin = store.user("u1").await.unwrap().unwrap();
    assert_eq!(admin.role, "admin");
}
