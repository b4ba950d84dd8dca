-- Issue 12 ("Secure on the clinical network"): accounts with a role. Secrets are stored only as
-- BCrypt hashes (salted, slow; the salt is inside the hash). A script token is found by its
-- public id (token_id, the part before the dot) and then checked against token_hash, so no
-- secret is ever stored or compared in clear. Column names avoid the reserved words USER, ROLE
-- and PASSWORD. Portable SQL: H2 2.x and PostgreSQL 10+.
CREATE TABLE accounts (
    account_name VARCHAR(64) NOT NULL PRIMARY KEY,
    account_role VARCHAR(16) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    token_id VARCHAR(32) NOT NULL UNIQUE,
    token_hash VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
