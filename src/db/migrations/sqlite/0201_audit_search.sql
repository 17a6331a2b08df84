-- Audit (STQ02) name search over a million enterprises (store.cpp, search_enterprises; figures in
-- docs/performance.md, "Audit (STQ02)"). The name-ordered index also carries the search words, so a search
-- that scans names in order (a common fragment such as "cong ty thep") reads the index alone instead of
-- looking up every row: about ten times faster.
DROP INDEX audit_enterprises_name;
CREATE INDEX audit_enterprises_name ON audit_enterprises(name_folded, id, search_words);
-- The word index is probed by enterprise and word ("has this enterprise a word starting with …"). SQLite
-- already keeps the word in this index (the table is WITHOUT ROWID); the statement states it.
DROP INDEX audit_enterprise_words_enterprise;
CREATE INDEX audit_enterprise_words_enterprise ON audit_enterprise_words(enterprise_id, word);
