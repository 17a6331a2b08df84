-- The working-day calendar is kept per server process (platform/calendar_store.cpp, load_calendar) and
-- checked against this stamp on every use: one row read instead of the adjustments and the working hours.
-- Triggers draw a new random stamp on any write to the adjustments or the working hours, whoever writes, from
-- any process. A random stamp rather than a counter: databases copied from one template (the tests) keep
-- equal stamps only while their calendars are equal.
CREATE TABLE calendar_stamp (
  id integer PRIMARY KEY CHECK (id = 1),
  stamp integer NOT NULL
);
INSERT INTO calendar_stamp (id, stamp) VALUES (1, random());
CREATE TRIGGER calendar_adjustments_stamp_insert AFTER INSERT ON calendar_adjustments BEGIN UPDATE calendar_stamp SET stamp = random() WHERE id = 1; END;
CREATE TRIGGER calendar_adjustments_stamp_update AFTER UPDATE ON calendar_adjustments BEGIN UPDATE calendar_stamp SET stamp = random() WHERE id = 1; END;
CREATE TRIGGER calendar_adjustments_stamp_delete AFTER DELETE ON calendar_adjustments BEGIN UPDATE calendar_stamp SET stamp = random() WHERE id = 1; END;
CREATE TRIGGER settings_stamp_insert AFTER INSERT ON settings WHEN NEW.key = 'working_hours' BEGIN UPDATE calendar_stamp SET stamp = random() WHERE id = 1; END;
CREATE TRIGGER settings_stamp_update AFTER UPDATE ON settings WHEN NEW.key = 'working_hours' OR OLD.key = 'working_hours' BEGIN UPDATE calendar_stamp SET stamp = random() WHERE id = 1; END;
CREATE TRIGGER settings_stamp_delete AFTER DELETE ON settings WHEN OLD.key = 'working_hours' BEGIN UPDATE calendar_stamp SET stamp = random() WHERE id = 1; END;
