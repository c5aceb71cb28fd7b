-- Written by hand (drizzle cannot declare WITHOUT ROWID). Rows a reporter's action creates must
-- not be stored in the order they arrived: a rowid table keeps arrival order, and next to staff
-- notes (whose audit entries have times to the millisecond) that placed a reporter's addition
-- within seconds. Keyed by random ids (UUID v4, or the SHA-256 of one) in WITHOUT ROWID tables,
-- the rows lie in an order that says nothing. The reports table keeps its rowid, which the exact
-- statistics use as a slot, and is shuffled as it grows (db/reports-repo.ts).
CREATE TABLE `__new_report_boxes` (
	`report_id` text NOT NULL,
	`recipient_id` text NOT NULL,
	`box` blob NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`case_status` text DEFAULT 'new' NOT NULL,
	PRIMARY KEY(`report_id`, `recipient_id`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recipient_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_report_boxes` SELECT `report_id`, `recipient_id`, `box`, `status`, `case_status` FROM `report_boxes`;--> statement-breakpoint
DROP TABLE `report_boxes`;--> statement-breakpoint
ALTER TABLE `__new_report_boxes` RENAME TO `report_boxes`;--> statement-breakpoint
CREATE INDEX `report_boxes_recipient` ON `report_boxes` (`recipient_id`);--> statement-breakpoint
CREATE TRIGGER `report_changes_box_delete` AFTER DELETE ON `report_boxes`
BEGIN INSERT INTO `report_changes` (`report_rowid`) SELECT rowid FROM `reports` WHERE id = old.report_id; END;--> statement-breakpoint
CREATE TABLE `__new_report_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`report_id` text NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`box` blob NOT NULL,
	`day` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_report_messages` SELECT `id`, `report_id`, `org_id`, `kind`, `box`, `day` FROM `report_messages`;--> statement-breakpoint
DROP TABLE `report_messages`;--> statement-breakpoint
ALTER TABLE `__new_report_messages` RENAME TO `report_messages`;--> statement-breakpoint
CREATE INDEX `report_messages_report` ON `report_messages` (`report_id`,`org_id`);--> statement-breakpoint
CREATE TABLE `__new_report_follow_ups` (
	`report_id` text PRIMARY KEY NOT NULL,
	`lookup_hash` text NOT NULL,
	`reply_public_key` blob NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_report_follow_ups` SELECT `report_id`, `lookup_hash`, `reply_public_key` FROM `report_follow_ups`;--> statement-breakpoint
DROP TABLE `report_follow_ups`;--> statement-breakpoint
ALTER TABLE `__new_report_follow_ups` RENAME TO `report_follow_ups`;--> statement-breakpoint
CREATE UNIQUE INDEX `report_follow_ups_lookup_hash_unique` ON `report_follow_ups` (`lookup_hash`);--> statement-breakpoint
CREATE TABLE `__new_removed_reports` (
	`id_hash` text PRIMARY KEY NOT NULL
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_removed_reports` SELECT `id_hash` FROM `removed_reports`;--> statement-breakpoint
DROP TABLE `removed_reports`;--> statement-breakpoint
ALTER TABLE `__new_removed_reports` RENAME TO `removed_reports`;
