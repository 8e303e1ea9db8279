-- Volunteers (志愿者), partner units (共建单位) and report-in (双报到), the duty roster (排班),
-- sign-in/out, hour claims waiting for approval, and the append-only hours/points ledger.

-- The kinds of people who serve; admin may add and retire kinds (never delete: volunteers point at them).
CREATE TABLE volunteer_kinds (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
) STRICT;
INSERT INTO volunteer_kinds (name, sort_order) VALUES
    ('在职党员', 1), ('社区党员', 2), ('网格员', 3), ('社区工作者', 4),
    ('调解员', 5), ('民警', 6), ('物业人员', 7), ('普通志愿者', 8);

CREATE TABLE partner_units (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK (kind IN ('机关', '企业', '事业单位', '学校', '社会组织', '其他')),
    contact_name     TEXT NOT NULL DEFAULT '',
    contact_phone    TEXT NOT NULL DEFAULT '',
    paired_community TEXT NOT NULL DEFAULT '',
    -- 双报到: how many of the unit's party members are expected to report in here.
    expected_members INTEGER NOT NULL DEFAULT 0 CHECK (expected_members >= 0),
    note             TEXT NOT NULL DEFAULT '',
    archived_at      TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

-- A resident who volunteers is linked (resident_id), not copied: their name, phone, gender,
-- birth date, ID number and home come from the residents register. Anyone else keeps their
-- own person data here. Exactly one of the two holds the person.
CREATE TABLE volunteers (
    id               INTEGER PRIMARY KEY,
    resident_id      INTEGER UNIQUE REFERENCES residents(id),
    name             TEXT,
    name_pinyin      TEXT,
    name_initials    TEXT,
    phone            TEXT,
    gender           TEXT CHECK (gender IN ('male', 'female')),
    birth_date       TEXT,
    id_number        TEXT,
    grid_id          INTEGER REFERENCES grids(id),
    compound_id      INTEGER REFERENCES compounds(id),
    party_member     INTEGER NOT NULL DEFAULT 0 CHECK (party_member IN (0, 1)),
    kind_id          INTEGER NOT NULL REFERENCES volunteer_kinds(id),
    unit_id          INTEGER REFERENCES partner_units(id),
    -- The day an in-service party member reported in (双报到); NULL = not reported in.
    reported_in_on   TEXT,
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'left')),
    note             TEXT NOT NULL DEFAULT '',
    -- Kiosk sign-in: a 4-digit PIN set by staff (argon2 hash), and the lock after repeated failures.
    pin_hash         TEXT,
    pin_failures     INTEGER NOT NULL DEFAULT 0 CHECK (pin_failures >= 0),
    pin_locked_until TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((resident_id IS NULL) = (name IS NOT NULL AND phone IS NOT NULL AND name_pinyin IS NOT NULL))
) STRICT;
CREATE INDEX volunteers_phone ON volunteers(phone);
CREATE INDEX volunteers_unit ON volunteers(unit_id);
CREATE INDEX volunteers_kind ON volunteers(kind_id);
CREATE UNIQUE INDEX volunteers_id_number ON volunteers(id_number) WHERE id_number IS NOT NULL;

-- One row per person whoever holds the data: every read of a volunteer's person goes through here.
CREATE VIEW volunteer_people AS
SELECT v.id, v.resident_id,
       COALESCE(r.name, v.name) AS name,
       COALESCE(r.name_pinyin, v.name_pinyin) AS name_pinyin,
       COALESCE(r.name_initials, v.name_initials) AS name_initials,
       COALESCE(r.phone, v.phone) AS phone,
       COALESCE(r.gender, v.gender) AS gender,
       COALESCE(r.birth_date, v.birth_date) AS birth_date,
       COALESCE(r.id_number, v.id_number) AS id_number,
       COALESCE(r.grid_id, v.grid_id) AS grid_id,
       COALESCE(r.compound_id, v.compound_id) AS compound_id,
       v.party_member, v.kind_id, v.unit_id, v.reported_in_on, v.status, v.note,
       v.pin_hash IS NOT NULL AS has_pin, v.created_at, v.updated_at
FROM volunteers v LEFT JOIN residents r ON r.id = v.resident_id;

CREATE TABLE volunteer_skills (
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),
    skill        TEXT NOT NULL,
    PRIMARY KEY (volunteer_id, skill)
) STRICT, WITHOUT ROWID;
CREATE INDEX volunteer_skills_skill ON volunteer_skills(skill, volunteer_id);

-- When a volunteer can serve: weekday 1 (Monday) … 7, minutes after local midnight.
CREATE TABLE volunteer_availability (
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440 AND end_minute > start_minute),
    PRIMARY KEY (volunteer_id, weekday, start_minute)
) STRICT, WITHOUT ROWID;

-- Points per hour of service, by kind of service (admin sets them).
CREATE TABLE service_kinds (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    points_per_hour INTEGER NOT NULL CHECK (points_per_hour BETWEEN 0 AND 1000)
) STRICT;
INSERT INTO service_kinds (name, points_per_hour) VALUES
    ('值班服务', 10), ('活动协助', 10), ('助老服务', 12), ('微心愿', 10), ('场外服务', 10), ('其他服务', 10);

-- 前台值班, 活动协助, 助老服务 …
CREATE TABLE duty_positions (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    service_kind TEXT NOT NULL DEFAULT '值班服务',
    retired      INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
) STRICT;

