CREATE TABLE "cooperative_assemblies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cooperative_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"client_name" text NOT NULL,
	"share_percent" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cooperative_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"social_security" boolean DEFAULT false NOT NULL,
	"dependent_work" boolean DEFAULT false NOT NULL,
	"employer_id" uuid,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cooperative_projects" (
	"organisation_id" uuid NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cooperative_projects_cooperative_id_project_id_pk" PRIMARY KEY("cooperative_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "cooperative_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"sign" text NOT NULL,
	"params" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assigned_to" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution_note" text
);
--> statement-breakpoint
CREATE TABLE "cooperative_support" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"given_on" date NOT NULL,
	"amount" numeric(14, 2),
	"description" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cooperative_trades" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"buyer_id" uuid NOT NULL,
	"traded_on" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"description" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cooperatives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"icls_type" text NOT NULL,
	"legal_type" text NOT NULL,
	"nace_code" text,
	"focus_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"registration_number" text,
	"registration_date" date,
	"province" text NOT NULL,
	"district" text NOT NULL,
	"members_women" integer DEFAULT 0 NOT NULL,
	"members_men" integer DEFAULT 0 NOT NULL,
	"members_age_18_29" integer DEFAULT 0 NOT NULL,
	"members_age_30_44" integer DEFAULT 0 NOT NULL,
	"members_age_45_64" integer DEFAULT 0 NOT NULL,
	"members_age_65_plus" integer DEFAULT 0 NOT NULL,
	"member_workers_women" integer DEFAULT 0 NOT NULL,
	"member_workers_men" integer DEFAULT 0 NOT NULL,
	"employees_women" integer DEFAULT 0 NOT NULL,
	"employees_men" integer DEFAULT 0 NOT NULL,
	"dependent_uninsured" integer DEFAULT 0 NOT NULL,
	"members_refugees" integer,
	"members_roma" integer,
	"members_disability" integer,
	"activities" text,
	"turnover_band" text,
	"officer_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cooperatives_counts_ck" CHECK ("cooperatives"."members_women" >= 0 AND "cooperatives"."members_men" >= 0)
);
--> statement-breakpoint
ALTER TABLE "cooperative_assemblies" ADD CONSTRAINT "cooperative_assemblies_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_assemblies" ADD CONSTRAINT "cooperative_assemblies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_clients" ADD CONSTRAINT "cooperative_clients_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_members" ADD CONSTRAINT "cooperative_members_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_members" ADD CONSTRAINT "cooperative_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_members" ADD CONSTRAINT "cooperative_members_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_members" ADD CONSTRAINT "cooperative_members_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_projects" ADD CONSTRAINT "cooperative_projects_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_reviews" ADD CONSTRAINT "cooperative_reviews_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_reviews" ADD CONSTRAINT "cooperative_reviews_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_reviews" ADD CONSTRAINT "cooperative_reviews_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_support" ADD CONSTRAINT "cooperative_support_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_support" ADD CONSTRAINT "cooperative_support_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_trades" ADD CONSTRAINT "cooperative_trades_seller_id_cooperatives_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_trades" ADD CONSTRAINT "cooperative_trades_buyer_id_cooperatives_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_trades" ADD CONSTRAINT "cooperative_trades_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cooperative_assemblies_coop_idx" ON "cooperative_assemblies" USING btree ("cooperative_id","held_on");--> statement-breakpoint
CREATE INDEX "cooperative_clients_coop_idx" ON "cooperative_clients" USING btree ("cooperative_id","year");--> statement-breakpoint
CREATE INDEX "cooperative_members_coop_idx" ON "cooperative_members" USING btree ("cooperative_id","start_date");--> statement-breakpoint
CREATE INDEX "cooperative_members_org_person_idx" ON "cooperative_members" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cooperative_reviews_open_uq" ON "cooperative_reviews" USING btree ("cooperative_id","sign") WHERE "cooperative_reviews"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cooperative_reviews_org_status_idx" ON "cooperative_reviews" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "cooperative_support_coop_idx" ON "cooperative_support" USING btree ("cooperative_id","given_on");--> statement-breakpoint
CREATE INDEX "cooperative_trades_seller_idx" ON "cooperative_trades" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "cooperative_trades_buyer_idx" ON "cooperative_trades" USING btree ("buyer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cooperatives_org_registration_uq" ON "cooperatives" USING btree ("organisation_id","registration_number") WHERE "cooperatives"."registration_number" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cooperatives_org_name_idx" ON "cooperatives" USING btree ("organisation_id","name_key");