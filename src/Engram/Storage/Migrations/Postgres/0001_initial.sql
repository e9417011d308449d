-- The same schema as SQLite's 0001. Ids are text COLLATE "C" so that the (created_at, id) keyset
-- orders by bytes, like SQLite: deterministic whatever the server's locale, and index-friendly.
-- Times are bigint UTC milliseconds, so what is stored is exactly what is returned.

-- Accounts own everything; an API key belongs to one account.
CREATE TABLE accounts (
    id          text COLLATE "C" NOT NULL PRIMARY KEY,
    created_at  bigint           NOT NULL
);

CREATE TABLE api_keys (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id    text COLLATE "C" NOT NULL REFERENCES accounts (id),
    prefix        text COLLATE "C" NOT NULL,
    key_hash      bytea            NOT NULL UNIQUE,
    created_at    bigint           NOT NULL,
    last_used_at  bigint,
    revoked_at    bigint
);
CREATE INDEX api_keys_by_prefix ON api_keys (prefix);

-- Secrets shared by every node on this database (the page-token signing key).
CREATE TABLE settings (
    name   text COLLATE "C" NOT NULL PRIMARY KEY,
    value  bytea            NOT NULL
);

-- Deleted sessions stay (soft delete) so their ids stay taken.
CREATE TABLE sessions (
    account_id        text COLLATE "C" NOT NULL,
    id                text COLLATE "C" NOT NULL,
    customer_user_id  text COLLATE "C",
    metadata          text             NOT NULL,
    created_at        bigint           NOT NULL,
    updated_at        bigint           NOT NULL,
    deleted_at        bigint,
    ended_at          bigint,
    PRIMARY KEY (account_id, id)
);
-- Newest first, all of an account's live sessions or one customer's: each list is one index seek.
CREATE INDEX sessions_live ON sessions (account_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX sessions_live_by_customer ON sessions (account_id, customer_user_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;

-- seq is the creation order. An identity never hands out a number twice (not even after a
-- rollback), so a page token that points at a deleted message can never come to point at a newer one.
CREATE TABLE messages (
    seq               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id        text COLLATE "C" NOT NULL,
    id                text COLLATE "C" NOT NULL,
    session_id        text COLLATE "C" NOT NULL,
    role              text COLLATE "C" NOT NULL,
    content           text             NOT NULL,
    customer_user_id  text COLLATE "C",
    created_at        bigint           NOT NULL,
    updated_at        bigint           NOT NULL,
    deleted_at        bigint -- set when the message's session is deleted
);
CREATE UNIQUE INDEX messages_by_id ON messages (account_id, id);
-- Unlike SQLite, PostgreSQL does not know seq alone fixes the order, so the lists' (seq, id) keyset
-- ends each index: the ORDER BY and the row comparison are then an index seek, not a sort.
CREATE INDEX messages_live ON messages (account_id, seq, id) WHERE deleted_at IS NULL;
CREATE INDEX messages_live_by_session ON messages (account_id, session_id, seq, id) WHERE deleted_at IS NULL;
CREATE INDEX messages_live_by_customer ON messages (account_id, customer_user_id, seq, id) WHERE deleted_at IS NULL;
CREATE INDEX messages_live_by_role ON messages (account_id, role, seq, id) WHERE deleted_at IS NULL;

CREATE TABLE users (
    account_id  text COLLATE "C" NOT NULL,
    id          text COLLATE "C" NOT NULL,
    first_name  text             NOT NULL,
    last_name   text             NOT NULL,
    email       text,
    phone       text,
    created_at  bigint           NOT NULL,
    updated_at  bigint           NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX users_by_created ON users (account_id, created_at DESC, id DESC);
