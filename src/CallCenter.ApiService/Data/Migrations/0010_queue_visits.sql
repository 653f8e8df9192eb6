-- Each call's stay in each department's queue (issue 13), written in the same transaction as the change that opens
-- or ends it: calls keeps only where a call is now, and the figures need where it waited, how long and how it left.
CREATE TABLE queue_visits (
    visit_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id         text NOT NULL REFERENCES calls (call_id),
    department      text NOT NULL,
    entered_at      timestamptz NOT NULL,
    left_at         timestamptz,
    outcome         text NOT NULL DEFAULT 'waiting'
                    CHECK (outcome IN ('waiting', 'answered', 'abandoned', 'transferred_out')),
    is_transfer_in  boolean NOT NULL DEFAULT false,
    is_callback     boolean NOT NULL DEFAULT false,
    CHECK ((outcome = 'waiting') = (left_at IS NULL))
);

-- A call waits in one queue at a time, whatever any replica does.
CREATE UNIQUE INDEX queue_visits_open_idx ON queue_visits (call_id) WHERE left_at IS NULL;
CREATE INDEX queue_visits_call_idx ON queue_visits (call_id, entered_at);
-- A report reads the visits that entered in its range, and those that entered before it and were still waiting.
CREATE INDEX queue_visits_entered_idx ON queue_visits (entered_at);
CREATE INDEX queue_visits_left_idx ON queue_visits (left_at);

-- The same two ways into the activity history, and the wrap-up that follows a call on the same agent.
CREATE INDEX agent_activities_started_idx ON agent_activities (started_at);
CREATE INDEX agent_activities_ended_idx ON agent_activities (ended_at);
CREATE INDEX agent_activities_agent_end_idx ON agent_activities (agent_id, ended_at);

-- Calls already waiting when this runs get their open visit; finished ones have no reliable history to rebuild.
INSERT INTO queue_visits (call_id, department, entered_at)
SELECT call_id, department, queued_at
FROM calls
WHERE status IN ('queued', 'ringing') AND department IS NOT NULL AND queued_at IS NOT NULL;
