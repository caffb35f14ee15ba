-- The pipeline board (issue 5): won and lost reasons, close data of deals,
-- activities, the history of every card, and customers as the cards of the
-- lifecycle pipeline.

-- Positions are fractional keys (core::pipeline): base-62 digits that never
-- end in '0'. The first seed wrote "000010"-style numbers; a 'V' after each
-- makes them keys without changing their order.
UPDATE deals SET position = position || 'V' WHERE position GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]';

-- Why deals are won or lost, per pipeline (Cirrus's opportunitywinreasons
-- and opportunitylostreasons).
CREATE TABLE close_reasons (
    id          INTEGER PRIMARY KEY,
    pipeline_id INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('won', 'lost')),
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX close_reasons_pipeline ON close_reasons(pipeline_id, kind, position);

ALTER TABLE deals ADD COLUMN closed_at TEXT;
ALTER TABLE deals ADD COLUMN close_reason_id INTEGER REFERENCES close_reasons(id) ON DELETE SET NULL;
-- Vendor fields with no unified home (Overplane's contact_person, …).
ALTER TABLE deals ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';

-- The lifecycle pipeline's cards (AlphaAlpha's customers and crmStatus).
CREATE TABLE customers (
    id               INTEGER PRIMARY KEY,
    pipeline_id      INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    stage_id         INTEGER NOT NULL REFERENCES stages(id),
    prospect_id      INTEGER REFERENCES prospects(id) ON DELETE SET NULL,
    name             TEXT NOT NULL,
    email            TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    owner_id         INTEGER REFERENCES staff_users(id) ON DELETE SET NULL,
    next_action      TEXT NOT NULL DEFAULT '',
    next_action_due  TEXT,
    position         TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    stage_changed_at TEXT NOT NULL,
    extra            TEXT NOT NULL DEFAULT '{}',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX customers_stage ON customers(pipeline_id, stage_id, position);

-- Calls, meetings and tasks about a deal; the earliest open one is the
-- card's next activity.
CREATE TABLE activities (
    id         INTEGER PRIMARY KEY,
    deal_id    INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'task', 'email')),
    subject    TEXT NOT NULL,
    due_date   TEXT NOT NULL,
    done_at    TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX activities_open ON activities(deal_id, done_at, due_date);

-- What happened to a card: created, moved to another stage, reordered,
-- edited; with who and when. `card_kind` says which table `card_id` is in.
CREATE TABLE card_history (
    id            INTEGER PRIMARY KEY,
    card_kind     TEXT NOT NULL CHECK (card_kind IN ('deal', 'customer')),
    card_id       INTEGER NOT NULL,
    at            TEXT NOT NULL,
    user_id       INTEGER REFERENCES staff_users(id) ON DELETE SET NULL,
    action        TEXT NOT NULL CHECK (action IN ('created', 'moved', 'reordered', 'edited')),
    from_stage_id INTEGER REFERENCES stages(id) ON DELETE SET NULL,
    to_stage_id   INTEGER REFERENCES stages(id) ON DELETE SET NULL,
    reason_id     INTEGER REFERENCES close_reasons(id) ON DELETE SET NULL
);
CREATE INDEX card_history_card ON card_history(card_kind, card_id, at);
