-- The operations history under a unit's scope with a system chosen (GET /monitor/operations?system=…): a Chi cục's
-- rows are (system, its path), a Cục's (system, its path range); this index finds them without testing every row
-- of the system (a Cục's 624 SLXNK rows among 10M operations took 4 s, a Chi cục's 12 QLRR receptions 5.7 s).
-- SQLite compares text byte by byte already (BINARY), so the range needs nothing else; see the PostgreSQL twin.
CREATE INDEX monitor_operations_system_path ON monitor_operations(system, unit_path, at);
-- The planner's statistics must cover the new index as they cover the others: with statistics for the older
-- indexes only (a database analyzed before), SQLite took this index for an admin's plain `system = ?` page and
-- sorted every row of the system (17 ms → 4.6 s at 10M operations); with none at all, or with all of them, it
-- chooses well (EXPLAIN QUERY PLAN at 10M, docs/performance.md). 16 s at 10M operations, once.
ANALYZE monitor_operations;
