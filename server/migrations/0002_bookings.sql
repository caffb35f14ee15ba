-- Online booking: extra questions, confirmation codes, cancellation tokens,
-- idempotent submits and the message outbox.

CREATE TABLE form_fields (
    id        INTEGER PRIMARY KEY,
    type_id   INTEGER NOT NULL REFERENCES appointment_types(id) ON DELETE CASCADE,
    key       TEXT NOT NULL,
    label     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('text', 'textarea', 'checkbox')),
    required  INTEGER NOT NULL DEFAULT 0,
    position  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (type_id, key)
);

ALTER TABLE appointments ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE appointments ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
-- SHA-256 of the 6-digit code sent by email; NULL once confirmed.
ALTER TABLE appointments ADD COLUMN confirm_code_hash TEXT;
ALTER TABLE appointments ADD COLUMN confirm_attempts INTEGER NOT NULL DEFAULT 0;
-- SHA-256 of the secret in the confirmation message (confirm, cancel, .ics).
ALTER TABLE appointments ADD COLUMN manage_token_hash TEXT;
ALTER TABLE appointments ADD COLUMN cancelled_at TEXT;
CREATE UNIQUE INDEX appointments_manage_token ON appointments(manage_token_hash);

-- A retried submit with the same key gets the first answer again.
CREATE TABLE idempotency_keys (
    key            TEXT PRIMARY KEY,
    request_hash   TEXT NOT NULL,
    appointment_id INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    response       TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE outbox (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER REFERENCES appointments(id) ON DELETE SET NULL,
    to_address     TEXT NOT NULL,
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    sent_at        TEXT
);
