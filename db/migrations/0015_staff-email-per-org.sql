DROP INDEX `staff_email_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_org_email` ON `staff` (`org_id`,`email`);--> statement-breakpoint
CREATE INDEX `staff_email` ON `staff` (`email`);