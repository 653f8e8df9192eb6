-- Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): one row per caller and key. It is claimed
-- (in_progress) before its request runs, marked committed in the same transaction as the request's write, and
-- completed with the answer once that is known (Idempotency/IdempotencyStore.cs). A row older than the retention
-- (24 h) counts as absent: the next claim reuses it, and the hourly prune deletes it.
CREATE TABLE idempotency_keys (
    scope           text        NOT NULL,
    idempotency_key text        NOT NULL,
    fingerprint     bytea       NOT NULL,
    token           uuid        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('in_progress', 'committed', 'completed')),
    created_at      timestamptz NOT NULL,
    claimed_at      timestamptz NOT NULL,
    status          integer,
    content_type    text,
    body            bytea,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

-- Called in the write's own transaction, just before its COMMIT. It fails (and so rolls the write back) when the
-- claim is no longer this request's: a retry took it over after the lease ran out, so the retry's write stands
-- and this one must not.
CREATE FUNCTION idempotency_mark_committed(p_scope text, p_key text, p_token uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE idempotency_keys SET state = 'committed'
    WHERE scope = p_scope AND idempotency_key = p_key AND token = p_token AND state <> 'completed';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The claim on Idempotency-Key % was taken over by a retry', p_key USING ERRCODE = 'CCI01';
    END IF;
END
$$;
