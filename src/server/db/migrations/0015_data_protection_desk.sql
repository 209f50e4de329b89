CREATE TABLE "dp_breaches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"occurred_at" timestamp with time zone,
	"discovered_at" timestamp with time zone NOT NULL,
	"notify_board_by" timestamp with time zone NOT NULL,
	"categories" text[] NOT NULL,
	"affected_persons" integer,
	"affected_records" integer,
	"consequences" text,
	"measures" text,
	"board_notice" text,
	"persons_notice" text,
	"board_notified_at" timestamp with time zone,
	"delay_reason" text,
	"persons_notified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dp_destruction_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"request_id" uuid,
	"subject_ref" uuid NOT NULL,
	"method" text NOT NULL,
	"summary" jsonb NOT NULL,
	"performed_by" uuid,
	"performed_at" timestamp with time zone NOT NULL,
	"keep_until" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dp_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"delivery" text NOT NULL,
	"locale" text NOT NULL,
	"contents" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"downloaded_formats" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dp_request_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"content" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dp_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"details" text,
	"identity_method" text,
	"identity_note" text,
	"identity_verified_by" uuid,
	"identity_verified_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"carried_out_by" uuid,
	"carried_out_at" timestamp with time zone,
	"answer" text,
	"refusal_reason" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rectification_notices" ADD COLUMN "notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dp_breaches" ADD CONSTRAINT "dp_breaches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_destruction_records" ADD CONSTRAINT "dp_destruction_records_request_id_dp_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."dp_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_destruction_records" ADD CONSTRAINT "dp_destruction_records_performed_by_users_id_fk" FOREIGN KEY ("performed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_exports" ADD CONSTRAINT "dp_exports_request_id_dp_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."dp_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_exports" ADD CONSTRAINT "dp_exports_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_exports" ADD CONSTRAINT "dp_exports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_request_documents" ADD CONSTRAINT "dp_request_documents_request_id_dp_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."dp_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_request_documents" ADD CONSTRAINT "dp_request_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_requests" ADD CONSTRAINT "dp_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_requests" ADD CONSTRAINT "dp_requests_identity_verified_by_users_id_fk" FOREIGN KEY ("identity_verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_requests" ADD CONSTRAINT "dp_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_requests" ADD CONSTRAINT "dp_requests_carried_out_by_users_id_fk" FOREIGN KEY ("carried_out_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_requests" ADD CONSTRAINT "dp_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dp_requests" ADD CONSTRAINT "dp_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dp_breaches_org_idx" ON "dp_breaches" USING btree ("organisation_id","notify_board_by");--> statement-breakpoint
CREATE INDEX "dp_destruction_org_idx" ON "dp_destruction_records" USING btree ("organisation_id","performed_at");--> statement-breakpoint
CREATE INDEX "dp_exports_person_idx" ON "dp_exports" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "dp_exports_request_idx" ON "dp_exports" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "dp_request_documents_request_idx" ON "dp_request_documents" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "dp_requests_org_due_idx" ON "dp_requests" USING btree ("organisation_id","status","due_on");--> statement-breakpoint
CREATE INDEX "dp_requests_person_idx" ON "dp_requests" USING btree ("person_id");