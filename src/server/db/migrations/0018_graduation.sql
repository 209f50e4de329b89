CREATE TABLE "graduation_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"min_months" integer NOT NULL,
	"threshold_kind" text NOT NULL,
	"threshold_share" numeric(6, 2) NOT NULL,
	"threshold_amount" numeric(12, 2),
	"municipality_email" text,
	"sydv_email" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graduations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"status" text NOT NULL,
	"district" text,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"facts" jsonb NOT NULL,
	"recommended_on" date NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_on" date,
	"decline_reason" text,
	"payer" text,
	"message_id" uuid,
	"confirmed_on" date,
	"aid_end_date" date,
	"monthly_aid_saved" numeric(12, 2),
	"confirmation_reference" text,
	"confirmed_by" uuid,
	"returned_on" date,
	"return_programme" text,
	"return_monthly_amount" numeric(12, 2),
	"return_note" text,
	"returned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "graduation_settings" ADD CONSTRAINT "graduation_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduations" ADD CONSTRAINT "graduations_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "graduations_org_status_idx" ON "graduations" USING btree ("organisation_id","status","recommended_on");--> statement-breakpoint
CREATE INDEX "graduations_org_office_idx" ON "graduations" USING btree ("organisation_id","office_id");--> statement-breakpoint
CREATE INDEX "graduations_person_idx" ON "graduations" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "graduations_open_household_uq" ON "graduations" USING btree ("household_id") WHERE "graduations"."status" IN ('recommended', 'approved');