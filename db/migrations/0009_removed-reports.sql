CREATE TABLE `removed_reports` (
	`id_hash` text PRIMARY KEY NOT NULL
);
