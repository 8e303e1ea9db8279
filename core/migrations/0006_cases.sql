-- 接诉即办: cases, their six-step transitions, routing (departments), time limits, the
-- working-day calendar, feedback, follow-ups and photos.

-- Departments the station can "blow the whistle" to (街乡吹哨、部门报到): an editable list.
CREATE TABLE case_departments (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    contact     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    archived_at TEXT
) STRICT;
INSERT INTO case_departments (name, contact, phone) VALUES
    ('街道综合执法队', '', ''), ('派出所', '', ''), ('司法所', '', ''), ('市场监管所', '', ''),
    ('住建部门', '', ''), ('物业公司', '', '');

-- Time limits per kind: accept within hours (calendar), resolve within working days.
CREATE TABLE case_limits (
    kind         TEXT PRIMARY KEY CHECK (kind IN ('emergency', 'dispute', 'administrative', 'service')),
    accept_hours INTEGER NOT NULL CHECK (accept_hours BETWEEN 1 AND 720),
    resolve_days INTEGER NOT NULL CHECK (resolve_days BETWEEN 1 AND 365)
) STRICT;
INSERT INTO case_limits (kind, accept_hours, resolve_days) VALUES
    ('emergency', 2, 2), ('dispute', 24, 15), ('administrative', 24, 15), ('service', 24, 5);

