-- Email one-time codes: the account's own address, how each session was verified, the codes
-- (keyed hashes only), rate-limit counters shared by every server process, and recovery codes.

-- The address codes go to. An account may sign in with a username and still have one.
ALTER TABLE users ADD COLUMN email text CONSTRAINT users_email_key UNIQUE;
ALTER TABLE users ADD CONSTRAINT users_email_lower_case CHECK (email = lower(email));
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;  -- null until a code sent there came back
ALTER TABLE users ADD COLUMN two_factor_opted_out_at timestamptz;  -- the user's informed choice, with its time
-- Identifiers are already trimmed and lower-cased; an email identifier becomes the (unverified) address.
UPDATE users SET email = identifier WHERE position('@' IN identifier) > 0;

ALTER TABLE sessions ADD COLUMN signed_in_with text NOT NULL DEFAULT 'passkey'
  CHECK (signed_in_with IN ('passkey', 'email-code', 'recovery-code'));
-- What `verified_at` records: a passkey; a code sent for re-authentication; or the code of a code
-- sign-in or sign-up, which counts only for adding a passkey.
ALTER TABLE sessions ADD COLUMN verified_by text NOT NULL DEFAULT 'passkey'
  CHECK (verified_by IN ('passkey', 'reauthentication-code', 'sign-in-code'));
ALTER TABLE sessions ADD COLUMN passkey_required boolean NOT NULL DEFAULT false;  -- may only add a passkey

CREATE TABLE email_codes (
  id text PRIMARY KEY,                        -- random
  purpose text NOT NULL CHECK (purpose IN ('sign-in', 'sign-up', 'reauthenticate', 'verify-email', 'change-email')),
  address text NOT NULL,                      -- normalised (trimmed, lower-cased) address the code went to
  user_id text REFERENCES users (id) ON DELETE CASCADE,  -- the account it is for; null for sign-up and unknown addresses
  code_hash text NOT NULL,                    -- HMAC-SHA256 over purpose, address and code; never the code
  attempts integer NOT NULL DEFAULT 0,
  payload jsonb,                              -- e.g. the display name of a sign-up
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz                     -- set once, by the one check that succeeded
);
-- The newest code of a purpose and address is the live one; older rows only answer `code-used`.
CREATE INDEX email_codes_lookup_idx ON email_codes (purpose, address, created_at);
CREATE INDEX email_codes_user_id_idx ON email_codes (user_id);
CREATE INDEX email_codes_created_at_idx ON email_codes (created_at);

-- Fixed windows that start at their first hit, one row per limited thing (an address, a client).
CREATE TABLE rate_limits (
  key_hash text PRIMARY KEY,                  -- keyed hash of what is limited, so no address is stored here
  hits integer NOT NULL,
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX rate_limits_window_ends_at_idx ON rate_limits (window_ends_at);

CREATE TABLE recovery_codes (
  id text PRIMARY KEY,                        -- random
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,                    -- HMAC-SHA256 over the user and the normalised code
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recovery_codes_user_id_idx ON recovery_codes (user_id);

-- The key of the keyed hashes when the configuration gives none: generated once, shared by every
-- process on this database. One row at most.
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
