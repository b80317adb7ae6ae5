-- Storing a challenge in one round trip: the purge of those past their grace, the per-client lock,
-- the count against the cap and the insert, which took six before. A PL/pgSQL function because each
-- of its statements sees what others committed before it ran: the count after the lock is exact,
-- which one statement with the lock in a CTE (its snapshot taken before the lock) would not be.
-- Returns NULL when stored, or the seconds until the client's oldest pending challenge expires
-- when it already holds `max_pending`.
CREATE FUNCTION save_challenge(
  new_challenge text, new_purpose text, new_user_id text, new_account_bound boolean, new_pending jsonb,
  new_client_key text, ttl_ms double precision, max_pending integer, grace_ms double precision
) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
  held integer;
  seconds_left double precision;
BEGIN
  -- Rows another request is purging are skipped, so concurrent purges never wait on each other.
  DELETE FROM challenges WHERE challenge IN (
    SELECT challenge FROM challenges WHERE expires_at < now() - grace_ms * interval '1 millisecond'
    FOR UPDATE SKIP LOCKED);
  PERFORM pg_advisory_xact_lock(hashtextextended(new_client_key, 0));
  SELECT count(*)::integer, extract(epoch FROM min(expires_at) - now())::double precision
    INTO held, seconds_left
    FROM challenges WHERE client_key = new_client_key AND expires_at > now();
  IF held >= max_pending THEN
    RETURN coalesce(seconds_left, 1);
  END IF;
  INSERT INTO challenges (challenge, purpose, user_id, account_bound, pending, client_key, expires_at)
    VALUES (new_challenge, new_purpose, new_user_id, new_account_bound, new_pending, new_client_key,
            now() + ttl_ms * interval '1 millisecond');
  RETURN NULL;
END
$$;
