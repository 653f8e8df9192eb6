-- Customers are listed shortest id first (CUST-999 before CUST-1000); the index keeps a page a short read.
-- Its own script: 0003 has already run where main was deployed, and a changed script never runs again.
CREATE INDEX customers_number_order_idx ON customers (length(customer_id), customer_id);
