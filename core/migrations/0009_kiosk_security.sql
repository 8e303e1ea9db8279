-- Issue 16: the kiosk stands in a public room. Every guess at a secret (a resident's or a
-- volunteer's kiosk PIN, a wish's rating code, the kiosk exit PIN, a staff password) is counted
-- here, per key: a phone number, a user name, or the whole kiosk / desk ('*'). Past a few free
-- tries each further failure locks that key for a growing time (core/src/guard.rs).
CREATE TABLE guess_throttle (
    kind            TEXT NOT NULL,
    key             TEXT NOT NULL,
    -- failures since the last success or quiet spell; drives the delay
    failures        INTEGER NOT NULL DEFAULT 0,
    last_failure_at TEXT,
    locked_until    TEXT,
    PRIMARY KEY (kind, key)
) STRICT;

-- A resident's own 4-digit kiosk PIN (the second factor beside the phone number), set at the
-- desk or picked by a walk-in at the kiosk. Household members sharing a phone each have one.
ALTER TABLE residents ADD COLUMN kiosk_pin_hash TEXT;

-- Walk-ins registered at the kiosk: limited per hour, and listed on the desk home for staff
-- (phone_known: the number was already registered to someone else).
CREATE TABLE kiosk_walk_ins (
    id          INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES residents(id),
    at          TEXT NOT NULL,
    phone_known INTEGER NOT NULL
) STRICT;
CREATE INDEX kiosk_walk_ins_at ON kiosk_walk_ins(at);
