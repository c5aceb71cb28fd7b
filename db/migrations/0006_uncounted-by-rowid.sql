DROP INDEX `reports_uncounted`;--> statement-breakpoint
CREATE INDEX `reports_uncounted` ON `reports` (`counted`) WHERE "reports"."counted" = 0;