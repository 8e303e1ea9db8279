-- The organisation system (组织体系), part 1: the party chain 社区党委 — 党支部 — 党小组 —
-- 党员中心户, the party-member ledger (党员信息台账) kept as dated events, 三会一课 with quotas,
-- and dues (党费) in 分 with closed months.
--
-- History is never edited away: an organisation's founding, 换届, 撤销 and 合并 are rows of
-- party_org_events; a member's moves are rows of party_member_events, and the columns of
-- party_members that describe the member's standing are the fold of those events (the core
-- writes both in one transaction; a property test rebuilds one from the other).

-- Who may see and change party work besides admins (an admin grants "党务" access).
CREATE TABLE party_access (
    staff_id   INTEGER PRIMARY KEY REFERENCES staff(id),
    granted_by INTEGER REFERENCES staff(id),
    granted_at TEXT NOT NULL
) STRICT;

CREATE TABLE party_orgs (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER REFERENCES party_orgs(id),
    -- committee = 社区党委 / 党总支, branch = 党支部, group = 党小组, household = 党员中心户
    level        TEXT NOT NULL CHECK (level IN ('committee', 'branch', 'group', 'household')),
    kind         TEXT NOT NULL CHECK (kind IN ('community', 'general', 'grid', 'compound', 'retired',
                                               'other_branch', 'group', 'household')),
    -- 实体型 (1) or 功能型 (0), for branches
    entity       INTEGER NOT NULL DEFAULT 1 CHECK (entity IN (0, 1)),
    name         TEXT NOT NULL,
    grid_id      INTEGER REFERENCES grids(id),
    compound_id  INTEGER REFERENCES compounds(id),
    building_id  INTEGER REFERENCES buildings(id),
    -- 党员中心户: the member whose household it is, and how many households it looks after
    member_id    INTEGER,
    households   INTEGER CHECK (households IS NULL OR households BETWEEN 1 AND 50),
    founded_on   TEXT NOT NULL,
    -- set by a 撤销 or 合并 event (never by hand)
    dissolved_on TEXT,
    merged_into  INTEGER REFERENCES party_orgs(id),
    created_at   TEXT NOT NULL
) STRICT;
-- A branch is found by name when a roster is imported: one live organisation per name.
CREATE UNIQUE INDEX party_orgs_live_name ON party_orgs(name) WHERE dissolved_on IS NULL;
CREATE INDEX party_orgs_parent ON party_orgs(parent_id);

