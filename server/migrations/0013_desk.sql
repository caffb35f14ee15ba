-- The front desk's changes to the calendar: whether a person came (beside
-- the booking's status, for a vendor's appointment too), the club's reason
-- for a cancellation, the vendor's id of a block Frontdesk added (CHAddBlock
-- gives it once, and it is needed to remove the block), and a log of who
-- changed what, with the reason for any rule overridden.
ALTER TABLE appointments ADD COLUMN attendance TEXT CHECK (attendance IN ('finished', 'no_show'));
ALTER TABLE appointments ADD COLUMN cancel_reason TEXT;
ALTER TABLE availability_blocks ADD COLUMN remote_id TEXT;

CREATE TABLE agenda_log (
    id             INTEGER PRIMARY KEY,
    agenda_id      INTEGER NOT NULL REFERENCES agendas(id) ON DELETE CASCADE,
    appointment_id INTEGER REFERENCES appointments(id) ON DELETE SET NULL,
    staff_user_id  INTEGER REFERENCES staff_users(id) ON DELETE SET NULL,
    -- book, move, cancel, remove, attendance, add_block, remove_block
    action         TEXT NOT NULL,
    -- outside_hours or taken: the rule staff overrode, saying why
    overridden     TEXT CHECK (overridden IN ('outside_hours', 'taken')),
    reason         TEXT,
    at             TEXT NOT NULL
);
CREATE INDEX agenda_log_appointment ON agenda_log(appointment_id);
