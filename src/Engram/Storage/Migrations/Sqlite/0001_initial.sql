-- Accounts own everything; an API key belongs to one account.
CREATE TABLE accounts (
    id          TEXT    NOT NULL PRIMARY KEY,
    created_at  INTEGER NOT NULL
);

CREATE TABLE api_keys (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account_id    TEXT    NOT NULL REFERENCES accounts (id),
    prefix        TEXT    NOT NULL,
    key_hash      BLOB    NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER,
    revoked_at    INTEGER
);
CREATE INDEX api_keys_by_prefix ON api_keys (prefix);

-- Secrets shared by every node on this database (the page-token signing key).
CREATE TABLE settings (
    name   TEXT NOT NULL PRIMARY KEY,
    value  BLOB NOT NULL
);

-- Times are UTC milliseconds. Deleted sessions stay (soft delete) so their ids stay taken.
CREATE TABLE sessions (
    account_id        TEXT    NOT NULL,
    id                TEXT    NOT NULL,
    customer_user_id  TEXT,
    metadata          TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    deleted_at        INTEGER,
    ended_at          INTEGER,
    PRIMARY KEY (account_id, id)
) WITHOUT ROWID;
-- Newest first, all of an account's live sessions or one customer's: each list is one index seek.
CREATE INDEX sessions_live ON sessions (account_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX sessions_live_by_customer ON sessions (account_id, customer_user_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;

-- seq is the creation order. AUTOINCREMENT never reuses a number, so a page token that points at
-- a deleted message can never come to point at a newer one.
CREATE TABLE messages (
    seq               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account_id        TEXT    NOT NULL,
    id                TEXT    NOT NULL,
    session_id        TEXT    NOT NULL,
    role              TEXT    NOT NULL,
    content           TEXT    NOT NULL,
    customer_user_id  TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    deleted_at        INTEGER -- set when the message's session is deleted
);
CREATE UNIQUE INDEX messages_by_id ON messages (account_id, id);
CREATE INDEX messages_live ON messages (account_id, seq) WHERE deleted_at IS NULL;
CREATE INDEX messages_live_by_session ON messages (account_id, session_id, seq) WHERE deleted_at IS NULL;
CREATE INDEX messages_live_by_customer ON messages (account_id, customer_user_id, seq) WHERE deleted_at IS NULL;
CREATE INDEX messages_live_by_role ON messages (account_id, role, seq) WHERE deleted_at IS NULL;

CREATE TABLE users (
    account_id  TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    first_name  TEXT    NOT NULL,
    last_name   TEXT    NOT NULL,
    email       TEXT,
    phone       TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
) WITHOUT ROWID;
CREATE INDEX users_by_created ON users (account_id, created_at DESC, id DESC);
