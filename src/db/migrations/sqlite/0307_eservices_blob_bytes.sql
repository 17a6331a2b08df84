-- E-services documents kept as their bytes (BLOB) rather than as base64 text: 3 MB written for 3 MB of
-- documents instead of 4 MB of text. Rows written before keep their base64 (SQLite has no base64 function
-- to convert them here); the store reads either. New rows leave content_base64 empty.
ALTER TABLE eservices_blobs ADD COLUMN content BLOB;
