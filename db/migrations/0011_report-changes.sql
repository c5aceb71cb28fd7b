CREATE TABLE `report_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_rowid` integer NOT NULL
);
--> statement-breakpoint
-- Hand-added: every change to a stored report is logged by rowid for the exact statistics
-- engine (db/stats/fact-index.ts). Inserts are not logged (the engine reads new rows by rowid),
-- nor is `counted`, which the counter catch-up sets for every new report.
CREATE TRIGGER `report_changes_delete` AFTER DELETE ON `reports`
BEGIN INSERT INTO `report_changes` (`report_rowid`) VALUES (old.rowid); END;
--> statement-breakpoint
CREATE TRIGGER `report_changes_update` AFTER UPDATE OF `incident_month`, `region`, `identity`,
  `age_band`, `nationality`, `setting`, `reported_to_authority`, `channel`, `gbv_type`,
  `perpetrators`, `violence`, `verified` ON `reports`
BEGIN INSERT INTO `report_changes` (`report_rowid`) SELECT old.rowid UNION SELECT new.rowid; END;
--> statement-breakpoint
-- A box is only ever written with its report, so inserting one needs no entry; deleting one
-- alone would take the report away from that organisation. (When the report itself is deleted,
-- its boxes go with it and the report's own entry is enough.)
CREATE TRIGGER `report_changes_box_delete` AFTER DELETE ON `report_boxes`
BEGIN INSERT INTO `report_changes` (`report_rowid`) SELECT rowid FROM `reports` WHERE id = old.report_id; END;
