-- Customer search matches a fragment anywhere in the name, the number or the id (ILIKE '%…%'), which no b-tree serves:
-- at 300,000 customers every search read them all (400-690 ms). Trigram indexes answer such patterns from the index.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database's owner may create it.
-- IF NOT EXISTS: on a large database build the index beforehand with CREATE INDEX CONCURRENTLY (docs/operations.md).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX IF NOT EXISTS customers_search_idx ON customers
    USING gin (name gin_trgm_ops, phone_number gin_trgm_ops, customer_id gin_trgm_ops);
