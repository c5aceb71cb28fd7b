-- A published snapshot never changes: the public answers, their ETags and every release built
-- from it depend on its document. (Written by hand: drizzle cannot declare triggers.)
CREATE TRIGGER `stat_snapshots_no_update` BEFORE UPDATE ON `stat_snapshots`
BEGIN
  SELECT RAISE(ABORT, 'a published snapshot cannot be changed; publish a new one');
END;
--> statement-breakpoint
CREATE TRIGGER `stat_snapshots_no_delete` BEFORE DELETE ON `stat_snapshots`
BEGIN
  SELECT RAISE(ABORT, 'a published snapshot cannot be deleted');
END;
