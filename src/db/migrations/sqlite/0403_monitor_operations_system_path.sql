-- The operations history under a unit's scope with a system chosen (GET /monitor/operations?system=…): a Chi cục's
-- rows are (system, its path), a Cục's (system, its path range); this index finds them without testing every row
-- of the system (a Cục's 624 SLXNK rows among 10M operations took 4 s, a Chi cục's 12 QLRR receptions 5.7 s).
-- SQLite compares text byte by byte already (BINARY), so the range needs nothing else; see the PostgreSQL twin.
CREATE INDEX monitor_operations_system_path ON monitor_operations(system, unit_path, at);
