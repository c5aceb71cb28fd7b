ALTER TABLE `reports` ADD `counted` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX `reports_uncounted` ON `reports` (`id`) WHERE "reports"."counted" = 0;