-- Audit (STQ02) name search from an in-process index (src/audit/name_index.h, name_search.cpp; figures in
-- docs/performance.md, "Audit (STQ02)"). Every write of an enterprise's names takes the next value of the
-- counter audit_counters ('enterprise_names', 0) in its transaction and stamps the row with it, so a server
-- that has read the directory up to version V reads only the rows stamped after V to catch up, whichever
-- server wrote them. The counter's row lock orders the writers, so versions become visible in order.
ALTER TABLE audit_enterprises ADD COLUMN name_version bigint NOT NULL DEFAULT 0;
CREATE INDEX audit_enterprises_name_version ON audit_enterprises(name_version);
