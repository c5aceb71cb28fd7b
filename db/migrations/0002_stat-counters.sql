CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stat_counters` (
	`scope` integer NOT NULL,
	`pair` text NOT NULL,
	`month` text NOT NULL,
	`a` text NOT NULL,
	`b` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`scope`, `pair`, `month`, `a`, `b`)
);
--> statement-breakpoint
CREATE INDEX `stat_counters_read` ON `stat_counters` (`scope`,`pair`,`month`,`a`,`b`,`n`);