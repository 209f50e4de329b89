-- The audit log is append-only: rows can be inserted, never changed or removed, whoever connects.
CREATE OR REPLACE FUNCTION kopru_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION kopru_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION kopru_refuse_audit_change();
--> statement-breakpoint
-- Names sort in Turkish order.
ALTER TABLE users ALTER COLUMN full_name SET DATA TYPE text COLLATE turkish;
--> statement-breakpoint
ALTER TABLE offices ALTER COLUMN name SET DATA TYPE text COLLATE turkish;
--> statement-breakpoint
ALTER TABLE organisations ALTER COLUMN name SET DATA TYPE text COLLATE turkish;
