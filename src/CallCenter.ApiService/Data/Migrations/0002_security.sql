-- API keys (stored as SHA-256 of the secret), the audit trail and one-time socket tickets.

CREATE TABLE api_keys (
    key_id              text PRIMARY KEY,
    name                text NOT NULL,
    role                text NOT NULL,
    agent_id            text REFERENCES agents (agent_id),
    key_hash            bytea NOT NULL UNIQUE,
    requests_per_minute integer,
    created_at          timestamptz NOT NULL,
    created_by          text NOT NULL,
    revoked_at          timestamptz
);

-- Written in the same transaction as the change it records.
CREATE TABLE audit_log (
    entry_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text NOT NULL,
    actor_role text NOT NULL,
    key_id     text,
    action     text NOT NULL,
    subject    text,
    event_id   bigint
);

CREATE INDEX audit_log_at_idx ON audit_log (at DESC, entry_id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, at DESC);
CREATE INDEX audit_log_subject_idx ON audit_log (subject, at DESC);

-- A browser cannot put a header on a WebSocket upgrade: it trades its credentials for a ticket used once.
CREATE TABLE socket_tickets (
    ticket_hash bytea PRIMARY KEY,
    caller      jsonb NOT NULL,
    expires_at  timestamptz NOT NULL
);
