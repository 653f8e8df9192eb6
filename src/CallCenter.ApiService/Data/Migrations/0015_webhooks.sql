-- Webhooks (Standard Webhooks): the endpoints admins register, each one's cursor into the event log, and the log of
-- what was sent. Webhooks/WebhookDispatcher.cs delivers under a per-endpoint advisory lock and moves the cursor only
-- after a 2xx, so a replica killed mid-delivery leaves the event to be sent again.
CREATE TABLE webhook_endpoints (
    endpoint_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url                text        NOT NULL,
    event_types        text[]      NOT NULL,
    enabled            boolean     NOT NULL,
    disabled_reason    text,
    -- Data Protection ciphertext (Webhooks/WebhookSecrets.cs), never the secret itself.
    secret             text        NOT NULL,
    previous_secret    text,
    previous_until     timestamptz,
    created_at         timestamptz NOT NULL,
    created_by         text        NOT NULL,
    -- The cursor: every wanted event up to delivered_through was delivered (or skipped as unwanted).
    delivered_through  bigint      NOT NULL,
    failures           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    failing_since      timestamptz
);

CREATE TABLE webhook_deliveries (
    endpoint_id     bigint      NOT NULL REFERENCES webhook_endpoints ON DELETE CASCADE,
    event_id        bigint      NOT NULL,
    event_type      text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('delivered', 'retrying', 'failed')),
    attempts        integer     NOT NULL,
    response_code   integer,
    duration_ms     integer     NOT NULL,
    response_body   text,
    error           text,
    last_attempt_at timestamptz NOT NULL,
    PRIMARY KEY (endpoint_id, event_id)
);

-- Events an admin asked to send again, outside the cursor's order; each is tried once.
CREATE TABLE webhook_redeliveries (
    endpoint_id bigint NOT NULL REFERENCES webhook_endpoints ON DELETE CASCADE,
    event_id    bigint NOT NULL,
    PRIMARY KEY (endpoint_id, event_id)
);

-- The API's own Data Protection key ring (the Web app's is data_protection_keys), shared by every replica.
CREATE TABLE webhook_protection_keys (
    friendly_name text        PRIMARY KEY,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
