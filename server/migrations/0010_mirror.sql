-- The mirror of a vendor's prospects (Connectors): a row with `vendor` set
-- is that vendor's record `remote_id`, its unified fields as last synced
-- and its own fields kept whole in `extra`; the fields the vendor does not
-- keep (tags, next action, …) are Frontdesk's, beside it. A row without
-- `vendor` is Frontdesk's own. The list shows the rows of the connector
-- that serves prospects.
ALTER TABLE prospects ADD COLUMN vendor TEXT;
ALTER TABLE prospects ADD COLUMN remote_id TEXT;
-- SHA-256 of the vendor's record as last seen: a sync that finds it the
-- same writes nothing.
ALTER TABLE prospects ADD COLUMN remote_hash TEXT;
-- When the vendor's copy was last read.
ALTER TABLE prospects ADD COLUMN seen_at TEXT;
CREATE UNIQUE INDEX prospects_remote ON prospects(vendor, remote_id) WHERE vendor IS NOT NULL;
CREATE INDEX prospects_vendor ON prospects(vendor);

-- Where each capability's sync stands. `position` is the vendor's cursor
-- after the last batch committed by the run that began at
-- `run_started_at`; a run cut short resumes there.
CREATE TABLE sync_state (
    capability       TEXT NOT NULL,
    connector        TEXT NOT NULL,
    position         TEXT,
    run_started_at   TEXT,
    last_attempt_at  TEXT,
    last_complete_at TEXT,
    last_outcome     TEXT CHECK (last_outcome IN ('complete', 'partial', 'failed')),
    last_error       TEXT,
    fetched          INTEGER NOT NULL DEFAULT 0,
    changed          INTEGER NOT NULL DEFAULT 0,
    removed          INTEGER NOT NULL DEFAULT 0,
    requests         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (capability, connector)
);

-- The vendor ids a run has seen so far (committed with each batch): after
-- a complete run, a mirrored record not among them is gone at the vendor.
CREATE TABLE sync_seen (
    connector TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    PRIMARY KEY (connector, remote_id)
) WITHOUT ROWID;
