-- Sales steps (Clubplanner's funnel): a configurable plan of steps, each
-- with the results a person can choose; where each prospect stands; and
-- what was chosen, by whom, when.
--
-- Labels are data in the three languages of the app. A vendor that knows
-- only one language fills that column; the API falls back to another one.

CREATE TABLE sales_steps (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    name_nl  TEXT NOT NULL DEFAULT '',
    name_fr  TEXT NOT NULL DEFAULT '',
    name_en  TEXT NOT NULL DEFAULT '',
    CHECK (name_nl <> '' OR name_fr <> '' OR name_en <> '')
);

CREATE TABLE sales_results (
    id                  INTEGER PRIMARY KEY,
    step_id             INTEGER NOT NULL REFERENCES sales_steps(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    label_nl            TEXT NOT NULL DEFAULT '',
    label_fr            TEXT NOT NULL DEFAULT '',
    label_en            TEXT NOT NULL DEFAULT '',
    -- none: only recorded; book: needs an appointment of appointment_type_id;
    -- close: ends the process whatever next_step_id says.
    action              TEXT NOT NULL CHECK (action IN ('none', 'book', 'close')),
    appointment_type_id INTEGER REFERENCES appointment_types(id),
    -- NULL: the process ends after this result.
    next_step_id        INTEGER REFERENCES sales_steps(id) ON DELETE SET NULL,
    -- The prospect status to set (new, contacted, tour_booked, trial, member,
    -- not_interested), if any.
    set_status          TEXT,
    -- "Call back in N days": sets the prospect's next action and its due date.
    callback_days       INTEGER CHECK (callback_days BETWEEN 0 AND 365),
    CHECK (label_nl <> '' OR label_fr <> '' OR label_en <> ''),
    CHECK ((action = 'book') = (appointment_type_id IS NOT NULL))
);
CREATE INDEX sales_results_step ON sales_results(step_id, position);

-- Where a prospect stands. No row: not started, so the first step of the
-- plan; a row with step_id NULL: the process has ended.
CREATE TABLE prospect_sales (
    prospect_id INTEGER PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    step_id     INTEGER REFERENCES sales_steps(id) ON DELETE SET NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE sales_history (
    id             INTEGER PRIMARY KEY,
    prospect_id    INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    step_id        INTEGER REFERENCES sales_steps(id) ON DELETE SET NULL,
    result_id      INTEGER REFERENCES sales_results(id) ON DELETE SET NULL,
    employee_id    INTEGER REFERENCES staff_users(id) ON DELETE SET NULL,
    note           TEXT NOT NULL DEFAULT '',
    appointment_id INTEGER REFERENCES appointments(id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX sales_history_prospect ON sales_history(prospect_id, id);
CREATE INDEX appointments_prospect ON appointments(prospect_id);
