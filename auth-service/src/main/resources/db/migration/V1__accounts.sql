CREATE TABLE operators (
    code       CHAR(9)      NOT NULL,
    name       VARCHAR(100) NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (code)
);

CREATE TABLE users (
    id            CHAR(36)     NOT NULL,
    username      VARCHAR(32)  NOT NULL,
    -- Lower-cased: "Alice" and "alice" are the same account name.
    username_key  VARCHAR(32)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    phone         VARCHAR(32)  NULL,
    role          VARCHAR(16)  NOT NULL,
    operator_code CHAR(9)      NULL,
    created_at    DATETIME(6)  NOT NULL,
    version       BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_users_username (username_key),
    CONSTRAINT fk_users_operator FOREIGN KEY (operator_code) REFERENCES operators (code)
);

-- Opaque refresh tokens, stored as SHA-256 hashes. A family is one login's chain of rotations.
CREATE TABLE refresh_tokens (
    id         CHAR(36)    NOT NULL,
    family_id  CHAR(36)    NOT NULL,
    user_id    CHAR(36)    NOT NULL,
    token_hash CHAR(64)    NOT NULL,
    issued_at  DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    used_at    DATETIME(6) NULL,
    revoked_at DATETIME(6) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_refresh_token_hash (token_hash),
    KEY ix_refresh_family (family_id),
    CONSTRAINT fk_refresh_user FOREIGN KEY (user_id) REFERENCES users (id)
);
