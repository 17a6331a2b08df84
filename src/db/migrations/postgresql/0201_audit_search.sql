-- Audit (STQ02) name search over a million enterprises (store.cpp, search_enterprises; figures in
-- docs/performance.md, "Audit (STQ02)"). The name-ordered index also carries the search words, so a search
-- that scans names in order (a common fragment such as "cong ty thep") reads the index alone.
DROP INDEX audit_enterprises_name;
CREATE INDEX audit_enterprises_name ON audit_enterprises(name_folded, id) INCLUDE (search_words);
-- The word index is probed by enterprise and word ("has this enterprise a word starting with …"): with the
-- word in the index the probe never reads the table.
DROP INDEX audit_enterprise_words_enterprise;
CREATE INDEX audit_enterprise_words_enterprise ON audit_enterprise_words(enterprise_id, word);
-- A few hundred syllables make up most names, each in tens of thousands of them: with the default 100
-- most common values the planner took a word in 20 000 names for a word in one and chose nested loops
-- that ran for seconds. A longer list of common values keeps its estimates right.
ALTER TABLE audit_enterprise_words ALTER COLUMN word SET STATISTICS 1000;
