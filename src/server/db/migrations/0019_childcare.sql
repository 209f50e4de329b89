CREATE TABLE "childcare_places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"child_member_id" uuid,
	"child_initials" text NOT NULL,
	"child_birth_date" date NOT NULL,
	"status" text NOT NULL,
	"priority" text NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"applied_by" uuid,
	"requested_start" date NOT NULL,
	"start_date" date,
	"allocated_at" timestamp with time zone,
	"end_date" date,
	"end_reason" text,
	"end_note" text,
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "childcare_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"kind" text NOT NULL,
	"capacity" integer NOT NULL,
	"min_age_months" integer NOT NULL,
	"max_age_months" integer NOT NULL,
	"province" text NOT NULL,
	"district" text NOT NULL,
	"address" text,
	"phone" text,
	"opens_at" text NOT NULL,
	"closes_at" text NOT NULL,
	"saturdays" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "childcare_places" ADD CONSTRAINT "childcare_places_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "childcare_places" ADD CONSTRAINT "childcare_places_provider_id_childcare_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."childcare_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "childcare_places" ADD CONSTRAINT "childcare_places_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "childcare_places" ADD CONSTRAINT "childcare_places_child_member_id_household_members_id_fk" FOREIGN KEY ("child_member_id") REFERENCES "public"."household_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "childcare_places" ADD CONSTRAINT "childcare_places_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "childcare_places" ADD CONSTRAINT "childcare_places_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "childcare_providers" ADD CONSTRAINT "childcare_providers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "childcare_providers" ADD CONSTRAINT "childcare_providers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "childcare_places_provider_idx" ON "childcare_places" USING btree ("organisation_id","provider_id","status");--> statement-breakpoint
CREATE INDEX "childcare_places_person_idx" ON "childcare_places" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "childcare_places_child_open_uq" ON "childcare_places" USING btree ("child_member_id") WHERE "childcare_places"."status" IN ('waiting', 'allocated') AND "childcare_places"."child_member_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "childcare_providers_name_uq" ON "childcare_providers" USING btree ("organisation_id","name_key");--> statement-breakpoint
CREATE INDEX "childcare_providers_org_district_idx" ON "childcare_providers" USING btree ("organisation_id","district");