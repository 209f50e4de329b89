CREATE TABLE "matching_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"max_open_referrals" integer DEFAULT 3 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "occupation_links" jsonb;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "isco_groups" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "skill_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "licences" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "certificates" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "work_history" ADD COLUMN "isco_code" text;--> statement-breakpoint
ALTER TABLE "work_history" ADD COLUMN "isco_score" real;--> statement-breakpoint
ALTER TABLE "work_history" ADD COLUMN "isco_status" text;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "isco_code" text;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "isco_score" real;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "isco_status" text;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "required_skill_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "preferred_skill_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "required_licences" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "required_certificates" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "matching_settings" ADD CONSTRAINT "matching_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_settings" ADD CONSTRAINT "matching_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "persons_isco_groups_idx" ON "persons" USING gin ("isco_groups");--> statement-breakpoint
CREATE INDEX "persons_skill_ids_idx" ON "persons" USING gin ("skill_ids");--> statement-breakpoint
CREATE INDEX "vacancies_org_isco_idx" ON "vacancies" USING btree ("organisation_id","isco_code" text_pattern_ops);