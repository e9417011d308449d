-- A session's (or a customer's) messages of one role: the page and its totalCount are one range
-- of these indexes, so counting never steps over the other roles' messages.
CREATE INDEX messages_live_by_session_role ON messages (account_id, session_id, role, seq) WHERE deleted_at IS NULL;
CREATE INDEX messages_live_by_customer_role ON messages (account_id, customer_user_id, role, seq) WHERE deleted_at IS NULL;
