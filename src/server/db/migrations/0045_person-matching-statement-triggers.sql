-- The work-history and consent stamps of the matching index (0039, 0042) once per statement instead of once per
-- row: the same persons are stamped — every person whose work history or consents a statement inserts, changes
-- (before and after a change of person) or deletes, unless this transaction stamped them already — by one UPDATE
-- over the statement's rows (transition tables) instead of one plpgsql call and one UPDATE a row (an import chunk
-- inserts 250 consents: 14 ms of the 110 ms of their insert at load 11, bench/README.md "Person import").
-- `= ANY(ARRAY(...))` keeps the persons' primary key the way in whatever the number of rows (a cached plan of
-- a join could be a scan of every person, planned for a large statement, then kept for one row).
CREATE FUNCTION kopru_touch_persons_matching() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE persons SET matching_xid = pg_current_xact_id()
      WHERE id = ANY (ARRAY(SELECT DISTINCT person_id FROM new_rows)) AND matching_xid <> pg_current_xact_id();
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE persons SET matching_xid = pg_current_xact_id()
      WHERE id = ANY (ARRAY(SELECT person_id FROM old_rows UNION SELECT person_id FROM new_rows))
        AND matching_xid <> pg_current_xact_id();
  ELSE
    UPDATE persons SET matching_xid = pg_current_xact_id()
      WHERE id = ANY (ARRAY(SELECT DISTINCT person_id FROM old_rows)) AND matching_xid <> pg_current_xact_id();
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER work_history_matching_xid ON work_history;
--> statement-breakpoint
DROP TRIGGER consents_matching_xid ON consents;
--> statement-breakpoint
DROP FUNCTION kopru_touch_person_matching();
--> statement-breakpoint
CREATE TRIGGER work_history_matching_xid_insert AFTER INSERT ON work_history
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kopru_touch_persons_matching();
--> statement-breakpoint
CREATE TRIGGER work_history_matching_xid_update AFTER UPDATE ON work_history
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kopru_touch_persons_matching();
--> statement-breakpoint
CREATE TRIGGER work_history_matching_xid_delete AFTER DELETE ON work_history
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kopru_touch_persons_matching();
--> statement-breakpoint
CREATE TRIGGER consents_matching_xid_insert AFTER INSERT ON consents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kopru_touch_persons_matching();
--> statement-breakpoint
CREATE TRIGGER consents_matching_xid_update AFTER UPDATE ON consents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kopru_touch_persons_matching();
--> statement-breakpoint
CREATE TRIGGER consents_matching_xid_delete AFTER DELETE ON consents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kopru_touch_persons_matching();
