-- Online public services: a dossier's unit path is compared byte by byte, so the unit scope of a list
-- ("every unit under /1/4/") is the index range [path, path with its last '/' raised to '0') on every
-- database locale (store_dossiers.cpp, list_dossiers; figures in docs/performance.md, "Online public services").
ALTER TABLE eservices_dossiers ALTER COLUMN unit_path TYPE text COLLATE "C";
ALTER TABLE eservices_helpdesk ALTER COLUMN unit_path TYPE text COLLATE "C";
