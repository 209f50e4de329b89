ALTER TABLE "intl_agreement_documents" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "intl_agreement_documents" ADD COLUMN "media_type" text;--> statement-breakpoint
ALTER TABLE "intl_agreement_documents" ADD COLUMN "size_bytes" integer;--> statement-breakpoint
ALTER TABLE "intl_agreement_documents" ADD COLUMN "content" "bytea";--> statement-breakpoint
ALTER TABLE "intl_agreement_documents" ADD COLUMN "uploaded_by" uuid;--> statement-breakpoint
ALTER TABLE "intl_agreement_documents" ADD COLUMN "uploaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "intl_agreement_documents" ADD CONSTRAINT "intl_agreement_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;