-- The mirror of a vendor's deals for the board (Overplane's opportunities,
-- which it lists only per prospect): the vendor's record kept whole, its
-- stage as the vendor wrote it (a stage the configuration does not know is
-- still a column), and Frontdesk's own order within a stage and version.
-- `hash` is the record as last read: a move re-reads it first, and a record
-- changed at the vendor since is a conflict, never overwritten.
CREATE TABLE vendor_cards (
    id               INTEGER PRIMARY KEY,
    vendor           TEXT NOT NULL,
    remote_id        TEXT NOT NULL,
    parent_remote_id TEXT NOT NULL,
    stage            TEXT NOT NULL,
    position         TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    hash             TEXT NOT NULL,
    record           TEXT NOT NULL,
    stage_changed_at TEXT NOT NULL,
    seen_at          TEXT NOT NULL,
    UNIQUE (vendor, remote_id)
);
CREATE INDEX vendor_cards_board ON vendor_cards(vendor, stage, position);
CREATE INDEX vendor_cards_parent ON vendor_cards(vendor, parent_remote_id);
