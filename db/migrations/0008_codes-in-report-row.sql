ALTER TABLE `reports` ADD `perpetrators` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `violence` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- Written by hand (drizzle-kit dropped the tables first): every code moves into its report's row,
-- as a JSON array in code order, before the tables go.
UPDATE `reports` SET
	`perpetrators` = (SELECT json_group_array(`code` ORDER BY `code`) FROM `report_perpetrators` WHERE `report_id` = `reports`.`id`),
	`violence` = (SELECT json_group_array(`code` ORDER BY `code`) FROM `report_violence` WHERE `report_id` = `reports`.`id`);--> statement-breakpoint
DROP TABLE `report_perpetrators`;--> statement-breakpoint
DROP TABLE `report_violence`;
