-- Call and API key ids come from sequences, shuffled into hex by the API (Data/ShuffledNumber.cs), so no two are
-- ever the same; they were 32 random bits, which collide. Rows that hold random ids keep them: an insert that
-- meets one takes the next number.

CREATE SEQUENCE call_number_seq;

CREATE SEQUENCE api_key_number_seq;

-- Customers are listed shortest id first (CUST-999 before CUST-1000); the index keeps a page a short read.
CREATE INDEX customers_number_order_idx ON customers (length(customer_id), customer_id);
