-- The operations history's filters (GET /monitor/operations: system, operation, batch, dates; newest first) each
-- find their rows through an index that gives them in time order: a page reads its 20 rows and the capped total
-- at most 10,001, however large the ledger. Before, a page filtered by system sorted all that system's rows
-- (0.7–1.8 s at a million operations). (system, batch_id, file_name) only served a batch filter that also named
-- the system; (batch_id) serves it with or without.
DROP INDEX monitor_operations_file;
CREATE INDEX monitor_operations_system ON monitor_operations(system, at);
CREATE INDEX monitor_operations_batch ON monitor_operations(batch_id);
