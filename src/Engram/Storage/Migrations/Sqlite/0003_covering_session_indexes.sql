-- The session lists read every column they return from the index itself. Without that, each listed
-- row costs one more search of the table (its key is account and id), and those searches are
-- cheap only for the newest rows, which sit on the table's last page: a page deep in the list
-- cost about 25% more than the first one. The trailing deleted_at (always NULL here) is what
-- lets SQLite see these partial indexes as covering. PostgreSQL keeps its plain indexes: a
-- btree entry there is capped at about 2.7 kB, and metadata can be longer.
DROP INDEX sessions_live;
CREATE INDEX sessions_live ON sessions
    (account_id, created_at DESC, id DESC, customer_user_id, metadata, updated_at, ended_at, deleted_at)
    WHERE deleted_at IS NULL;
DROP INDEX sessions_live_by_customer;
CREATE INDEX sessions_live_by_customer ON sessions
    (account_id, customer_user_id, created_at DESC, id DESC, metadata, updated_at, ended_at, deleted_at)
    WHERE deleted_at IS NULL;
