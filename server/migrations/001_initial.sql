-- Accounts, their passkeys, pending ceremonies and sign-in sessions.
-- Runs on PostgreSQL and on PGlite alike: keep to plain PostgreSQL without extensions.

CREATE TABLE users (
  id text PRIMARY KEY,                        -- opaque random id, never shown to authenticators
  identifier text NOT NULL CONSTRAINT users_identifier_key UNIQUE,  -- normalised email or username
  display_name text NOT NULL,
  webauthn_user_id text NOT NULL CONSTRAINT users_webauthn_user_id_key UNIQUE,  -- base64url user handle
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE credentials (
  id text PRIMARY KEY,                        -- credential id, base64url
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  public_key bytea NOT NULL,                  -- COSE-encoded
  counter bigint NOT NULL DEFAULT 0,
  transports text[] NOT NULL DEFAULT '{}',
  aaguid text NOT NULL,
  device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up boolean NOT NULL,
  name text,                                  -- set by the user later; null shows a default
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX credentials_user_id_idx ON credentials (user_id);

CREATE TABLE challenges (
  challenge text PRIMARY KEY,                 -- base64url, single-use
  purpose text NOT NULL CHECK (purpose IN ('register', 'login', 'add-passkey', 'reauthenticate')),
  user_id text REFERENCES users (id) ON DELETE CASCADE,  -- set when the ceremony is for one account
  pending jsonb,                              -- sign-up data: {identifier, displayName, webauthnUserId}
  expires_at timestamptz NOT NULL
);
CREATE INDEX challenges_user_id_idx ON challenges (user_id);
CREATE INDEX challenges_expires_at_idx ON challenges (expires_at);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,                -- sha256 hex of the cookie value; the value is never stored
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id text REFERENCES credentials (id) ON DELETE SET NULL,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_active_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  verified_at timestamptz NOT NULL DEFAULT now()  -- last passkey verification, for re-authentication
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_credential_id_idx ON sessions (credential_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
