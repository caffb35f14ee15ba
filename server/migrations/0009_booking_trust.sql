-- Trust fixes (#17): what staff may read of a message, the .ics a
-- confirmation carries, per-client limits on pending bookings, and
-- idempotency answers only the key's holder can read.

-- The message as staff may read it: the manage link's token cut out. The
-- full text (`subject`, `body`) is only for delivery and is replaced by
-- this copy once the message is sent.
ALTER TABLE outbox ADD COLUMN staff_subject TEXT;
ALTER TABLE outbox ADD COLUMN staff_body TEXT;
-- Attach the booking's .ics when the message is delivered.
ALTER TABLE outbox ADD COLUMN attach_ics INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET staff_subject = subject,
    staff_body = CASE WHEN instr(body, 'token=') > 0
        THEN substr(body, 1, instr(body, 'token=') + 5) || '…' ELSE body END;

-- Who asked for a pending booking (SHA-256 of the client's address key),
-- so one script cannot hold every slot.
ALTER TABLE appointments ADD COLUMN client_hash TEXT;
-- How often the code was sent again, and when last.
ALTER TABLE appointments ADD COLUMN code_sends INTEGER NOT NULL DEFAULT 1;
ALTER TABLE appointments ADD COLUMN code_sent_at TEXT;
CREATE INDEX appointments_pending ON appointments(status, created_at) WHERE status = 'pending';

-- Keys are now stored hashed and answers sealed with a key derived from
-- the Idempotency-Key itself; the old clear answers (kept a day) go.
DELETE FROM idempotency_keys;
