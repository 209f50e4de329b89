CREATE TABLE "taxonomy_certificates" (
	"code" text PRIMARY KEY NOT NULL,
	"title_en" text NOT NULL,
	"title_tr" text NOT NULL,
	"title_ar" text NOT NULL,
	"expires" boolean NOT NULL,
	"validity_years" integer,
	"tr_status" text DEFAULT 'project' NOT NULL,
	"ar_status" text DEFAULT 'project' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_driving_licences" (
	"code" text PRIMARY KEY NOT NULL,
	"min_age" integer NOT NULL,
	"title_en" text NOT NULL,
	"title_tr" text NOT NULL,
	"title_ar" text NOT NULL,
	"tr_status" text DEFAULT 'project' NOT NULL,
	"ar_status" text DEFAULT 'project' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_isced_levels" (
	"code" text PRIMARY KEY NOT NULL,
	"title_en" text NOT NULL,
	"title_tr" text NOT NULL,
	"title_ar" text NOT NULL,
	"tr_status" text DEFAULT 'project' NOT NULL,
	"ar_status" text DEFAULT 'project' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_isco_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"level" integer NOT NULL,
	"parent_code" text,
	"title_en" text NOT NULL,
	"title_tr" text NOT NULL,
	"title_ar" text NOT NULL,
	"tr_status" text DEFAULT 'project' NOT NULL,
	"ar_status" text DEFAULT 'project' NOT NULL,
	"iskur_code" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_languages" (
	"code" text PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_tr" text NOT NULL,
	"name_ar" text NOT NULL,
	"tr_status" text DEFAULT 'project' NOT NULL,
	"ar_status" text DEFAULT 'project' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_nace" (
	"code" text PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"title_en" text NOT NULL,
	"title_tr" text NOT NULL,
	"title_ar" text NOT NULL,
	"tr_status" text DEFAULT 'project' NOT NULL,
	"ar_status" text DEFAULT 'project' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_occupation_labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"isco_code" text NOT NULL,
	"lang" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"search_key" text NOT NULL,
	"stem_key" text NOT NULL,
	"source" text NOT NULL,
	"esco_uri" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "taxonomy_skill_labels" (
	"skill_id" text NOT NULL,
	"lang" text NOT NULL,
	"label" text NOT NULL,
	"search_key" text NOT NULL,
	"stem_key" text NOT NULL,
	CONSTRAINT "taxonomy_skill_labels_skill_id_lang_search_key_pk" PRIMARY KEY("skill_id","lang","search_key")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_skill_occupations" (
	"skill_id" text NOT NULL,
	"isco_code" text NOT NULL,
	"relation" text NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "taxonomy_skill_occupations_skill_id_isco_code_pk" PRIMARY KEY("skill_id","isco_code")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_skills" (
	"id" text PRIMARY KEY NOT NULL,
	"group" text NOT NULL,
	"title_en" text NOT NULL,
	"title_tr" text,
	"title_ar" text,
	"tr_status" text DEFAULT 'project' NOT NULL,
	"ar_status" text DEFAULT 'project' NOT NULL,
	"esco_uri" text,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxonomy_loads" (
	"dataset" text PRIMARY KEY NOT NULL,
	"content_hash" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "taxonomy_occupation_labels" ADD CONSTRAINT "taxonomy_occupation_labels_isco_code_taxonomy_isco_groups_code_fk" FOREIGN KEY ("isco_code") REFERENCES "public"."taxonomy_isco_groups"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_occupation_labels" ADD CONSTRAINT "taxonomy_occupation_labels_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_occupation_labels" ADD CONSTRAINT "taxonomy_occupation_labels_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_skill_labels" ADD CONSTRAINT "taxonomy_skill_labels_skill_id_taxonomy_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."taxonomy_skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_skill_occupations" ADD CONSTRAINT "taxonomy_skill_occupations_skill_id_taxonomy_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."taxonomy_skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxonomy_skill_occupations" ADD CONSTRAINT "taxonomy_skill_occupations_isco_code_taxonomy_isco_groups_code_fk" FOREIGN KEY ("isco_code") REFERENCES "public"."taxonomy_isco_groups"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "taxonomy_isco_groups_parent_idx" ON "taxonomy_isco_groups" USING btree ("parent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "taxonomy_occupation_labels_unique_idx" ON "taxonomy_occupation_labels" USING btree ("isco_code","lang","search_key");--> statement-breakpoint
CREATE INDEX "taxonomy_occupation_labels_isco_idx" ON "taxonomy_occupation_labels" USING btree ("isco_code");--> statement-breakpoint
CREATE INDEX "taxonomy_occupation_labels_key_trgm_idx" ON "taxonomy_occupation_labels" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "taxonomy_occupation_labels_stem_trgm_idx" ON "taxonomy_occupation_labels" USING gin ("stem_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "taxonomy_skill_labels_key_trgm_idx" ON "taxonomy_skill_labels" USING gin ("search_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "taxonomy_skill_labels_stem_trgm_idx" ON "taxonomy_skill_labels" USING gin ("stem_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "taxonomy_skill_occupations_isco_idx" ON "taxonomy_skill_occupations" USING btree ("isco_code");--> statement-breakpoint
CREATE UNIQUE INDEX "taxonomy_skills_esco_uri_idx" ON "taxonomy_skills" USING btree ("esco_uri");