CREATE TABLE `report_follow_ups` (
	`report_id` text PRIMARY KEY NOT NULL,
	`lookup_hash` text NOT NULL,
	`reply_public_key` blob NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_follow_ups_lookup_hash_unique` ON `report_follow_ups` (`lookup_hash`);--> statement-breakpoint
CREATE TABLE `report_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`box` blob NOT NULL,
	`day` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_messages_report` ON `report_messages` (`report_id`,`org_id`);--> statement-breakpoint
ALTER TABLE `report_boxes` ADD `status` text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE `report_boxes` ADD `case_status` text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `verified` integer DEFAULT false NOT NULL;