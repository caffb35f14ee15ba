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
