-- The API's statements are short OLTP work; PostgreSQL's LLVM JIT compiled the event sequencer's move (its estimated
-- cost crossed jit_above_cost on tables without statistics yet) on every run, about 20 ms of CPU each, which made
-- the move, not the writes, the bottleneck. New sessions of this database run without JIT.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
END
$$;
