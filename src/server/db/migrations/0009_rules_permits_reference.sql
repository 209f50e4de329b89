CREATE TABLE "reference_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"actor_organisation" text,
	"dataset" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "work_permits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"employer_id" uuid,
	"employer_name" text,
	"requested_on" date,
	"decided_on" date,
	"valid_from" date,
	"valid_until" date,
	"reference" text,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_holidays" ADD COLUMN "provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "permit_duty" text;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "days_per_week" integer;--> statement-breakpoint
ALTER TABLE "work_permits" ADD CONSTRAINT "work_permits_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_permits" ADD CONSTRAINT "work_permits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reference_changes_at_idx" ON "reference_changes" USING btree ("at");--> statement-breakpoint
CREATE INDEX "work_permits_person_idx" ON "work_permits" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "work_permits_org_employer_idx" ON "work_permits" USING btree ("organisation_id","employer_id");