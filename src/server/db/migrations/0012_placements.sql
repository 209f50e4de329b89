CREATE TABLE "placement_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"milestone" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reminded_at" timestamp with time zone,
	"task_opened_at" timestamp with time zone,
	"outcome" text,
	"not_working_reason" text,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"vacancy_id" uuid,
	"referral_id" uuid,
	"source" text NOT NULL,
	"job_title" text NOT NULL,
	"status" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"end_reason" text,
	"exit_reason_code" text,
	"contract_type" text NOT NULL,
	"wage_amount" numeric(12, 2) NOT NULL,
	"wage_basis" text NOT NULL,
	"hours_per_week" real NOT NULL,
	"hours_per_day" real NOT NULL,
	"shifts" text[] NOT NULL,
	"workplace_province" text NOT NULL,
	"workplace_district" text,
	"decent" boolean NOT NULL,
	"temporary_protection" boolean DEFAULT false NOT NULL,
	"violations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verification" text DEFAULT 'unverified' NOT NULL,
	"evidence_kind" text,
	"evidence_reference" text,
	"hire_filed_on" date,
	"late_filing" boolean DEFAULT false NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"net_wage" numeric(12, 2),
	"household_income_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "placement_follow_ups" ADD CONSTRAINT "placement_follow_ups_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_follow_ups" ADD CONSTRAINT "placement_follow_ups_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "placement_follow_ups_placement_idx" ON "placement_follow_ups" USING btree ("placement_id");--> statement-breakpoint
CREATE INDEX "placement_follow_ups_due_idx" ON "placement_follow_ups" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "placements_org_person_idx" ON "placements" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "placements_org_employer_idx" ON "placements" USING btree ("organisation_id","employer_id","status");--> statement-breakpoint
CREATE INDEX "placements_org_office_idx" ON "placements" USING btree ("organisation_id","office_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "placements_referral_uq" ON "placements" USING btree ("referral_id") WHERE "placements"."referral_id" IS NOT NULL;