CREATE TABLE party_org_events (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES party_orgs(id),
    kind        TEXT NOT NULL CHECK (kind IN ('founded', 'reelected', 'dissolved', 'merged', 'converted')),
    on_date     TEXT NOT NULL,
    merged_into INTEGER REFERENCES party_orgs(id),
    detail      TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX party_org_events_org ON party_org_events(org_id, on_date);
CREATE TRIGGER party_org_events_frozen BEFORE UPDATE ON party_org_events BEGIN
    SELECT RAISE(ABORT, '组织变动记录不能修改');
END;
CREATE TRIGGER party_org_events_no_delete BEFORE DELETE ON party_org_events BEGIN
    SELECT RAISE(ABORT, '组织变动记录不能删除');
END;

-- Secretary and committee members of one term; a 换届 closes the term (until_on) and opens the next.
CREATE TABLE party_committee_members (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES party_orgs(id),
    event_id   INTEGER NOT NULL REFERENCES party_org_events(id),
    role       TEXT NOT NULL CHECK (role IN ('secretary', 'deputy', 'member', 'part_time')),
    name       TEXT NOT NULL,
    member_id  INTEGER,
    -- 兼职委员: the partner unit they come from
    unit_id    INTEGER REFERENCES partner_units(id),
    unit_name  TEXT NOT NULL DEFAULT '',
    from_on    TEXT NOT NULL,
    until_on   TEXT
) STRICT;
CREATE INDEX party_committee_org ON party_committee_members(org_id, until_on);

CREATE TABLE party_members (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    gender           TEXT CHECK (gender IN ('male', 'female')),
    ethnicity        TEXT NOT NULL DEFAULT '',
    birth_date       TEXT,
    id_number        TEXT,
    phone            TEXT NOT NULL DEFAULT '',
    education        TEXT NOT NULL DEFAULT '',
    post             TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    resident_id      INTEGER REFERENCES residents(id),
    -- 双报到: the same person on the volunteers' roster (one person, not two)
    volunteer_id     INTEGER REFERENCES volunteers(id),
    unit_id          INTEGER REFERENCES partner_units(id),
    joined_on        TEXT,
    -- the national export gives some dates as a month only (1965.03): compared by month
    joined_month_only INTEGER NOT NULL DEFAULT 0 CHECK (joined_month_only IN (0, 1)),
    confirmed_on     TEXT,
    in_service       INTEGER NOT NULL DEFAULT 0 CHECK (in_service IN (0, 1)),
    retired          INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    hardship         INTEGER NOT NULL DEFAULT 0 CHECK (hardship IN (0, 1)),
    veteran          INTEGER NOT NULL DEFAULT 0 CHECK (veteran IN (0, 1)),
    -- dues: which rule, the monthly base in 分, and an approved reduction
    dues_kind        TEXT NOT NULL DEFAULT 'in_service'
                     CHECK (dues_kind IN ('in_service', 'retired', 'student', 'laid_off', 'subsistence')),
    dues_base_fen    INTEGER NOT NULL DEFAULT 0 CHECK (dues_base_fen BETWEEN 0 AND 100000000),
    dues_reduced_fen INTEGER CHECK (dues_reduced_fen IS NULL OR dues_reduced_fen >= 0),
    dues_reduction_approval TEXT,
    -- The standing, as the fold of party_member_events (see core/src/party/members.rs).
    category         TEXT NOT NULL CHECK (category IN ('full', 'probationary')),
    status           TEXT NOT NULL CHECK (status IN ('active', 'transferred_out', 'stopped', 'deceased')),
    mobile           TEXT NOT NULL DEFAULT 'none' CHECK (mobile IN ('none', 'out', 'in')),
    org_id           INTEGER NOT NULL REFERENCES party_orgs(id),
    group_id         INTEGER REFERENCES party_orgs(id),
    registered_on    TEXT NOT NULL,
    -- the last 组织生活 attended or dues paid (失联 = nothing for 6 months); kept by the core
    last_seen_on     TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((dues_reduced_fen IS NULL) = (dues_reduction_approval IS NULL))
) STRICT;
CREATE UNIQUE INDEX party_members_id_number ON party_members(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX party_members_org ON party_members(org_id, status, category);
-- the ledger page: members on the ledger branch by branch, by name, walked in order (no sort)
CREATE INDEX party_members_ledger ON party_members(status, org_id, name, id);
CREATE INDEX party_members_status ON party_members(status, category, mobile);
CREATE INDEX party_members_seen ON party_members(status, last_seen_on);
CREATE INDEX party_members_volunteer ON party_members(volunteer_id) WHERE volunteer_id IS NOT NULL;

CREATE TABLE party_member_events (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES party_members(id),
    kind        TEXT NOT NULL CHECK (kind IN ('registered', 'transfer_in', 'transfer_out', 'mobile_out',
                  'mobile_in', 'mobile_back', 'confirmed', 'moved', 'stopped', 'deceased')),
    on_date     TEXT NOT NULL,
    org_id      INTEGER REFERENCES party_orgs(id),
    group_id    INTEGER REFERENCES party_orgs(id),
    category    TEXT CHECK (category IS NULL OR category IN ('full', 'probationary')),
    -- 转出: the letter of introduction and the month dues were paid up to
    letter_no   TEXT NOT NULL DEFAULT '',
    dues_paid_to TEXT,
    place       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX party_member_events_member ON party_member_events(member_id, on_date, id);
CREATE INDEX party_member_events_date ON party_member_events(on_date, kind);
CREATE TRIGGER party_member_events_frozen BEFORE UPDATE ON party_member_events BEGIN
    SELECT RAISE(ABORT, '党员变动记录不能修改');
END;
CREATE TRIGGER party_member_events_no_delete BEFORE DELETE ON party_member_events BEGIN
    SELECT RAISE(ABORT, '党员变动记录不能删除');
END;

-- 三会一课 quotas, editable by the admin (local rules differ). period: month / quarter / year.
CREATE TABLE party_quotas (
    kind   TEXT PRIMARY KEY CHECK (kind IN ('general_meeting', 'committee_meeting', 'group_meeting',
             'lecture', 'theme_day', 'life_meeting', 'appraisal')),
    period TEXT NOT NULL CHECK (period IN ('month', 'quarter', 'year')),
    times  INTEGER NOT NULL CHECK (times BETWEEN 0 AND 31)
) STRICT;
INSERT INTO party_quotas (kind, period, times) VALUES
    ('general_meeting', 'quarter', 1),
    ('committee_meeting', 'month', 1),
    ('group_meeting', 'month', 1),
    ('lecture', 'quarter', 1),
    ('theme_day', 'month', 1);

CREATE TABLE party_meetings (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES party_orgs(id),
    kind         TEXT NOT NULL CHECK (kind IN ('general_meeting', 'committee_meeting', 'group_meeting',
                   'lecture', 'theme_day', 'life_meeting', 'appraisal')),
    held_on      TEXT NOT NULL,
    starts_at    TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL DEFAULT '',
    host         TEXT NOT NULL DEFAULT '',
    recorder     TEXT NOT NULL DEFAULT '',
    topic        TEXT NOT NULL,
    minutes      TEXT NOT NULL DEFAULT '',
    decisions    TEXT NOT NULL DEFAULT '',
    guests       TEXT NOT NULL DEFAULT '',
    ends_at      TEXT NOT NULL DEFAULT '',
    -- a station room, held by an approved venue request so the rooms' clash check covers it
    venue_id     INTEGER REFERENCES venues(id),
    venue_request_id INTEGER REFERENCES venue_requests(id),
    state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'approved')),
    submitted_at TEXT,
    approved_at  TEXT,
    approved_by  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX party_meetings_org ON party_meetings(org_id, held_on, kind, state);
CREATE INDEX party_meetings_held ON party_meetings(held_on, state);
-- Approved minutes are read-only: corrections are appended (party_meeting_notes).
CREATE TRIGGER party_meetings_approved_frozen BEFORE UPDATE ON party_meetings WHEN OLD.state = 'approved' BEGIN
    SELECT RAISE(ABORT, '会议记录已审定，不能修改，请追加更正说明');
END;
CREATE TRIGGER party_meetings_no_delete BEFORE DELETE ON party_meetings WHEN OLD.state <> 'draft' BEGIN
    SELECT RAISE(ABORT, '已提交的会议记录不能删除');
END;

CREATE TABLE party_meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES party_meetings(id),
    member_id  INTEGER NOT NULL REFERENCES party_members(id),
    present    INTEGER NOT NULL CHECK (present IN (0, 1)),
    reason     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX party_attendance_member ON party_meeting_attendance(member_id, present);
CREATE TRIGGER party_attendance_frozen_upd BEFORE UPDATE ON party_meeting_attendance
WHEN (SELECT state FROM party_meetings WHERE id = OLD.meeting_id) = 'approved' BEGIN
    SELECT RAISE(ABORT, '会议记录已审定，出席情况不能修改');
END;
CREATE TRIGGER party_attendance_frozen_del BEFORE DELETE ON party_meeting_attendance
WHEN (SELECT state FROM party_meetings WHERE id = OLD.meeting_id) = 'approved' BEGIN
    SELECT RAISE(ABORT, '会议记录已审定，出席情况不能修改');
END;

CREATE TABLE party_meeting_notes (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES party_meetings(id),
    text       TEXT NOT NULL,
    at         TEXT NOT NULL,
    by_name    TEXT NOT NULL
) STRICT;

-- One payment row per member and month paid for (months paid in advance are rows too).
-- A mistaken payment is voided (a new fact), never deleted.
CREATE TABLE party_dues_payments (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES party_members(id),
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen BETWEEN 0 AND 100000000),
    method      TEXT NOT NULL CHECK (method IN ('cash', 'transfer')),
    collector   TEXT NOT NULL,
    receipt_no  TEXT NOT NULL DEFAULT '',
    paid_on     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT
) STRICT;
CREATE UNIQUE INDEX party_dues_one_per_month ON party_dues_payments(member_id, month) WHERE voided_at IS NULL;
CREATE INDEX party_dues_month ON party_dues_payments(month, member_id) WHERE voided_at IS NULL;
CREATE INDEX party_dues_member_paid ON party_dues_payments(member_id, paid_on) WHERE voided_at IS NULL;
CREATE TRIGGER party_dues_no_delete BEFORE DELETE ON party_dues_payments BEGIN
    SELECT RAISE(ABORT, '党费记录不能删除，请作废');
END;

-- A branch's closed month (党费收缴登记表 frozen): canonical JSON, its SHA-256 chained to the
-- previous closing's hash. Never deleted; a reopening (admin, reason) marks it reopened.
CREATE TABLE party_dues_closings (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES party_orgs(id),
    month         TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    snapshot      TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL CHECK (length(hash) = 64),
    closed_by     TEXT NOT NULL,
    closed_at     TEXT NOT NULL,
    reopened_at   TEXT,
    reopened_by   TEXT,
    reopen_reason TEXT,
    CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL))
) STRICT;
CREATE UNIQUE INDEX party_dues_closings_standing ON party_dues_closings(org_id, month) WHERE reopened_at IS NULL;
CREATE TRIGGER party_dues_closings_no_delete BEFORE DELETE ON party_dues_closings BEGIN
    SELECT RAISE(ABORT, '关账记录不能删除');
END;
CREATE TRIGGER party_dues_closings_frozen BEFORE UPDATE ON party_dues_closings
WHEN OLD.reopened_at IS NOT NULL OR NEW.snapshot IS NOT OLD.snapshot OR NEW.hash IS NOT OLD.hash
  OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.month IS NOT OLD.month OR NEW.org_id IS NOT OLD.org_id
BEGIN
    SELECT RAISE(ABORT, '已关账的党费表不能修改');
END;
