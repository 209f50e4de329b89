ALTER TABLE "disclosure_log" ADD COLUMN "transfer_country" text;--> statement-breakpoint
ALTER TABLE "disclosure_log" ADD COLUMN "transfer_basis" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "transfer_safeguard" text;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "transfer_safeguard_date" date;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "transfer_safeguard_reference" text;