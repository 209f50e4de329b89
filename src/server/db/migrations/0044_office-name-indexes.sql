-- The person search within one office (issue 15, bench/README.md): the office as the first column of the name
-- search's trigram indexes, which needs the btree operator classes for GIN and GiST (trusted extensions: the
-- database's owner may create them).
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS btree_gin;
  CREATE EXTENSION IF NOT EXISTS btree_gist;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE EXCEPTION 'Köprü needs the extensions btree_gin and btree_gist: run CREATE EXTENSION btree_gin; CREATE EXTENSION btree_gist; as a superuser, or grant CREATE on the database';
END $$;
--> statement-breakpoint
DROP INDEX "persons_name_lower_trgm_idx";--> statement-breakpoint
CREATE INDEX "persons_office_name_lower_trgm_idx" ON "persons" USING gin ("office_id",lower("name_key") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_office_name_gist_idx" ON "persons" USING gist ("office_id",btrim("name_key") gist_trgm_ops);