-- Exceptions to "Monday–Friday are working days": public holidays and the weekend days
-- worked in exchange (调休).
CREATE TABLE case_calendar (
    day  TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    note TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    -- 2026-11-0042: year, month of intake, running number within the month.
    number          TEXT NOT NULL UNIQUE,
    source          TEXT NOT NULL CHECK (source IN ('walk_in', 'phone', 'grid_worker', 'hotline', 'kiosk')),
    hotline_ticket  TEXT,
    resident_id     INTEGER REFERENCES residents(id) ON DELETE SET NULL,
    contact_name    TEXT NOT NULL DEFAULT '',
    contact_phone   TEXT NOT NULL DEFAULT '',
    grid_id         INTEGER REFERENCES grids(id),
    compound_id     INTEGER REFERENCES compounds(id),
    building_id     INTEGER REFERENCES buildings(id),
    place_text      TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL CHECK (kind IN ('emergency', 'dispute', 'administrative', 'service')),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    urgency         TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent')),
    level           TEXT NOT NULL CHECK (level IN ('community', 'street', 'county')),
    status          TEXT NOT NULL CHECK (status IN ('reported', 'filed', 'assigned', 'handling', 'answered', 'closed', 'archived')),
    -- Who handles it: a staff account, or a name (grid worker, mediator) typed in.
    handler_staff_id INTEGER REFERENCES staff(id),
    handler_name    TEXT NOT NULL DEFAULT '',
    -- Disputes: 'mediation' (community mediation committee) or 'sanzhang' (三长会商).
    dispute_stage   TEXT CHECK (dispute_stage IN ('mediation', 'sanzhang')),
    session_date    TEXT,
    -- Administrative: the department summoned and the date it must report by.
    department_id   INTEGER REFERENCES case_departments(id),
    report_due      TEXT,
    reported_at     TEXT,
    accept_due      TEXT NOT NULL,
    resolve_due     TEXT NOT NULL,
    accepted_at     TEXT,
    resolved_at     TEXT,
    result          TEXT NOT NULL DEFAULT '',
    feedback_at     TEXT,
    -- The latest follow-up of the current round (cleared on reopen; history in case_followups).
    followup_resolution   TEXT CHECK (followup_resolution IN ('solved', 'partly', 'unsolved')),
    followup_satisfaction TEXT CHECK (followup_satisfaction IN ('satisfied', 'neutral', 'dissatisfied')),
    no_followup_reason    TEXT,
    closed_at       TEXT,
    archived_at     TEXT,
    -- Automatic escalation happens once per limit per round.
    accept_escalated  INTEGER NOT NULL DEFAULT 0 CHECK (accept_escalated IN (0, 1)),
    resolve_escalated INTEGER NOT NULL DEFAULT 0 CHECK (resolve_escalated IN (0, 1)),
    escalations     INTEGER NOT NULL DEFAULT 0,
    reopens         INTEGER NOT NULL DEFAULT 0,
    -- "Unreasonable complaint": proposed by one staff member, confirmed by a second.
    unreasonable_reason      TEXT,
    unreasonable_by          INTEGER REFERENCES staff(id),
    unreasonable_reviewer    INTEGER REFERENCES staff(id),
    unreasonable_confirmed   INTEGER NOT NULL DEFAULT 0 CHECK (unreasonable_confirmed IN (0, 1)),
    created_by      INTEGER REFERENCES staff(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (source <> 'hotline' OR hotline_ticket IS NOT NULL),
    CHECK (unreasonable_confirmed = 0 OR (unreasonable_reviewer IS NOT NULL AND unreasonable_reviewer <> unreasonable_by))
) STRICT;
-- The open list and the escalation check seek the open statuses.
CREATE INDEX cases_status ON cases(status);
-- The figures read a month of cases from this index alone (it covers every column they need).
CREATE INDEX cases_figures ON cases(created_at, kind, grid_id, handler_name, status, accept_due, accepted_at,
    resolve_due, resolved_at, followup_resolution, followup_satisfaction, unreasonable_confirmed, escalations);
CREATE INDEX cases_place_kind ON cases(kind, created_at);
CREATE INDEX cases_resident ON cases(resident_id);

-- Every step, escalation, send-back and note: the case's whole timeline. Never updated.
CREATE TABLE case_transitions (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id),
    at             TEXT NOT NULL,
    action         TEXT NOT NULL,
    from_status    TEXT NOT NULL,
    to_status      TEXT NOT NULL,
    from_level     TEXT NOT NULL,
    to_level       TEXT NOT NULL,
    actor_kind     TEXT NOT NULL CHECK (actor_kind IN ('staff', 'kiosk', 'system')),
    actor_staff_id INTEGER REFERENCES staff(id),
    actor_name     TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX case_transitions_case ON case_transitions(case_id, id);

-- 重大突发: the direct-report checklist (who was called, when).
CREATE TABLE case_calls (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases(id),
    callee    TEXT NOT NULL,
    called_at TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    by_name   TEXT NOT NULL
) STRICT;
CREATE INDEX case_calls_case ON case_calls(case_id);

CREATE TABLE case_feedback (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    content  TEXT NOT NULL,
    told_at  TEXT NOT NULL,
    channel  TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'message')),
    by_name  TEXT NOT NULL,
    at       TEXT NOT NULL
) STRICT;
CREATE INDEX case_feedback_case ON case_feedback(case_id);

CREATE TABLE case_followups (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    method       TEXT NOT NULL CHECK (method IN ('visit', 'call')),
    resolution   TEXT NOT NULL CHECK (resolution IN ('solved', 'partly', 'unsolved')),
    satisfaction TEXT NOT NULL CHECK (satisfaction IN ('satisfied', 'neutral', 'dissatisfied')),
    note         TEXT NOT NULL DEFAULT '',
    by_name      TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX case_followups_case ON case_followups(case_id);

CREATE TABLE case_photos (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    transition_id INTEGER REFERENCES case_transitions(id),
    name          TEXT NOT NULL,
    data          BLOB NOT NULL,
    at            TEXT NOT NULL
) STRICT;
CREATE INDEX case_photos_case ON case_photos(case_id);

-- Archived cases are read-only: the database itself refuses a change.
CREATE TRIGGER cases_archived_read_only BEFORE UPDATE ON cases WHEN OLD.status = 'archived' BEGIN
    SELECT RAISE(ABORT, 'archived case is read-only');
END;
