ALTER TABLE `reports` ADD `gbv_type` text DEFAULT 'unclassified' NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `verified` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-added: derive the GBVIMS type of reports stored before this column existed, with the
-- same mapping and precedence as src/gbvims.ts (tests/db/gbv-backfill.test.ts checks they agree).
UPDATE `reports` SET `gbv_type` = CASE
  WHEN EXISTS (SELECT 1 FROM `report_violence` v WHERE v.`report_id` = `reports`.`id` AND v.`code` IN ('rape', 'condom_refusal')) THEN 'rape'
  WHEN EXISTS (SELECT 1 FROM `report_violence` v WHERE v.`report_id` = `reports`.`id` AND v.`code` IN ('sexual_assault', 'sexual_extortion')) THEN 'sexual_assault'
  WHEN EXISTS (SELECT 1 FROM `report_violence` v WHERE v.`report_id` = `reports`.`id` AND v.`code` IN ('physical', 'homicide')) THEN 'physical_assault'
  WHEN EXISTS (SELECT 1 FROM `report_violence` v WHERE v.`report_id` = `reports`.`id` AND v.`code` IN ('extortion', 'robbery', 'unpaid', 'discrimination')) THEN 'denial_of_resources'
  WHEN EXISTS (SELECT 1 FROM `report_violence` v WHERE v.`report_id` = `reports`.`id` AND v.`code` IN ('threats', 'detention')) THEN 'psychological_abuse'
  ELSE 'unclassified'
END;
