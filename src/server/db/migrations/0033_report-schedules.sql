CREATE TABLE "indicator_report_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"export_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_report_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"schedule_id" uuid,
	"month" text NOT NULL,
	"export_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_report_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"recipients" jsonb NOT NULL,
	"locale" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "indicator_report_links" ADD CONSTRAINT "indicator_report_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_links" ADD CONSTRAINT "indicator_report_links_run_id_indicator_report_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."indicator_report_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_links" ADD CONSTRAINT "indicator_report_links_export_id_indicator_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."indicator_exports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_runs" ADD CONSTRAINT "indicator_report_runs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_runs" ADD CONSTRAINT "indicator_report_runs_schedule_id_indicator_report_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."indicator_report_schedules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_runs" ADD CONSTRAINT "indicator_report_runs_export_id_indicator_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."indicator_exports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_schedules" ADD CONSTRAINT "indicator_report_schedules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_schedules" ADD CONSTRAINT "indicator_report_schedules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_report_links_token_idx" ON "indicator_report_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_report_runs_schedule_month_idx" ON "indicator_report_runs" USING btree ("schedule_id","month");--> statement-breakpoint
CREATE INDEX "indicator_report_schedules_org_idx" ON "indicator_report_schedules" USING btree ("organisation_id","created_at");