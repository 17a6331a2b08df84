-- History entries carry the format of their hash input: 1 = fields joined by \x1f (entries written before this
-- migration), 2 = every field length-prefixed. New entries are written in format 2; see history/chain.h.
ALTER TABLE history ADD COLUMN format bigint NOT NULL DEFAULT 1;
