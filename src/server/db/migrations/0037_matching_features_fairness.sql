-- Issue 10: the restricted matching features, proposals tallied from the seeker's direction, and the fairness
-- flags told to managers (docs/MATCHING.md). person_matching_features is created empty: its values are sealed
-- and keyed with KOPRU_DATA_KEY and KOPRU_INDEX_KEY, which live outside the database, so the backfill of the
-- existing persons runs in the process right after the migrations (people's backfillMatchingFeatures, runtime.ts).
CREATE TABLE "person_matching_features" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"features_enc" text NOT NULL,
	"legal_tag" text NOT NULL,
	"registered_tag" text NOT NULL,
	"permits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_fairness_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"flag" text NOT NULL,
	"ratio" real NOT NULL,
	"raised_on" date NOT NULL,
	"cleared_on" date,
	"told" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_seeker_listings" (
	"organisation_id" uuid NOT NULL,
	"listing_key" text NOT NULL,
	"listed_on" date NOT NULL,
	CONSTRAINT "matching_seeker_listings_organisation_id_listing_key_pk" PRIMARY KEY("organisation_id","listing_key")
);
--> statement-breakpoint
CREATE TABLE "matching_seeker_tallies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"listed_on" date NOT NULL,
	"office_id" uuid,
	"isco_code" text,
	"eligible" jsonb NOT NULL,
	"proposed" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_seeker_tallies_cell_key" UNIQUE NULLS NOT DISTINCT("organisation_id","listed_on","office_id","isco_code")
);
--> statement-breakpoint
ALTER TABLE "person_matching_features" ADD CONSTRAINT "person_matching_features_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_fairness_flags" ADD CONSTRAINT "matching_fairness_flags_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_seeker_tallies" ADD CONSTRAINT "matching_seeker_tallies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "matching_fairness_flags_open_idx" ON "matching_fairness_flags" USING btree ("organisation_id","flag") WHERE cleared_on IS NULL;--> statement-breakpoint
CREATE INDEX "matching_seeker_listings_day_idx" ON "matching_seeker_listings" USING btree ("listed_on");--> statement-breakpoint
CREATE INDEX "matching_seeker_tallies_org_day_idx" ON "matching_seeker_tallies" USING btree ("organisation_id","listed_on");