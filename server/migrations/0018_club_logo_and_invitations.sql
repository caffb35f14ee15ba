-- The club's logo (issue #21): at most one, its bytes here so a backup of
-- the database is a backup of the club. `hash` (SHA-256 hex) is the ETag
-- and the version in the logo's URL.
CREATE TABLE club_logo (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    bytes BLOB NOT NULL,
    hash TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Invitation links for staff (issue #21): only the token's SHA-256, as for
-- sessions, so a copy of the database opens no link. The account is made
-- when the link is used (`used_at`), with the password the person chose;
-- a used or expired row stays, so its link can say which it is.
CREATE TABLE staff_invitations (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'sales', 'desk')),
    invited_by INTEGER REFERENCES staff_users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX staff_invitations_email ON staff_invitations(email);
