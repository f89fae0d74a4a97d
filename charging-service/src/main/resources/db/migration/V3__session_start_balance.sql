-- The wallet balance order-service allowed a start with: the session stops itself (stop reason BALANCE)
-- when its cost so far reaches it. NULL for sessions requested before the wallet check.
ALTER TABLE charging_sessions
    ADD COLUMN start_balance DECIMAL(19, 4) NULL;
