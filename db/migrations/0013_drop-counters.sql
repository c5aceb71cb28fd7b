-- The counter tables fed the live public statistics, which snapshots replaced (issue 12); no
-- route reads them, and keeping them cost every submission and a timer that stalled requests.
DROP TABLE `stat_counters`;--> statement-breakpoint
DROP INDEX `reports_uncounted`;