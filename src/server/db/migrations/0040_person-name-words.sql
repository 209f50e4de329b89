CREATE TABLE "person_name_words" (
	"organisation_id" uuid NOT NULL,
	"word" text NOT NULL,
	"persons" integer NOT NULL,
	CONSTRAINT "person_name_words_organisation_id_word_pk" PRIMARY KEY("organisation_id","word")
);
--> statement-breakpoint
ALTER TABLE "person_name_words" ADD CONSTRAINT "person_name_words_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_name_words_trgm_idx" ON "person_name_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
-- The vocabulary of the persons already registered (the people module keeps it from now on: persons/name-words.ts).
INSERT INTO "person_name_words" ("organisation_id", "word", "persons")
SELECT p."organisation_id", w."word", count(DISTINCT p."id")
FROM "persons" p CROSS JOIN LATERAL unnest(string_to_array(p."name_key", ' ')) AS w("word")
WHERE p."merged_into_id" IS NULL AND w."word" <> ''
GROUP BY p."organisation_id", w."word";
