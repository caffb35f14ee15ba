-- A coach or room removed from the booking setup (issue #21) keeps its row,
-- so the appointments it gave keep its name in the calendar's history and a
-- customer's list; `removed_at` hides it from the widget, the calendar's
-- columns and the setup. Its opening hours and its types' links go when it
-- is removed.
ALTER TABLE resources ADD COLUMN removed_at TEXT;

-- An invitation withdrawn before it was used: its link then says so, as a
-- used or expired one says which it is.
ALTER TABLE staff_invitations ADD COLUMN withdrawn_at TEXT;
