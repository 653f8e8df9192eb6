-- Settled quarter-hours of the floor's figures (issue 13): each department's counts and the whole center's
-- (department '*', present for every stored quarter, so it also says the quarter is stored). Kept so a month's report
-- reads a few thousand rows instead of recounting a million calls. Only a cache of queue_visits and agent_activities:
-- POST /api/stats/rebuild recomputes any range from them.
CREATE TABLE stats_quarters (
    quarter_start   timestamptz NOT NULL,
    department      text NOT NULL,
    tally           jsonb NOT NULL,
    stored_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (quarter_start, department)
);
