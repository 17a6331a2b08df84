-- The working-day calendar is kept per server process (platform/calendar_store.cpp, load_calendar) and
-- checked against this stamp on every use: one row read instead of the adjustments and the working hours.
-- Triggers draw a new random stamp on any write to the adjustments or the working hours, from any server
-- process on this database. A random stamp rather than a counter: databases copied from one template (the
-- tests) keep equal stamps only while their calendars are equal.
CREATE TABLE calendar_stamp (
  id integer PRIMARY KEY CHECK (id = 1),
  stamp bigint NOT NULL
);
INSERT INTO calendar_stamp (id, stamp) VALUES (1, (random() * 9e18)::bigint);
CREATE FUNCTION calendar_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE calendar_stamp SET stamp = (random() * 9e18)::bigint WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER calendar_adjustments_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_adjustments FOR EACH STATEMENT EXECUTE FUNCTION calendar_stamp_bump();
CREATE TRIGGER settings_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings FOR EACH STATEMENT EXECUTE FUNCTION calendar_stamp_bump();
