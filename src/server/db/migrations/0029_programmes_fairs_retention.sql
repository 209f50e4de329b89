ALTER TABLE "dp_destruction_batches" ADD COLUMN "walk_ins_due" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dp_destruction_batches" ADD COLUMN "walk_ins_cleared" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dp_retention_settings" ADD COLUMN "fair_walk_in_months" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "restricted_group" text;