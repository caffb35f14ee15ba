-- Browsers a member of staff has signed in from (OWASP "device cookies"):
-- a sign-in that presents such a browser's cookie for that account is not
-- paused by other people's wrong passwords (it has its own count). One
-- cookie per browser, trusted for each account signed in from it; only
-- the SHA-256 of its token is kept.
CREATE TABLE device_cookies (
    token_hash   TEXT NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    PRIMARY KEY (token_hash, user_id)
) WITHOUT ROWID;
CREATE INDEX device_cookies_user ON device_cookies(user_id, last_used_at);
