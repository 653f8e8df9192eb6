-- Automatic call distribution. An agent's activity is finer than the seed's status (which stays, derived from it);
-- every activity an agent has been in is kept with its start and end, for occupancy and state-time figures.
ALTER TABLE agents
    ADD COLUMN activity         text NOT NULL DEFAULT 'offline',
    ADD COLUMN activity_since   timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN break_reason     text,
    ADD COLUMN wrap_up_ends_at  timestamptz,
    ADD COLUMN call_id          text,
    ADD COLUMN skills           jsonb NOT NULL DEFAULT '{}';

UPDATE agents SET activity = CASE status WHEN 'busy' THEN 'on_call' ELSE status END, activity_since = status_changed_at;

-- Offers are made to available agents; the distributor reads them by department.
CREATE INDEX agents_activity_idx ON agents (activity, department);

CREATE TABLE agent_activities (
    activity_row  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id      text NOT NULL REFERENCES agents (agent_id),
    activity      text NOT NULL,
    break_reason  text,
    call_id       text,
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz
);

CREATE INDEX agent_activities_agent_idx ON agent_activities (agent_id, started_at);
CREATE INDEX agent_activities_open_idx ON agent_activities (agent_id) WHERE ended_at IS NULL;

ALTER TABLE calls
    ADD COLUMN language             text,
    ADD COLUMN offer_expires_at     timestamptz,
    ADD COLUMN disposition          text,
    ADD COLUMN callback_number      text,
    ADD COLUMN callback_not_before  timestamptz,
    ADD COLUMN callback_attempts    integer NOT NULL DEFAULT 0;

CREATE INDEX calls_ringing_idx ON calls (offer_expires_at) WHERE status = 'ringing';
CREATE INDEX calls_queued_idx ON calls (department, queued_at) WHERE status = 'queued';

-- Every offer and how it was settled: accepted, declined, expired, or withdrawn (the call left the queue, or a
-- person took it by hand).
CREATE TABLE call_offers (
    offer_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id     text NOT NULL REFERENCES calls (call_id),
    agent_id    text NOT NULL REFERENCES agents (agent_id),
    queued_at   timestamptz NOT NULL,
    offered_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    outcome     text,
    settled_at  timestamptz
);

CREATE INDEX call_offers_call_idx ON call_offers (call_id, offered_at);
-- One open offer per call and per agent, whatever any replica decides.
CREATE UNIQUE INDEX call_offers_open_call_idx ON call_offers (call_id) WHERE outcome IS NULL;
CREATE UNIQUE INDEX call_offers_open_agent_idx ON call_offers (agent_id) WHERE outcome IS NULL;
