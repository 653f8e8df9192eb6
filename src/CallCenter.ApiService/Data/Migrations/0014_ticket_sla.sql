-- Ticket SLAs (issue 14): business-hours calendars, policies matched in order, and each ticket's running targets.

CREATE TABLE business_calendars (
    calendar_id text PRIMARY KEY,
    name        text NOT NULL,
    time_zone   text NOT NULL,
    -- {"sunday": [{"start": "08:00", "end": "17:00"}], …}; a weekday left out is closed.
    hours       jsonb NOT NULL,
    -- [{"date": "2026-09-23", "name": "National Day"}]
    holidays    jsonb NOT NULL DEFAULT '[]',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sla_policies (
    policy_id       text PRIMARY KEY,
    name            text NOT NULL,
    -- The first policy (lowest position) whose conditions all hold applies; one without conditions catches all.
    position        integer NOT NULL UNIQUE,
    conditions      jsonb NOT NULL DEFAULT '{}',
    calendar_id     text NOT NULL REFERENCES business_calendars (calendar_id),
    warning_minutes integer NOT NULL,
    -- {"urgent": {"first_response": {"minutes": 30, "business_time": false}, …}, …}
    targets         jsonb NOT NULL,
    -- {"raise_priority": true, "department": "complaints", "assign_to": "AGT-003"}
    escalation      jsonb NOT NULL DEFAULT '{}',
    updated_at      timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE tickets ADD COLUMN sla_policy_id text REFERENCES sla_policies (policy_id) ON DELETE SET NULL;

-- One row per target a ticket is held to; the watcher acts at fire_at (the warning, then the deadline), so a due time
-- lives here and never only in a timer.
CREATE TABLE ticket_sla_targets (
    ticket_id          text NOT NULL REFERENCES tickets (ticket_id) ON DELETE CASCADE,
    kind               text NOT NULL,
    target_minutes     integer NOT NULL,
    business_time      boolean NOT NULL,
    status             text NOT NULL,
    started_at         timestamptz NOT NULL,
    -- While active: where the running stretch began; used_ticks holds the stretches before it.
    segment_started_at timestamptz,
    used_ticks         bigint NOT NULL DEFAULT 0,
    due_at             timestamptz,
    warn_at            timestamptz,
    warned_at          timestamptz,
    breached_at        timestamptz,
    achieved_at        timestamptz,
    fire_at            timestamptz,
    PRIMARY KEY (ticket_id, kind)
);

CREATE INDEX ticket_sla_targets_fire_idx ON ticket_sla_targets (fire_at) WHERE fire_at IS NOT NULL;
CREATE INDEX ticket_sla_targets_due_idx ON ticket_sla_targets (due_at) WHERE status = 'active';

-- A ticket's SLA timeline: started, paused, resumed, warned, achieved, breached, escalated.
CREATE TABLE ticket_sla_log (
    entry_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id text NOT NULL REFERENCES tickets (ticket_id) ON DELETE CASCADE,
    at        timestamptz NOT NULL,
    kind      text NOT NULL,
    what      text NOT NULL,
    detail    text
);

CREATE INDEX ticket_sla_log_ticket_idx ON ticket_sla_log (ticket_id, entry_id);

-- Every center starts with a round-the-clock calendar and a catch-all policy, so each new ticket has targets.
INSERT INTO business_calendars (calendar_id, name, time_zone, hours) VALUES
    ('24x7', 'Around the clock', 'UTC',
     '{"sunday": [{"start": "00:00", "end": "24:00"}], "monday": [{"start": "00:00", "end": "24:00"}],
       "tuesday": [{"start": "00:00", "end": "24:00"}], "wednesday": [{"start": "00:00", "end": "24:00"}],
       "thursday": [{"start": "00:00", "end": "24:00"}], "friday": [{"start": "00:00", "end": "24:00"}],
       "saturday": [{"start": "00:00", "end": "24:00"}]}');

INSERT INTO sla_policies (policy_id, name, position, conditions, calendar_id, warning_minutes, targets) VALUES
    ('standard', 'Standard', 1000, '{}', '24x7', 15,
     '{"urgent": {"first_response": {"minutes": 60, "business_time": false},
                  "next_response": {"minutes": 120, "business_time": false},
                  "resolution": {"minutes": 480, "business_time": false}},
       "high": {"first_response": {"minutes": 240, "business_time": false},
                "next_response": {"minutes": 480, "business_time": false},
                "resolution": {"minutes": 1440, "business_time": false}},
       "medium": {"first_response": {"minutes": 480, "business_time": false},
                  "next_response": {"minutes": 1440, "business_time": false},
                  "resolution": {"minutes": 4320, "business_time": false}},
       "low": {"first_response": {"minutes": 1440, "business_time": false},
               "next_response": {"minutes": 2880, "business_time": false},
               "resolution": {"minutes": 10080, "business_time": false}}}');
