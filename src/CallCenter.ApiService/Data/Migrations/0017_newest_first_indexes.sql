-- Ticket and call lists are read newest first, a page at a time. Without an index in that order every page sorted
-- every matching row: at 300,000 tickets `GET /api/tickets?limit=50` took 150-380 ms and the history of ended calls
-- 200-360 ms. With them a page reads its rows from the index and stops (the total is still counted).
CREATE INDEX tickets_newest_idx ON tickets (created_at DESC, length(ticket_id) DESC, ticket_id DESC);

CREATE INDEX calls_newest_idx ON calls (started_at DESC, call_id);
