ALTER TABLE "persons" ADD COLUMN "matching_xid" "xid8" DEFAULT '0'::xid8 NOT NULL;--> statement-breakpoint
CREATE INDEX "persons_org_matching_xid_idx" ON "persons" USING btree ("organisation_id","matching_xid");--> statement-breakpoint
-- The in-process matching index (docs/MATCHING.md, "The matching index") catches up at each query with the
-- persons whose matching facts changed since its last sync: every change to a person row, its work history or
-- its consents stamps the person with the changing transaction's id, in that transaction, whoever writes it.
CREATE FUNCTION kopru_stamp_matching_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.matching_xid := pg_current_xact_id();
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER persons_matching_xid BEFORE INSERT OR UPDATE ON persons
  FOR EACH ROW EXECUTE FUNCTION kopru_stamp_matching_xid();
--> statement-breakpoint
CREATE FUNCTION kopru_touch_person_matching() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE persons SET matching_xid = pg_current_xact_id() WHERE id = OLD.person_id;
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.person_id IS DISTINCT FROM OLD.person_id) THEN
    UPDATE persons SET matching_xid = pg_current_xact_id() WHERE id = NEW.person_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER work_history_matching_xid AFTER INSERT OR UPDATE OR DELETE ON work_history
  FOR EACH ROW EXECUTE FUNCTION kopru_touch_person_matching();
--> statement-breakpoint
CREATE TRIGGER consents_matching_xid AFTER INSERT OR UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION kopru_touch_person_matching();
