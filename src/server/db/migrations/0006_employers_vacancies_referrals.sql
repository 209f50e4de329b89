CREATE TABLE "decent_work_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" real NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "disclosure_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_id" uuid,
	"recipient_name" text NOT NULL,
	"purpose" text NOT NULL,
	"data_categories" text[] NOT NULL,
	"referral_id" uuid,
	"disclosed_by" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employer_concerns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"follow_up_due" date,
	"resolution" text,
	"raised_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employer_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"role" text,
	"phone" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employer_users" (
	"user_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"manager" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employer_users_user_id_employer_id_pk" PRIMARY KEY("user_id","employer_id")
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"legal_name" text NOT NULL,
	"trade_name" text,
	"name_key" text NOT NULL,
	"tax_kind" text NOT NULL,
	"tax_number" text,
	"tax_number_enc" text,
	"tax_number_index" text NOT NULL,
	"tax_number_masked" text NOT NULL,
	"sgk_workplace_number" text,
	"nace_code" text NOT NULL,
	"hazard_class_suggested" text NOT NULL,
	"hazard_class" text,
	"hazard_confirmed_by" uuid,
	"hazard_confirmed_at" timestamp with time zone,
	"worker_count" integer NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"province" text NOT NULL,
	"district" text NOT NULL,
	"address" text,
	"website" text,
	"terms_accepted_at" timestamp with time zone,
	"terms_version" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"status_reason" text,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"office_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"actor_kind" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"answer_within_working_days" integer DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"source" text DEFAULT 'staff' NOT NULL,
	"prescreen" jsonb,
	"prescreen_note" text,
	"reason" text,
	"reason_text" text,
	"interview_at" timestamp with time zone,
	"proposed_by" uuid,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"title_key" text NOT NULL,
	"occupation" text NOT NULL,
	"occupation_key" text NOT NULL,
	"duties" text NOT NULL,
	"required_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"preferred_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"isced_level" integer,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"province" text NOT NULL,
	"district" text,
	"remote" boolean DEFAULT false NOT NULL,
	"positions" integer NOT NULL,
	"contract_type" text NOT NULL,
	"start_date" date NOT NULL,
	"hours_per_day" real NOT NULL,
	"hours_per_week" real NOT NULL,
	"shifts" text[] DEFAULT '{}'::text[] NOT NULL,
	"minimum_age" integer DEFAULT 18 NOT NULL,
	"wage_min" numeric(12, 2) NOT NULL,
	"wage_max" numeric(12, 2),
	"wage_basis" text NOT NULL,
	"benefits" text,
	"childcare_support" boolean DEFAULT false NOT NULL,
	"accessible_workplace" boolean DEFAULT false NOT NULL,
	"suitable_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"deadline" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"wording_flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"wording_justification" text,
	"review_note" text,
	"reviewed_by" uuid,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decent_work_settings" ADD CONSTRAINT "decent_work_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_log" ADD CONSTRAINT "disclosure_log_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_log" ADD CONSTRAINT "disclosure_log_disclosed_by_users_id_fk" FOREIGN KEY ("disclosed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_concerns" ADD CONSTRAINT "employer_concerns_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_concerns" ADD CONSTRAINT "employer_concerns_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_contacts" ADD CONSTRAINT "employer_contacts_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_users" ADD CONSTRAINT "employer_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_users" ADD CONSTRAINT "employer_users_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_hazard_confirmed_by_users_id_fk" FOREIGN KEY ("hazard_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_settings" ADD CONSTRAINT "referral_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosure_person_idx" ON "disclosure_log" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "employer_concerns_employer_idx" ON "employer_concerns" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "employer_contacts_employer_idx" ON "employer_contacts" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "employer_users_employer_idx" ON "employer_users" USING btree ("employer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "employers_tax_uq" ON "employers" USING btree ("organisation_id","tax_number_index");--> statement-breakpoint
CREATE INDEX "employers_org_status_idx" ON "employers" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "employers_name_trgm_idx" ON "employers" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","at");--> statement-breakpoint
CREATE INDEX "referrals_vacancy_idx" ON "referrals" USING btree ("vacancy_id","status");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("person_id","status");--> statement-breakpoint
CREATE INDEX "referrals_employer_idx" ON "referrals" USING btree ("employer_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_open_uq" ON "referrals" USING btree ("vacancy_id","person_id") WHERE "referrals"."status" NOT IN ('refused-by-employer', 'refused-by-person', 'withdrawn', 'obsolete');--> statement-breakpoint
CREATE INDEX "vacancies_org_status_idx" ON "vacancies" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "vacancies_employer_idx" ON "vacancies" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "vacancies_status_published_idx" ON "vacancies" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "vacancies_title_trgm_idx" ON "vacancies" USING gin ("title_key" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE employers ALTER COLUMN legal_name SET DATA TYPE text COLLATE turkish;
--> statement-breakpoint
ALTER TABLE vacancies ALTER COLUMN title SET DATA TYPE text COLLATE turkish;
