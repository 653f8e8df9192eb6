-- The id of the last ticket event numbered, moved by the sequencer together with last_id. With the ticket events still
-- pending it tells a replica, in one small read, whether any ticket changed since it read a page of them
-- (Tickets/TicketMark.cs): every change to a ticket or its SLA targets appends a ticket:* event in its transaction.
-- While a replica older than this migration still numbers events (a rolling upgrade), it does not move the mark, and a
-- kept page may miss its changes for up to Lists:ReuseFor.
ALTER TABLE event_counter ADD COLUMN last_ticket_event bigint NOT NULL DEFAULT 0;

UPDATE event_counter SET last_ticket_event = coalesce((SELECT max(event_id) FROM events WHERE type LIKE 'ticket:%'), 0);
