CREATE TABLE "indicator_month_cells" (
	"organisation_id" uuid NOT NULL,
	"source" text NOT NULL,
	"month" text NOT NULL,
	"cells" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "indicator_month_cells_organisation_id_source_month_pk" PRIMARY KEY("organisation_id","source","month")
);
--> statement-breakpoint
ALTER TABLE "indicator_month_cells" ADD CONSTRAINT "indicator_month_cells_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;