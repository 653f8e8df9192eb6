-- Agents, customers, calls, tickets, transcripts and the event outbox.

CREATE TABLE agents (
    agent_id          text PRIMARY KEY,
    name              text NOT NULL,
    email             text,
    department        text NOT NULL,
    languages         text[] NOT NULL DEFAULT '{}',
    status            text NOT NULL DEFAULT 'offline',
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE customer_number_seq;

CREATE TABLE customers (
    customer_id  text PRIMARY KEY,
    name         text NOT NULL,
    phone_number text NOT NULL UNIQUE,
    email        text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE calls (
    call_id       text PRIMARY KEY,
    customer_id   text NOT NULL REFERENCES customers (customer_id),
    customer_name text NOT NULL,
    phone_number  text NOT NULL,
    status        text NOT NULL,
    priority      text NOT NULL DEFAULT 'medium',
    department    text,
    agent_id      text REFERENCES agents (agent_id),
    started_at    timestamptz NOT NULL,
    queued_at     timestamptz,
    answered_at   timestamptz,
    ended_at      timestamptz,
    duration      integer,
    updated_at    timestamptz NOT NULL
);

CREATE INDEX calls_active_idx ON calls (status) WHERE status NOT IN ('ended', 'abandoned');
CREATE INDEX calls_customer_idx ON calls (customer_id, started_at DESC);

CREATE TABLE call_transfers (
    transfer_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id         text NOT NULL REFERENCES calls (call_id),
    from_department text,
    to_department   text NOT NULL,
    from_agent      text REFERENCES agents (agent_id),
    to_agent        text REFERENCES agents (agent_id),
    transferred_at  timestamptz NOT NULL
);

CREATE INDEX call_transfers_call_idx ON call_transfers (call_id, transferred_at);

-- One row per day; the row lock serialises concurrent creates so a ticket number is never handed out twice.
CREATE TABLE ticket_day_counters (
    day        date PRIMARY KEY,
    last_value integer NOT NULL
);

CREATE TABLE tickets (
    ticket_id      text PRIMARY KEY,
    customer_id    text REFERENCES customers (customer_id),
    customer_name  text NOT NULL,
    customer_phone text,
    call_id        text REFERENCES calls (call_id),
    subject        text NOT NULL,
    description    text NOT NULL DEFAULT '',
    priority       text NOT NULL,
    status         text NOT NULL,
    department     text NOT NULL,
    assigned_to    text REFERENCES agents (agent_id),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    resolved_at    timestamptz
);

CREATE INDEX tickets_filter_idx ON tickets (status, priority, department);
CREATE INDEX tickets_customer_idx ON tickets (customer_id, created_at DESC);
CREATE INDEX tickets_assignee_idx ON tickets (assigned_to);

-- Append-only: notes and changes are added, never overwritten.
CREATE TABLE ticket_history (
    entry_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id  text NOT NULL REFERENCES tickets (ticket_id),
    at         timestamptz NOT NULL,
    author     text NOT NULL,
    action     text NOT NULL,
    field      text,
    from_value text,
    to_value   text,
    note       text
);

CREATE INDEX ticket_history_ticket_idx ON ticket_history (ticket_id, entry_id);

CREATE TABLE transcript_messages (
    message_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id    text NOT NULL REFERENCES calls (call_id),
    speaker    text NOT NULL,
    content    text NOT NULL,
    language   text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX transcript_messages_call_idx ON transcript_messages (call_id, message_id);

-- The transactional outbox. Ids come from a single counter row locked until commit, so they are
-- contiguous and follow commit order: a reader can prove it missed nothing.
CREATE TABLE event_counter (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_id  bigint NOT NULL
);

INSERT INTO event_counter (last_id) VALUES (0);

CREATE TABLE events (
    event_id    bigint PRIMARY KEY,
    type        text NOT NULL,
    data        jsonb NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    trace_parent text
);
