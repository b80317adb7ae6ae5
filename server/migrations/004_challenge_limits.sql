-- Pending challenges per client: each challenge remembers who asked for it (a keyed hash of the
-- client address, never the address), so one client can hold only so many at once. And whether
-- the ceremony is bound to one account: identifier-first sign-in, re-authentication, adding a
-- passkey; bound with no user_id, it is a decoy for an identifier without an account.
ALTER TABLE challenges ADD COLUMN client_key text;
ALTER TABLE challenges ADD COLUMN account_bound boolean NOT NULL DEFAULT false;
UPDATE challenges SET account_bound = true WHERE user_id IS NOT NULL;
CREATE INDEX challenges_client_key_idx ON challenges (client_key, expires_at);
