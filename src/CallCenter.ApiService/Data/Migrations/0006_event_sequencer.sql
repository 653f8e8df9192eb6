-- Writers append their events here and commit without waiting on one another. One sequencer at a time
-- (a PostgreSQL advisory lock chooses it) moves committed rows into events, numbering them from event_counter
-- in one transaction, so ids stay contiguous and follow the order they became visible; the audit entry of an
-- event is written by the same move, with the event's id.
CREATE TABLE pending_events (
    pending_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type         text NOT NULL,
    data         jsonb NOT NULL,
    occurred_at  timestamptz NOT NULL,
    trace_parent text,
    actor        text NOT NULL,
    actor_role   text NOT NULL,
    key_id       text,
    subject      text
);
