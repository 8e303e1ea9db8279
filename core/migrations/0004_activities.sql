-- Activities and venues: rooms, scheduled activities (single or weekly series), venue
-- requests from groups, and residents' bookings with waitlist and check-in.
-- Times of day are the station's local time, stored as 'YYYY-MM-DD HH:MM' so that string
-- order is time order and a day's calendar is a range scan.

CREATE TABLE venues (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    capacity      INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    equipment     TEXT NOT NULL DEFAULT '',
    opens_at      TEXT NOT NULL CHECK (opens_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    closes_at     TEXT NOT NULL CHECK (closes_at GLOB '[0-2][0-9]:[0-5][0-9]' AND closes_at > opens_at),
    -- Bit 0 = Monday … bit 6 = Sunday.
    open_weekdays INTEGER NOT NULL DEFAULT 127 CHECK (open_weekdays BETWEEN 1 AND 127),
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE venue_closures (
    venue_id INTEGER NOT NULL REFERENCES venues(id),
    date     TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (venue_id, date)
) STRICT, WITHOUT ROWID;

CREATE TABLE activity_categories (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    archived_at TEXT
) STRICT;
INSERT INTO activity_categories (name) VALUES ('党课'), ('文体活动'), ('健康讲座'), ('四点半课堂'), ('志愿服务');

-- A recurring series only groups its occurrences; each occurrence is a full activity row.
CREATE TABLE activity_series (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE activities (
    id                 INTEGER PRIMARY KEY,
    series_id          INTEGER REFERENCES activity_series(id),
    title              TEXT NOT NULL,
    category_id        INTEGER NOT NULL REFERENCES activity_categories(id),
    -- The organiser: a staff account, or free text (a volunteer or partner unit) for now.
    organiser_staff_id INTEGER REFERENCES staff(id),
    organiser_name     TEXT NOT NULL DEFAULT '',
    venue_id           INTEGER NOT NULL REFERENCES venues(id),
    starts_at          TEXT NOT NULL,
    ends_at            TEXT NOT NULL CHECK (ends_at > starts_at),
    capacity           INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    booking_opens_at   TEXT,
    booking_closes_at  TEXT,
    min_age            INTEGER CHECK (min_age BETWEEN 0 AND 130),
    description        TEXT NOT NULL DEFAULT '',
    poster             TEXT,
    -- 'full' is not stored: it is an open activity whose booked count reached capacity.
    status             TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'held', 'cancelled')),
    override_reason    TEXT,
    cancel_reason      TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX activities_starts ON activities(starts_at);
CREATE INDEX activities_venue_time ON activities(venue_id, starts_at);
CREATE INDEX activities_series ON activities(series_id, starts_at);
CREATE INDEX activities_status_end ON activities(status, ends_at);

-- "Residents of given compounds": no rows means everyone may book.
CREATE TABLE activity_compounds (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    compound_id INTEGER NOT NULL REFERENCES compounds(id),
    PRIMARY KEY (activity_id, compound_id)
) STRICT, WITHOUT ROWID;

-- Groups (舞蹈队, 书法班, a partner unit) asking for a room, once or weekly.
CREATE TABLE venue_requests (
    id              INTEGER PRIMARY KEY,
    group_name      TEXT NOT NULL,
    contact_name    TEXT NOT NULL DEFAULT '',
    contact_phone   TEXT NOT NULL DEFAULT '',
    purpose         TEXT NOT NULL DEFAULT '',
    venue_id        INTEGER NOT NULL REFERENCES venues(id),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'withdrawn')),
    decided_by      INTEGER REFERENCES staff(id),
    decided_at      TEXT,
    decision_note   TEXT NOT NULL DEFAULT '',
    override_reason TEXT,
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX venue_requests_status ON venue_requests(status, id);

-- Each time slot a request asks for (one, or one per week); approved ones hold the room.
CREATE TABLE venue_request_slots (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES venue_requests(id),
    venue_id   INTEGER NOT NULL REFERENCES venues(id),
    starts_at  TEXT NOT NULL,
    ends_at    TEXT NOT NULL CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX venue_request_slots_venue_time ON venue_request_slots(venue_id, starts_at);
CREATE INDEX venue_request_slots_time ON venue_request_slots(starts_at);
CREATE INDEX venue_request_slots_request ON venue_request_slots(request_id);

-- Arrival order is the id: the waitlist is served lowest id first.
CREATE TABLE bookings (
    id                   INTEGER PRIMARY KEY,
    activity_id          INTEGER NOT NULL REFERENCES activities(id),
    resident_id          INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    status               TEXT NOT NULL CHECK (status IN
                             ('booked', 'waitlisted', 'attended', 'no_show', 'cancelled', 'station_cancelled')),
    channel              TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk')),
    booked_at            TEXT NOT NULL,
    promoted_at          TEXT,
    promotion_notified_at TEXT,
    cancelled_at         TEXT,
    checked_in_at        TEXT,
    CHECK ((status = 'attended') = (checked_in_at IS NOT NULL))
) STRICT;
-- A person holds at most one live booking per activity (a cancelled one may be re-booked).
CREATE UNIQUE INDEX bookings_one_per_person ON bookings(activity_id, resident_id)
    WHERE status IN ('booked', 'waitlisted', 'attended', 'no_show');
CREATE INDEX bookings_activity_status ON bookings(activity_id, status, id);
CREATE INDEX bookings_resident ON bookings(resident_id, status);
CREATE INDEX bookings_promoted ON bookings(promoted_at) WHERE promoted_at IS NOT NULL AND promotion_notified_at IS NULL;

-- Residents registered at the kiosk as walk-ins (name and building only) wait for staff
-- to complete their record; staff saving the record clears the mark.
ALTER TABLE residents ADD COLUMN needs_completion INTEGER NOT NULL DEFAULT 0 CHECK (needs_completion IN (0, 1));
