-- Micro-wishes (微心愿): the "六单" loop. A wish's state changes only through a recorded
-- transition (wish_transitions, never updated or deleted); helpers are volunteers.
CREATE TABLE wishes (
    id              INTEGER PRIMARY KEY,
    -- 6 digits printed on the receipt: the resident rates with it at the kiosk.
    code            TEXT NOT NULL UNIQUE CHECK (length(code) = 6),
    kind            TEXT NOT NULL CHECK (kind IN ('goods', 'service', 'company', 'repair', 'other')),
    content         TEXT NOT NULL CHECK (length(content) > 0),
    wanted_by       TEXT,
    resident_id     INTEGER REFERENCES residents(id) ON DELETE SET NULL,
    requester_name  TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL,
    grid_id         INTEGER REFERENCES grids(id),
    channel         TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
    state           TEXT NOT NULL CHECK (state IN ('submitted', 'published', 'claimed', 'fulfilled', 'reopened',
                                                   'completed', 'declined', 'merged', 'cancelled')),
    promised_date   TEXT,
    merged_into     INTEGER REFERENCES wishes(id),
    decline_reason  TEXT NOT NULL DEFAULT '',
    fulfil_note     TEXT NOT NULL DEFAULT '',
    -- file name inside <data dir>/photos/wishes/, never a URL
    photo           TEXT,
    fulfilled_at    TEXT,
    satisfaction    TEXT CHECK (satisfaction IN ('satisfied', 'partly', 'not_satisfied')),
    stars           INTEGER CHECK (stars BETWEEN 1 AND 5),
    rating_comment  TEXT NOT NULL DEFAULT '',
    rated_at        TEXT,
    completed_at    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (state <> 'merged' OR merged_into IS NOT NULL),
    CHECK (state NOT IN ('claimed', 'fulfilled') OR promised_date IS NOT NULL)
) STRICT;
CREATE INDEX wishes_state ON wishes(state, promised_date);
CREATE INDEX wishes_created ON wishes(created_at);
-- Each board column lists in its own order (see board.rs BoardColumn::sql).
CREATE INDEX wishes_state_created ON wishes(state, created_at);
CREATE INDEX wishes_state_completed ON wishes(state, completed_at);
CREATE INDEX wishes_state_updated ON wishes(state, updated_at);
-- The board filtered by kind or grid, newest first.
CREATE INDEX wishes_kind_created ON wishes(kind, created_at);
CREATE INDEX wishes_grid_created ON wishes(grid_id, created_at);
CREATE INDEX wishes_grid ON wishes(grid_id, state);
CREATE INDEX wishes_kind ON wishes(kind, state);
CREATE INDEX wishes_fulfilled ON wishes(state, fulfilled_at);

-- Who helps (帮帮团): one lead among the active helpers. A reassigned helper stays as a row
-- with active = 0. Credit planned (editable until completion) and credited (posted once).
CREATE TABLE wish_helpers (
    wish_id          INTEGER NOT NULL REFERENCES wishes(id),
    volunteer_id     INTEGER NOT NULL REFERENCES volunteers(id),
    is_lead          INTEGER NOT NULL CHECK (is_lead IN (0, 1)),
    active           INTEGER NOT NULL CHECK (active IN (0, 1)),
    joined_at        TEXT NOT NULL,
    planned_minutes  INTEGER NOT NULL CHECK (planned_minutes BETWEEN 0 AND 1440),
    planned_points   INTEGER NOT NULL CHECK (planned_points BETWEEN 0 AND 1000),
    credited_minutes INTEGER NOT NULL DEFAULT 0,
    credited_points  INTEGER NOT NULL DEFAULT 0,
    ledger_entry_id  INTEGER REFERENCES volunteer_ledger(id),
    PRIMARY KEY (wish_id, volunteer_id),
    CHECK (is_lead = 0 OR active = 1)
) STRICT, WITHOUT ROWID;
CREATE INDEX wish_helpers_volunteer ON wish_helpers(volunteer_id, active);
CREATE UNIQUE INDEX wish_helpers_one_lead ON wish_helpers(wish_id) WHERE is_lead = 1;

-- Every step: who (staff, kiosk volunteer, system), when, from which window, with a note.
CREATE TABLE wish_transitions (
    id             INTEGER PRIMARY KEY,
    wish_id        INTEGER NOT NULL REFERENCES wishes(id),
    action         TEXT NOT NULL,
    from_state     TEXT,
    to_state       TEXT NOT NULL,
    at             TEXT NOT NULL,
    window         TEXT NOT NULL CHECK (window IN ('desk', 'kiosk', 'system')),
    actor_staff_id INTEGER REFERENCES staff(id),
    actor_name     TEXT NOT NULL,
    volunteer_id   INTEGER REFERENCES volunteers(id),
    note           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX wish_transitions_wish ON wish_transitions(wish_id, id);

-- 督单 reminders to a helper, shown when they next identify at the kiosk.
CREATE TABLE wish_reminders (
    id           INTEGER PRIMARY KEY,
    wish_id      INTEGER NOT NULL REFERENCES wishes(id),
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),
    note         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    seen_at      TEXT
) STRICT;
CREATE INDEX wish_reminders_unseen ON wish_reminders(volunteer_id) WHERE seen_at IS NULL;
