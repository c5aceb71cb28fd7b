CREATE TABLE `stat_public_cells` (
	`scope` text NOT NULL,
	`tbl` text NOT NULL,
	`cell` text NOT NULL,
	`basis` integer NOT NULL,
	`noisy` integer NOT NULL,
	`variance` real NOT NULL,
	PRIMARY KEY(`scope`, `tbl`, `cell`)
);
--> statement-breakpoint
CREATE TABLE `stat_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`through` text NOT NULL,
	`published_day` text NOT NULL,
	`params` text NOT NULL,
	`document` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stat_snapshots_through_unique` ON `stat_snapshots` (`through`);