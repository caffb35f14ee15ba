-- Frontdesk's embedded store. Times are RFC 3339 text in UTC unless a column
-- says it is a local wall time; money is integer cents.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE staff_users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- Only a SHA-256 of the cookie's token is kept, so a copy of the database
-- cannot be replayed as a login.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE prospects (
    id              INTEGER PRIMARY KEY,
    first_name      TEXT NOT NULL DEFAULT '',
    last_name       TEXT NOT NULL DEFAULT '',
    gender          TEXT CHECK (gender IN ('male', 'female', 'other')),
    birth_date      TEXT,            -- NULL when unknown (never 1900-01-01)
    address         TEXT NOT NULL DEFAULT '',
    zip             TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    mobile          TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    language        TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT '',
    sub_source      TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    owner_id        INTEGER REFERENCES staff_users(id) ON DELETE SET NULL,
    status          TEXT NOT NULL DEFAULT 'new',
    next_action     TEXT NOT NULL DEFAULT '',
    next_action_due TEXT,
    extra           TEXT NOT NULL DEFAULT '{}', -- vendor fields with no unified home
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX prospects_owner ON prospects(owner_id);
CREATE INDEX prospects_created ON prospects(created_at);

CREATE TABLE prospect_tags (
    prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (prospect_id, tag)
);

CREATE TABLE agendas (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT NOT NULL,
    timezone              TEXT NOT NULL,
    align_grid_min        INTEGER NOT NULL DEFAULT 15,
    requires_confirmation INTEGER NOT NULL DEFAULT 0,
    cancel_cutoff_min     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE resources (
    id        INTEGER PRIMARY KEY,
    agenda_id INTEGER NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('coach', 'room'))
);

CREATE TABLE appointment_types (
    id             INTEGER PRIMARY KEY,
    agenda_id      INTEGER NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    duration_min   INTEGER NOT NULL,
    buffer_min     INTEGER NOT NULL DEFAULT 0,
    min_notice_min INTEGER NOT NULL DEFAULT 0,
    max_ahead_min  INTEGER NOT NULL DEFAULT 0,
    scheduling     TEXT NOT NULL CHECK (scheduling IN ('resource', 'capacity')),
    capacity       INTEGER NOT NULL DEFAULT 1,
    price_cents    INTEGER NOT NULL DEFAULT 0,
    currency       TEXT NOT NULL DEFAULT 'EUR'
);

CREATE TABLE appointment_type_resources (
    type_id     INTEGER NOT NULL REFERENCES appointment_types(id) ON DELETE CASCADE,
    resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    PRIMARY KEY (type_id, resource_id)
);

-- Opening hours: a weekly rule (weekday 1 = Monday … 7 = Sunday) or one date.
-- Times are local wall times of the agenda's timezone; end may be 24:00.
CREATE TABLE availability_blocks (
    id          INTEGER PRIMARY KEY,
    agenda_id   INTEGER NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
    resource_id INTEGER REFERENCES resources(id) ON DELETE CASCADE,
    weekday     INTEGER CHECK (weekday BETWEEN 1 AND 7),
    date        TEXT,
    start_time  TEXT NOT NULL,
    end_time    TEXT NOT NULL,
    CHECK ((weekday IS NULL) <> (date IS NULL))
);

CREATE TABLE appointments (
    id          INTEGER PRIMARY KEY,
    agenda_id   INTEGER NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
    type_id     INTEGER NOT NULL REFERENCES appointment_types(id),
    resource_id INTEGER REFERENCES resources(id) ON DELETE SET NULL,
    prospect_id INTEGER REFERENCES prospects(id) ON DELETE SET NULL,
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    persons     INTEGER NOT NULL DEFAULT 1,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'cancelled')),
    name        TEXT NOT NULL,
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX appointments_agenda_start ON appointments(agenda_id, starts_at);

CREATE TABLE pipelines (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('deals', 'lifecycle'))
);

CREATE TABLE stages (
    id           INTEGER PRIMARY KEY,
    pipeline_id  INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    colour       TEXT NOT NULL,
    probability  INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    position     INTEGER NOT NULL,
    is_won       INTEGER NOT NULL DEFAULT 0,
    is_lost      INTEGER NOT NULL DEFAULT 0,
    rotting_days INTEGER
);

CREATE TABLE deals (
    id               INTEGER PRIMARY KEY,
    pipeline_id      INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    stage_id         INTEGER NOT NULL REFERENCES stages(id),
    title            TEXT NOT NULL,
    prospect_id      INTEGER REFERENCES prospects(id) ON DELETE SET NULL,
    value_cents      INTEGER NOT NULL DEFAULT 0,
    currency         TEXT NOT NULL DEFAULT 'EUR',
    probability      INTEGER CHECK (probability BETWEEN 0 AND 100),
    expected_close   TEXT,
    owner_id         INTEGER REFERENCES staff_users(id) ON DELETE SET NULL,
    position         TEXT NOT NULL,  -- fractional index within the stage
    version          INTEGER NOT NULL DEFAULT 1,
    stage_changed_at TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX deals_stage ON deals(pipeline_id, stage_id, position);
