-- Ticket and call lists are read newest first, a page at a time. Without an index in that order every page sorted
-- every matching row: at 300,000 tickets `GET /api/tickets?limit=50` took 150-380 ms and the history of ended calls
-- 200-360 ms. With them a page reads its rows from the index and stops.
-- IF NOT EXISTS: on a large database build them beforehand with CREATE INDEX CONCURRENTLY (docs/operations.md).
CREATE INDEX IF NOT EXISTS tickets_newest_idx ON tickets (created_at DESC, length(ticket_id) DESC, ticket_id DESC);

CREATE INDEX IF NOT EXISTS calls_newest_idx ON calls (started_at DESC, call_id);
