-- The security-event log: who did what, when, from where, with what outcome (docs/server.md,
-- "Security events"). Never a secret: no tokens, codes, hashes of them, public keys or addresses.

CREATE TABLE security_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),   -- the database clock, like every other time
  kind text NOT NULL CHECK (kind IN (
    'sign-up', 'sign-in', 'reauthentication', 'passkey-added', 'passkey-renamed', 'passkey-removed',
    'email-verified', 'email-changed', 'session-revoked', 'other-sessions-revoked', 'signed-out',
    'recovery-codes-created', 'two-factor-changed', 'rate-limited', 'account-deleted')),
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
  -- The account, when known; its events go with it when it is deleted.
  user_id text REFERENCES users (id) ON DELETE CASCADE,
  -- Only on `account-deleted`, which outlives the account: a keyed hash of the deleted user's id.
  subject_hash text,
  session_id text,                                  -- public id of the session it happened in (no foreign key: sessions end)
  client_address text,                              -- as the rate limits count it: IPv4, or the IPv6 /64
  user_agent text,                                  -- shortened, as the sessions list keeps it
  detail jsonb NOT NULL DEFAULT '{}'                -- e.g. {"method": "passkey"}, {"passkeyName": "Work laptop"}
);
CREATE INDEX security_events_user_idx ON security_events (user_id, occurred_at DESC);
CREATE INDEX security_events_occurred_at_idx ON security_events (occurred_at);
