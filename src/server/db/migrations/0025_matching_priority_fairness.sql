CREATE TABLE "matching_priority_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"lifts" jsonb NOT NULL,
	"note" text,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_proposal_tallies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"office_id" uuid,
	"isco_code" text,
	"listed_on" date NOT NULL,
	"eligible" jsonb NOT NULL,
	"proposed" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "matching_priority_policies" ADD CONSTRAINT "matching_priority_policies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_priority_policies" ADD CONSTRAINT "matching_priority_policies_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_proposal_tallies" ADD CONSTRAINT "matching_proposal_tallies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "matching_priority_policies_org_version_idx" ON "matching_priority_policies" USING btree ("organisation_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "matching_proposal_tallies_vacancy_day_idx" ON "matching_proposal_tallies" USING btree ("organisation_id","vacancy_id","listed_on");--> statement-breakpoint
CREATE INDEX "matching_proposal_tallies_org_day_idx" ON "matching_proposal_tallies" USING btree ("organisation_id","listed_on");