-- A public id per session, so the account page can list and revoke sessions without ever
-- showing the token or its hash. A volatile default gives each existing row its own id.
ALTER TABLE sessions ADD COLUMN id text NOT NULL DEFAULT gen_random_uuid()::text;
CREATE UNIQUE INDEX sessions_id_key ON sessions (id);
