-- Extensions Köprü relies on. On a PostgreSQL server the migrating role needs the right to create them.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE EXTENSION IF NOT EXISTS unaccent;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE EXCEPTION 'Köprü needs the extensions pg_trgm and unaccent: run CREATE EXTENSION pg_trgm; CREATE EXTENSION unaccent; as a superuser, or grant CREATE on the database';
END $$;
--> statement-breakpoint
-- A Turkish ICU collation for ordering names (C < Ç, I < İ, O < Ö ...). Some ICU builds (PGlite's) lack the
-- Turkish tailoring, so when the locale-based collation does not sort Turkish letters correctly it is
-- recreated from explicit rules (PostgreSQL 16 and later).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'turkish') THEN
    CREATE COLLATION turkish (provider = icu, locale = 'tr-TR');
  END IF;
  IF NOT ('Cem' < 'Çağlar' COLLATE turkish AND 'Oya' < 'Ömer' COLLATE turkish AND 'Irmak' < 'İlker' COLLATE turkish) THEN
    DROP COLLATION turkish;
    IF current_setting('server_version_num')::int < 160000 THEN
      RAISE EXCEPTION 'This PostgreSQL ICU build has no Turkish collation data';
    END IF;
    EXECUTE $r$CREATE COLLATION turkish (provider = icu, locale = 'und', rules = '&C<ç<<<Ç &G<ğ<<<Ğ &H<ı<<<I &i<<<İ &O<ö<<<Ö &S<ş<<<Ş &U<ü<<<Ü')$r$;
  END IF;
END $$;
