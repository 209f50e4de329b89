-- A counsellor's list filtered by district and target group (issue 15, bench/README.md "The filtered list from one
-- index"): the office-district-name index carries the person's target-group codes (INCLUDE), so that the capped
-- count and the page are index-only scans of the office's district, the codes tested on the index entries. Through
-- the GIN of 0046 each of the two statements intersected the office's every entry with the district's and the
-- group's (about 2 ms each, warm, at 1,000,000 persons); from this index the count takes about 0.6 ms and the page
-- 0.15 ms. The GIN stays for a group without a district. drizzle's schema cannot say INCLUDE: the index is
-- declared there with its keys only (people.ts), and this migration adds the codes.
DROP INDEX IF EXISTS "persons_org_office_district_name_idx";--> statement-breakpoint
CREATE INDEX "persons_org_office_district_name_idx" ON "persons" USING btree ("organisation_id","office_id","district","family_name","given_name","id") INCLUDE ("target_groups") WHERE "persons"."merged_into_id" IS NULL;
