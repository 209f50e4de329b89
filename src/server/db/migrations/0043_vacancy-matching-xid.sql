ALTER TABLE "vacancies" ADD COLUMN "matching_xid" "xid8" DEFAULT '0'::xid8 NOT NULL;--> statement-breakpoint
CREATE INDEX "vacancies_org_matching_xid_idx" ON "vacancies" USING btree ("organisation_id","matching_xid");--> statement-breakpoint
-- The in-process vacancy index (docs/MATCHING.md, "The vacancy index") catches up at each query with the
-- vacancies whose matching facts changed since its last sync: every change to a vacancy row, or to the employer
-- whose name, office and terms the vacancy's facts carry, stamps the vacancy with the changing transaction's id,
-- in that transaction, whoever writes it (kopru_stamp_matching_xid of migration 0039).
CREATE TRIGGER vacancies_matching_xid BEFORE INSERT OR UPDATE ON vacancies
  FOR EACH ROW EXECUTE FUNCTION kopru_stamp_matching_xid();
--> statement-breakpoint
CREATE FUNCTION kopru_touch_employer_vacancies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE vacancies SET matching_xid = pg_current_xact_id() WHERE employer_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER employers_matching_xid AFTER UPDATE ON employers
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION kopru_touch_employer_vacancies();
