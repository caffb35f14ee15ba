-- A deleted prospect stays in the trash for 30 days, so a delete can be
-- undone (the list offers it for a few seconds) and a slip of a bulk delete
-- is not a loss. Every read ignores rows with deleted_at set.
ALTER TABLE prospects ADD COLUMN deleted_at TEXT;
CREATE INDEX prospects_deleted ON prospects(deleted_at) WHERE deleted_at IS NOT NULL;
