CREATE TABLE "fair_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"fair_id" uuid NOT NULL,
	"position_id" uuid NOT NULL,
	"visitor_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"referral_id" uuid,
	"status" text DEFAULT 'applied' NOT NULL,
	"placement_id" uuid,
	"applied_by" uuid,
	"applied_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_employers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"fair_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"stand" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"fair_id" uuid NOT NULL,
	"fair_employer_id" uuid NOT NULL,
	"vacancy_id" uuid,
	"title" text NOT NULL,
	"openings" integer DEFAULT 1 NOT NULL,
	"start_date" date,
	"contract_type" text,
	"wage_min" numeric(12, 2),
	"wage_basis" text,
	"hours_per_week" numeric(5, 2),
	"hours_per_day" numeric(4, 2),
	"shifts" text[] DEFAULT '{}'::text[] NOT NULL,
	"hazard_class" text,
	"minimum_age" integer,
	"registered" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_visitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"fair_id" uuid NOT NULL,
	"person_id" uuid,
	"channel" text NOT NULL,
	"given_name" text,
	"family_name" text,
	"phone" text,
	"sex" text DEFAULT 'unstated' NOT NULL,
	"contact_allowed" boolean DEFAULT false NOT NULL,
	"notice_accepted_at" timestamp with time zone,
	"locale" text,
	"registered_by" uuid,
	"registered_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"place" text NOT NULL,
	"province" text NOT NULL,
	"district" text NOT NULL,
	"project_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"walk_in_token" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fair_applications" ADD CONSTRAINT "fair_applications_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_applications" ADD CONSTRAINT "fair_applications_position_id_fair_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."fair_positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_applications" ADD CONSTRAINT "fair_applications_visitor_id_fair_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."fair_visitors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_applications" ADD CONSTRAINT "fair_applications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_applications" ADD CONSTRAINT "fair_applications_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_applications" ADD CONSTRAINT "fair_applications_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_applications" ADD CONSTRAINT "fair_applications_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_employers" ADD CONSTRAINT "fair_employers_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_employers" ADD CONSTRAINT "fair_employers_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_positions" ADD CONSTRAINT "fair_positions_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_positions" ADD CONSTRAINT "fair_positions_fair_employer_id_fair_employers_id_fk" FOREIGN KEY ("fair_employer_id") REFERENCES "public"."fair_employers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_positions" ADD CONSTRAINT "fair_positions_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_visitors" ADD CONSTRAINT "fair_visitors_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_visitors" ADD CONSTRAINT "fair_visitors_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_visitors" ADD CONSTRAINT "fair_visitors_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_applications_uq" ON "fair_applications" USING btree ("position_id","person_id");--> statement-breakpoint
CREATE INDEX "fair_applications_person_idx" ON "fair_applications" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "fair_applications_fair_idx" ON "fair_applications" USING btree ("fair_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_employers_uq" ON "fair_employers" USING btree ("fair_id","employer_id");--> statement-breakpoint
CREATE INDEX "fair_positions_fair_idx" ON "fair_positions" USING btree ("fair_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_positions_vacancy_uq" ON "fair_positions" USING btree ("fair_id","vacancy_id") WHERE "fair_positions"."vacancy_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "fair_visitors_fair_idx" ON "fair_visitors" USING btree ("fair_id");--> statement-breakpoint
CREATE INDEX "fair_visitors_person_idx" ON "fair_visitors" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_visitors_person_uq" ON "fair_visitors" USING btree ("fair_id","person_id") WHERE "fair_visitors"."person_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "fairs_org_start_idx" ON "fairs" USING btree ("organisation_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "fairs_walk_in_token_uq" ON "fairs" USING btree ("walk_in_token");