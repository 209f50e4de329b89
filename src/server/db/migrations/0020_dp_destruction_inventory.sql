CREATE TABLE "dp_destruction_batch_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"subject_ref" uuid NOT NULL,
	"office_id" uuid,
	"basis_date" date NOT NULL,
	"basis" text NOT NULL,
	"due_on" date NOT NULL,
	"held" boolean DEFAULT false NOT NULL,
	"held_reason" text,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"outcome_reason" text,
	"destruction_record_id" uuid
);
--> statement-breakpoint
CREATE TABLE "dp_destruction_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"as_of" date NOT NULL,
	"rules" jsonb NOT NULL,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone NOT NULL,
	"item_count" integer NOT NULL,
	"held_count" integer DEFAULT 0 NOT NULL,
	"committee_members" text[],
	"decision_ref" text,
	"decision_note" text,
	"decided_on" date,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"run_by" uuid,
	"run_started_at" timestamp with time zone,
	"run_completed_at" timestamp with time zone,
	"destroyed_count" integer DEFAULT 0 NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dp_inventory_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"activity" text NOT NULL,
	"overrides" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dp_retention_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"follow_up_months" integer NOT NULL,
	"return_to_aid_months" integer NOT NULL,
	"statutory_years" integer NOT NULL,
	"interval_months" integer NOT NULL,
	"no_case_months" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dp_destruction_records" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "dp_destruction_batch_items" ADD CONSTRAINT "dp_destruction_batch_items_batch_id_dp_destruction_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."dp_destruction_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_destruction_batches" ADD CONSTRAINT "dp_destruction_batches_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_destruction_batches" ADD CONSTRAINT "dp_destruction_batches_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_destruction_batches" ADD CONSTRAINT "dp_destruction_batches_run_by_users_id_fk" FOREIGN KEY ("run_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_inventory_entries" ADD CONSTRAINT "dp_inventory_entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_retention_settings" ADD CONSTRAINT "dp_retention_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dp_destruction_batch_items_batch_idx" ON "dp_destruction_batch_items" USING btree ("batch_id","outcome");--> statement-breakpoint
CREATE INDEX "dp_destruction_batches_org_idx" ON "dp_destruction_batches" USING btree ("organisation_id","proposed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dp_destruction_batches_one_pending_uq" ON "dp_destruction_batches" USING btree ("organisation_id") WHERE "dp_destruction_batches"."status" in ('proposed', 'approved', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "dp_inventory_entries_activity_uq" ON "dp_inventory_entries" USING btree ("organisation_id","activity");--> statement-breakpoint
ALTER TABLE "dp_destruction_records" ADD CONSTRAINT "dp_destruction_records_batch_id_dp_destruction_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."dp_destruction_batches"("id") ON DELETE no action ON UPDATE no action;