-- Sessions end after an idle time as well as at their absolute expiry. `idle_expires_at` moves
-- forward whenever activity is noted, so the checks and the purge need no configuration and use
-- the database clock. Existing sessions (and rows written without it) get the default idle time
-- of 30 minutes; the server always sets it from its configuration.
ALTER TABLE sessions ADD COLUMN idle_expires_at timestamptz NOT NULL DEFAULT now() + interval '30 minutes';
UPDATE sessions SET idle_expires_at = least(expires_at, last_active_at + interval '30 minutes');
CREATE INDEX sessions_idle_expires_at_idx ON sessions (idle_expires_at);

-- The cap per account ends an account's least recently active sessions first.
DROP INDEX sessions_user_id_idx;
CREATE INDEX sessions_user_id_last_active_at_idx ON sessions (user_id, last_active_at);
