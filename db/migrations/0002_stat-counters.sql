CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stat_counters` (
	`scope` integer NOT NULL,
	`pair` text NOT NULL,
	`grain` text NOT NULL,
	`bucket` text NOT NULL,
	`a` text NOT NULL,
	`b` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`scope`, `pair`, `grain`, `bucket`, `a`, `b`)
);
