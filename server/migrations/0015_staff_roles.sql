-- Staff roles (issue #21) and deactivated accounts. Accounts made before
-- roles existed could do everything: they become owners, so no club
-- upgrading loses the right to its own settings.
ALTER TABLE staff_users ADD COLUMN role TEXT NOT NULL DEFAULT 'owner'
    CHECK (role IN ('owner', 'manager', 'sales', 'desk'));
-- 0: signs in no more, every session ended; the account stays so that its
-- name stays on the prospects, notes and changes it made.
ALTER TABLE staff_users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
