-- The person's target-group codes on the person's row (issue 15, bench/README.md "Target groups on the person"):
-- the list filtered by district and group counted its capped total by joining every member of the group (44,017
-- at 1,000,000 persons) to find the office district's 130; with the codes beside the office and district in one
-- GIN index (btree_gin, migration 0044) the count reads only the entries of the persons it lists.
ALTER TABLE "persons" ADD COLUMN "target_groups" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
UPDATE persons p SET target_groups = g.groups
  FROM (SELECT person_id, array_agg("group" ORDER BY "group" COLLATE "C") AS groups
          FROM person_target_groups GROUP BY person_id) g
  WHERE p.id = g.person_id;--> statement-breakpoint
CREATE INDEX "persons_office_district_groups_idx" ON "persons" USING gin ("office_id","district","target_groups") WHERE "persons"."merged_into_id" IS NULL;--> statement-breakpoint
-- One mechanism keeps the array equal to the rows, whoever writes them (registration, edit, self-service,
-- import, merge, consent withdrawal, erasure, seeds): after each statement on person_target_groups, the touched
-- persons' codes are read again, sorted in code-point order ("C", as JavaScript sorts them), and written only
-- where they differ — so a writer that set the array with the person (the import's writeRegistrations) and an
-- update that keeps the codes (anonymisation clears only details) cost no second row version. Transition tables
-- and `= ANY(ARRAY(...))` as in migration 0045 (one UPDATE a statement, the persons' primary key whatever the
-- number of rows).
CREATE FUNCTION kopru_persons_target_groups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    touched := ARRAY(SELECT DISTINCT person_id FROM new_rows);
  ELSIF TG_OP = 'UPDATE' THEN
    touched := ARRAY(SELECT person_id FROM old_rows UNION SELECT person_id FROM new_rows);
  ELSE
    touched := ARRAY(SELECT DISTINCT person_id FROM old_rows);
  END IF;
  UPDATE persons p SET target_groups = ARRAY(SELECT t."group" FROM person_target_groups t
                                              WHERE t.person_id = p.id ORDER BY t."group" COLLATE "C")
    WHERE p.id = ANY (touched)
      AND p.target_groups IS DISTINCT FROM ARRAY(SELECT t."group" FROM person_target_groups t
                                                  WHERE t.person_id = p.id ORDER BY t."group" COLLATE "C");
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER person_target_groups_persons_insert AFTER INSERT ON person_target_groups
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kopru_persons_target_groups();
--> statement-breakpoint
CREATE TRIGGER person_target_groups_persons_update AFTER UPDATE ON person_target_groups
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kopru_persons_target_groups();
--> statement-breakpoint
CREATE TRIGGER person_target_groups_persons_delete AFTER DELETE ON person_target_groups
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kopru_persons_target_groups();
