-- The last push of the floor's figures (stats:updated): which floor event it covered and when it was made. Every
-- replica watches the floor, and one conditional UPDATE of this one row decides which of them pushes, at most once
-- per Stats:PushIntervalSeconds.
CREATE TABLE stats_push (
    only_row         boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    covered_event_id bigint NOT NULL,
    pushed_at        timestamptz NOT NULL
);

INSERT INTO stats_push (covered_event_id, pushed_at) VALUES (0, 'epoch');
