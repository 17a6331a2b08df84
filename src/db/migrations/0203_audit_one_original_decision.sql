-- One ORIGINAL decision per proposal (seed 000 §2.3), kept by the database as well as by the service: two
-- officers entering the decision at once must not both succeed (the service also serialises decision entry
-- on the enterprise's row; this index is the last guard). Partial unique indexes exist on both backends.
CREATE UNIQUE INDEX audit_decisions_one_original ON audit_decisions(proposal_id) WHERE kind = 'ORIGINAL';
