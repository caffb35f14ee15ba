-- A counter that moves on every change to prospects or their tags, from
-- whatever code path: the server keeps the serialised list index until it
-- moves, instead of reading 100,000 rows for every list opened.
CREATE TABLE change_counters (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
);
INSERT INTO change_counters (name, n) VALUES ('prospects', 0);

CREATE TRIGGER prospects_changed_insert AFTER INSERT ON prospects
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'prospects'; END;
CREATE TRIGGER prospects_changed_update AFTER UPDATE ON prospects
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'prospects'; END;
CREATE TRIGGER prospects_changed_delete AFTER DELETE ON prospects
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'prospects'; END;
CREATE TRIGGER prospect_tags_changed_insert AFTER INSERT ON prospect_tags
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'prospects'; END;
CREATE TRIGGER prospect_tags_changed_delete AFTER DELETE ON prospect_tags
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'prospects'; END;
CREATE TRIGGER prospect_tags_changed_update AFTER UPDATE ON prospect_tags
BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'prospects'; END;
