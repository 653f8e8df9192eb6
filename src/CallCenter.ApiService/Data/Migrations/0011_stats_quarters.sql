-- Settled quarter-hours of the floor's figures (issue 13): each department's counts, kept so a month's report joins
-- a few thousand rows instead of recounting a million calls. Only a cache of queue_visits and agent_activities:
-- POST /api/stats/rebuild recomputes any range from them.
CREATE TABLE stats_quarters (
    quarter_start   timestamptz PRIMARY KEY,
    tallies         jsonb NOT NULL,
    stored_at       timestamptz NOT NULL DEFAULT now()
);
