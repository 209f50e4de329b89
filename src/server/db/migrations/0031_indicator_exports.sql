CREATE TABLE "indicator_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_by_name" text NOT NULL,
	"locale" text NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"error" text,
	"file_name" text,
	"content_type" text,
	"content" "bytea",
	"size_bytes" integer,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "indicator_exports" ADD CONSTRAINT "indicator_exports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_exports" ADD CONSTRAINT "indicator_exports_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_exports_requester_idx" ON "indicator_exports" USING btree ("organisation_id","requested_by","created_at");--> statement-breakpoint
CREATE INDEX "indicator_exports_expiry_idx" ON "indicator_exports" USING btree ("expires_at");