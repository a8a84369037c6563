-- Users, signing keys, refresh tokens and counted login attempts (PostgreSQL).

CREATE TABLE users (
    id            TEXT   PRIMARY KEY,
    email         TEXT   NOT NULL UNIQUE,
    password_hash TEXT   NOT NULL,
    role          TEXT   NOT NULL DEFAULT 'user',
    created_at    BIGINT NOT NULL
);

-- The key with the highest generation signs; retire_at is NULL for it and set, when it is
-- rotated out, to the moment its last token expires.
CREATE TABLE signing_keys (
    generation  BIGINT PRIMARY KEY,
    kid         TEXT   NOT NULL UNIQUE,
    algorithm   TEXT   NOT NULL,
    private_jwk TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    retire_at   BIGINT
);

-- Only the SHA-256 of each refresh token is stored.
CREATE TABLE refresh_tokens (
    token_hash BYTEA  PRIMARY KEY,
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id  TEXT   NOT NULL,
    state      TEXT   NOT NULL CHECK (state IN ('active', 'spent', 'revoked')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

CREATE TABLE login_attempts (
    id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT   NOT NULL,
    at    BIGINT NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_at ON login_attempts (at);
