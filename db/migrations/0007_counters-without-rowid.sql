DROP INDEX `stat_counters_read`;--> statement-breakpoint
-- Written by hand after the line above (drizzle cannot declare WITHOUT ROWID): the counters move
-- into a table whose primary-key B-tree also holds `n`, so an upsert changes one B-tree, not three.
CREATE TABLE `__new_stat_counters` (
	`scope` integer NOT NULL,
	`pair` text NOT NULL,
	`month` text NOT NULL,
	`a` text NOT NULL,
	`b` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`scope`, `pair`, `month`, `a`, `b`)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `__new_stat_counters` (`scope`, `pair`, `month`, `a`, `b`, `n`)
	SELECT `scope`, `pair`, `month`, `a`, `b`, `n` FROM `stat_counters`;--> statement-breakpoint
DROP TABLE `stat_counters`;--> statement-breakpoint
ALTER TABLE `__new_stat_counters` RENAME TO `stat_counters`;
