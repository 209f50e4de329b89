CREATE TABLE "key_rotations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"old_data_key_id" text NOT NULL,
	"new_data_key_id" text NOT NULL,
	"old_index_key_id" text NOT NULL,
	"new_index_key_id" text NOT NULL,
	"status" text NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"runs" integer DEFAULT 1 NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "key_rotations_running_uq" ON "key_rotations" USING btree ("status") WHERE status = 'running';