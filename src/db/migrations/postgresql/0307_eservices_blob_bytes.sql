-- E-services documents kept as their bytes (bytea, bound in binary format) rather than as base64 text: 3 MB
-- written for 3 MB of documents instead of 4 MB of text. Rows written before keep their base64, as on SQLite
-- (which cannot convert them in SQL); the store reads either. New rows leave content_base64 empty.
ALTER TABLE eservices_blobs ADD COLUMN content bytea;