-- A weekly pattern: weekdays as digits '12345' (Monday = 1), local times in minutes.
CREATE TABLE shift_templates (
    id           INTEGER PRIMARY KEY,
    position_id  INTEGER NOT NULL REFERENCES duty_positions(id),
    weekdays     TEXT NOT NULL CHECK (length(weekdays) BETWEEN 1 AND 7 AND weekdays NOT GLOB '*[^1-7]*'),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440 AND end_minute > start_minute),
    slots        INTEGER NOT NULL CHECK (slots BETWEEN 1 AND 50),
    retired      INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
) STRICT;

-- One shift on one day. Times are UTC timestamps (as the clock writes them), so they compare
-- as text; `day` is the local date the roster shows it under.
CREATE TABLE shifts (
    id           INTEGER PRIMARY KEY,
    position_id  INTEGER NOT NULL REFERENCES duty_positions(id),
    template_id  INTEGER REFERENCES shift_templates(id),
    day          TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL CHECK (ends_at > starts_at),
    slots        INTEGER NOT NULL CHECK (slots BETWEEN 1 AND 50),
    cancelled_at TEXT,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX shifts_day ON shifts(day);
-- Generating a month twice does not double it.
CREATE UNIQUE INDEX shifts_from_template ON shifts(template_id, day) WHERE template_id IS NOT NULL;

CREATE TABLE shift_assignments (
    id              INTEGER PRIMARY KEY,
    shift_id        INTEGER NOT NULL REFERENCES shifts(id),
    volunteer_id    INTEGER NOT NULL REFERENCES volunteers(id),
    -- NULL: the volunteer took the slot at the kiosk.
    assigned_by     INTEGER REFERENCES staff(id),
    assigned_at     TEXT NOT NULL,
    -- Set when an admin allowed an overlap with another of the volunteer's shifts.
    override_reason TEXT,
    removed_at      TEXT,
    removed_reason  TEXT
) STRICT;
CREATE UNIQUE INDEX shift_assignments_live ON shift_assignments(shift_id, volunteer_id) WHERE removed_at IS NULL;
CREATE INDEX shift_assignments_volunteer ON shift_assignments(volunteer_id, shift_id);

-- Sign-in and sign-out of one assignment. A missing sign-out is closed at the shift's end by
-- the app and flagged for staff review.
CREATE TABLE attendance (
    id              INTEGER PRIMARY KEY,
    assignment_id   INTEGER NOT NULL UNIQUE REFERENCES shift_assignments(id),
    signed_in_at    TEXT NOT NULL,
    signed_out_at   TEXT,
    closed_how      TEXT CHECK (closed_how IN ('volunteer', 'staff', 'auto')),
    needs_review    INTEGER NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1)),
    reviewed_by     INTEGER REFERENCES staff(id),
    ledger_entry_id INTEGER REFERENCES volunteer_ledger(id),
    CHECK (signed_out_at IS NULL OR signed_out_at >= signed_in_at)
) STRICT;
CREATE INDEX attendance_open ON attendance(signed_out_at) WHERE signed_out_at IS NULL;

-- Off-site service recorded by staff, and hours volunteers report themselves at the kiosk:
-- both wait here until approved, and only then reach the ledger.
CREATE TABLE hour_claims (
    id              INTEGER PRIMARY KEY,
    volunteer_id    INTEGER NOT NULL REFERENCES volunteers(id),
    origin          TEXT NOT NULL CHECK (origin IN ('offsite', 'self')),
    service_day     TEXT NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    service_kind    TEXT NOT NULL,
    what            TEXT NOT NULL,
    for_whom        TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    submitted_at    TEXT NOT NULL,
    submitted_by    INTEGER REFERENCES staff(id),
    decided_at      TEXT,
    decided_by      INTEGER REFERENCES staff(id),
    decision_note   TEXT NOT NULL DEFAULT '',
    ledger_entry_id INTEGER REFERENCES volunteer_ledger(id)
) STRICT;
CREATE INDEX hour_claims_status ON hour_claims(status, submitted_at);

-- The hours/points ledger: approved entries only, append-only. A correction is a reversing
-- entry (reverses_id, negative amounts, a reason), never an edit; an entry is reversed at most
-- once and a reversal cannot itself be reversed, so no total can go negative.
CREATE TABLE volunteer_ledger (
    id           INTEGER PRIMARY KEY,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),
    service_day  TEXT NOT NULL,
    minutes      INTEGER NOT NULL,
    points       INTEGER NOT NULL,
    service_kind TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('shift', 'wish', 'offsite', 'self', 'activity', 'correction')),
    source_id    INTEGER,
    note         TEXT NOT NULL DEFAULT '',
    reverses_id  INTEGER UNIQUE REFERENCES volunteer_ledger(id),
    created_at   TEXT NOT NULL,
    created_by   INTEGER REFERENCES staff(id),
    CHECK ((reverses_id IS NULL AND minutes >= 0 AND points >= 0 AND source <> 'correction')
        OR (reverses_id IS NOT NULL AND minutes <= 0 AND points <= 0 AND source = 'correction'))
) STRICT;
CREATE INDEX volunteer_ledger_day ON volunteer_ledger(service_day, volunteer_id);
CREATE INDEX volunteer_ledger_person ON volunteer_ledger(volunteer_id, service_day);
CREATE TRIGGER volunteer_ledger_no_update BEFORE UPDATE ON volunteer_ledger
BEGIN SELECT RAISE(ABORT, 'ledger entries are never changed: append a reversing entry'); END;
CREATE TRIGGER volunteer_ledger_no_delete BEFORE DELETE ON volunteer_ledger
BEGIN SELECT RAISE(ABORT, 'ledger entries are never deleted: append a reversing entry'); END;
