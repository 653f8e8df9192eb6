-- Call and API key ids come from sequences, shuffled into hex by the API (Data/ShuffledNumber.cs), so no two are
-- ever the same; they were 32 random bits, which collide. Rows that hold random ids keep them: an insert that
-- meets one takes the next number.

CREATE SEQUENCE call_number_seq;

CREATE SEQUENCE api_key_number_seq;
