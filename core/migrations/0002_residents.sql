-- Places (grid > compound > building), tags and the residents register.
CREATE TABLE grids (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE compounds (
    id      INTEGER PRIMARY KEY,
    grid_id INTEGER NOT NULL REFERENCES grids(id),
    name    TEXT NOT NULL,
    UNIQUE (grid_id, name)
) STRICT;

CREATE TABLE buildings (
    id          INTEGER PRIMARY KEY,
    compound_id INTEGER NOT NULL REFERENCES compounds(id),
    name        TEXT NOT NULL,
    UNIQUE (compound_id, name)
) STRICT;

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE residents (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    -- Search keys computed from the name on every write: 张三 → 'zhangsan' and 'zs'.
    name_pinyin   TEXT NOT NULL,
    name_initials TEXT NOT NULL,
    gender        TEXT CHECK (gender IN ('male', 'female')),
    birth_date    TEXT,
    -- When only an age is known we keep the estimated birth year, so the age stays right.
    birth_year    INTEGER,
    phone         TEXT NOT NULL,
    id_number     TEXT,
    grid_id       INTEGER REFERENCES grids(id),
    compound_id   INTEGER REFERENCES compounds(id),
    building_id   INTEGER REFERENCES buildings(id),
    unit          TEXT NOT NULL DEFAULT '',
    room          TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    consent_date  TEXT,
    consent_by    INTEGER REFERENCES staff(id),
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX residents_name ON residents(name);
CREATE INDEX residents_phone ON residents(phone);
CREATE INDEX residents_grid ON residents(grid_id);
CREATE INDEX residents_compound ON residents(compound_id);
CREATE UNIQUE INDEX residents_id_number ON residents(id_number) WHERE id_number IS NOT NULL;

CREATE TABLE resident_tags (
    resident_id INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id),
    PRIMARY KEY (resident_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX resident_tags_tag ON resident_tags(tag_id, resident_id);

-- The in-memory search index (core/src/residents/search.rs) reloads when this counter moves:
-- every change to residents or their tags, from this app or any other process, bumps it.
CREATE TABLE change_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;
INSERT INTO change_counters (name, value) VALUES ('residents', 0);
CREATE TRIGGER residents_changed_insert AFTER INSERT ON residents BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'residents';
END;
CREATE TRIGGER residents_changed_update AFTER UPDATE ON residents BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'residents';
END;
CREATE TRIGGER residents_changed_delete AFTER DELETE ON residents BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'residents';
END;
CREATE TRIGGER resident_tags_changed_insert AFTER INSERT ON resident_tags BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'residents';
END;
CREATE TRIGGER resident_tags_changed_delete AFTER DELETE ON resident_tags BEGIN
    UPDATE change_counters SET value = value + 1 WHERE name = 'residents';
END;

INSERT INTO tags(name) VALUES ('独居老人'), ('空巢老人'), ('残疾人'), ('低保户'), ('退役军人'), ('党员'), ('困境儿童'), ('重点关注');
