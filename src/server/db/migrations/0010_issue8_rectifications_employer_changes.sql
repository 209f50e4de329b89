CREATE TABLE "employer_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"fields" text[] NOT NULL,
	"changes_enc" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "rectification_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"disclosure_id" uuid NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_id" uuid,
	"recipient_name" text NOT NULL,
	"fields" text[] NOT NULL,
	"changed_by" uuid,
	"changed_by_kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employer_change_requests" ADD CONSTRAINT "employer_change_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_change_requests" ADD CONSTRAINT "employer_change_requests_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_change_requests" ADD CONSTRAINT "employer_change_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_change_requests" ADD CONSTRAINT "employer_change_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD CONSTRAINT "rectification_notices_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD CONSTRAINT "rectification_notices_disclosure_id_disclosure_log_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosure_log"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD CONSTRAINT "rectification_notices_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "employer_change_requests_employer_idx" ON "employer_change_requests" USING btree ("employer_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "employer_change_requests_pending_uq" ON "employer_change_requests" USING btree ("employer_id") WHERE "employer_change_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "rectification_notices_person_idx" ON "rectification_notices" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "rectification_notices_org_idx" ON "rectification_notices" USING btree ("organisation_id","at");