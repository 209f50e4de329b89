CREATE TABLE "intl_agreement_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"title" text NOT NULL,
	"reference" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intl_agreement_parties" (
	"organisation_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"name_at_signing" text,
	"position" integer NOT NULL,
	CONSTRAINT "intl_agreement_parties_agreement_id_partner_id_pk" PRIMARY KEY("agreement_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "intl_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"title_key" text NOT NULL,
	"signed_on" date,
	"valid_until" date,
	"scope" text,
	"status" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intl_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"precision" text DEFAULT 'day' NOT NULL,
	"host_id" uuid,
	"place" text,
	"partner_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"staff_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"topics" text,
	"outcomes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intl_events_dates_ck" CHECK ("intl_events"."end_date" >= "intl_events"."start_date")
);
--> statement-breakpoint
CREATE TABLE "intl_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agreement_id" uuid,
	"event_id" uuid,
	"title" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reminded_before_at" timestamp with time zone,
	"reminded_overdue_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intl_follow_ups_parent_ck" CHECK (("intl_follow_ups"."agreement_id" IS NULL) <> ("intl_follow_ups"."event_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "intl_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"role" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"precision" text DEFAULT 'day' NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intl_memberships_dates_ck" CHECK ("intl_memberships"."end_date" IS NULL OR "intl_memberships"."end_date" >= "intl_memberships"."start_date")
);
--> statement-breakpoint
CREATE TABLE "intl_practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title_tr" text NOT NULL,
	"title_en" text,
	"title_ar" text,
	"summary_tr" text NOT NULL,
	"summary_en" text,
	"summary_ar" text,
	"country" text,
	"partner_id" uuid,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intl_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"series" text,
	"year" integer NOT NULL,
	"issue" text,
	"title_tr" text NOT NULL,
	"title_en" text,
	"title_ar" text,
	"publisher_id" uuid,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"link" text,
	"search_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "intl_agreement_documents" ADD CONSTRAINT "intl_agreement_documents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_agreement_documents" ADD CONSTRAINT "intl_agreement_documents_agreement_id_intl_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."intl_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_agreement_parties" ADD CONSTRAINT "intl_agreement_parties_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_agreement_parties" ADD CONSTRAINT "intl_agreement_parties_agreement_id_intl_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."intl_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_agreement_parties" ADD CONSTRAINT "intl_agreement_parties_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_agreements" ADD CONSTRAINT "intl_agreements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_agreements" ADD CONSTRAINT "intl_agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_events" ADD CONSTRAINT "intl_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_events" ADD CONSTRAINT "intl_events_host_id_partners_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_events" ADD CONSTRAINT "intl_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_follow_ups" ADD CONSTRAINT "intl_follow_ups_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_follow_ups" ADD CONSTRAINT "intl_follow_ups_agreement_id_intl_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."intl_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_follow_ups" ADD CONSTRAINT "intl_follow_ups_event_id_intl_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."intl_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_follow_ups" ADD CONSTRAINT "intl_follow_ups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_memberships" ADD CONSTRAINT "intl_memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_memberships" ADD CONSTRAINT "intl_memberships_member_id_partners_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_memberships" ADD CONSTRAINT "intl_memberships_network_id_partners_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_memberships" ADD CONSTRAINT "intl_memberships_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_practices" ADD CONSTRAINT "intl_practices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_practices" ADD CONSTRAINT "intl_practices_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_publications" ADD CONSTRAINT "intl_publications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intl_publications" ADD CONSTRAINT "intl_publications_publisher_id_partners_id_fk" FOREIGN KEY ("publisher_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intl_agreement_parties_partner_idx" ON "intl_agreement_parties" USING btree ("organisation_id","partner_id");--> statement-breakpoint
CREATE INDEX "intl_agreements_org_idx" ON "intl_agreements" USING btree ("organisation_id","signed_on");--> statement-breakpoint
CREATE INDEX "intl_events_org_date_idx" ON "intl_events" USING btree ("organisation_id","start_date");--> statement-breakpoint
CREATE INDEX "intl_follow_ups_due_idx" ON "intl_follow_ups" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "intl_follow_ups_agreement_idx" ON "intl_follow_ups" USING btree ("agreement_id");--> statement-breakpoint
CREATE INDEX "intl_follow_ups_event_idx" ON "intl_follow_ups" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "intl_memberships_member_idx" ON "intl_memberships" USING btree ("organisation_id","member_id");--> statement-breakpoint
CREATE INDEX "intl_memberships_network_idx" ON "intl_memberships" USING btree ("organisation_id","network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "intl_practices_org_title_uq" ON "intl_practices" USING btree ("organisation_id","title_tr");--> statement-breakpoint
CREATE INDEX "intl_publications_org_idx" ON "intl_publications" USING btree ("organisation_id","year");