-- Delivery of the outbox through SMTP, when configured.
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
CREATE INDEX outbox_unsent ON outbox(sent_at, attempts);
