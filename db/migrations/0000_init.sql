CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`public_key` blob NOT NULL,
	`synthetic` integer DEFAULT false NOT NULL,
	`created_day` text NOT NULL,
	CONSTRAINT "organisations_role" CHECK("organisations"."role" in ('advocacy', 'legal_aid'))
);
--> statement-breakpoint
CREATE TABLE `report_boxes` (
	`report_id` text NOT NULL,
	`recipient_id` text NOT NULL,
	`box` blob NOT NULL,
	PRIMARY KEY(`report_id`, `recipient_id`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recipient_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_boxes_recipient` ON `report_boxes` (`recipient_id`);--> statement-breakpoint
CREATE TABLE `report_perpetrators` (
	`report_id` text NOT NULL,
	`code` text NOT NULL,
	PRIMARY KEY(`report_id`, `code`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `report_perpetrators_code` ON `report_perpetrators` (`code`);--> statement-breakpoint
CREATE TABLE `report_violence` (
	`report_id` text NOT NULL,
	`code` text NOT NULL,
	PRIMARY KEY(`report_id`, `code`),
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `report_violence_code` ON `report_violence` (`code`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_month` text NOT NULL,
	`region` text NOT NULL,
	`identity` text NOT NULL,
	`age_band` text NOT NULL,
	`nationality` text NOT NULL,
	`setting` text NOT NULL,
	`reported_to_authority` text NOT NULL,
	`channel` text NOT NULL,
	`body_hash` text NOT NULL,
	`received_day` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reports_month` ON `reports` (`incident_month`);--> statement-breakpoint
CREATE INDEX `reports_region` ON `reports` (`region`);