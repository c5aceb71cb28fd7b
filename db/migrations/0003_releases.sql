CREATE TABLE `privacy_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`release_id` text NOT NULL,
	`epsilon` real NOT NULL,
	`day` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `privacy_ledger_org` ON `privacy_ledger` (`org_id`);--> statement-breakpoint
CREATE TABLE `release_tokens` (
	`org_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_day` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `release_tokens_token_hash_unique` ON `release_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `releases` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`published_day` text NOT NULL,
	`corrects` text,
	`document` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `releases_org` ON `releases` (`org_id`);--> statement-breakpoint
CREATE INDEX `releases_corrects` ON `releases` (`corrects`);--> statement-breakpoint
-- Hand-added: a published release never changes; a correction is a new release.
CREATE TRIGGER `releases_no_update` BEFORE UPDATE ON `releases`
BEGIN SELECT RAISE(ABORT, 'releases are immutable: publish a correction instead'); END;
--> statement-breakpoint
CREATE TRIGGER `releases_no_delete` BEFORE DELETE ON `releases`
BEGIN SELECT RAISE(ABORT, 'releases are immutable: publish a correction instead'); END;
