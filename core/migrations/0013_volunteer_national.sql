-- Records out to the national volunteer system (全国志愿服务信息系统): the volunteer's unified
-- number (志愿者统一编号, given by the national system; optional: many volunteers are not
-- registered there yet), and which ledger entries went out in which export batch, so the next
-- export holds only new ones. Additive only: one nullable column and two new tables.

-- On the volunteer, not the person: a resident who volunteers keeps their number here too.
ALTER TABLE volunteers ADD COLUMN national_number TEXT
    CHECK (national_number IS NULL OR length(national_number) BETWEEN 6 AND 32);
CREATE UNIQUE INDEX volunteers_national_number ON volunteers(national_number) WHERE national_number IS NOT NULL;

-- One export to a file. A batch is a fact ("these records left the station then"): never
-- changed, never deleted.
CREATE TABLE national_export_batches (
    id          INTEGER PRIMARY KEY,
    -- the period, local dates YYYY-MM-DD, both days included
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL CHECK (period_to >= period_from),
    -- 1: the period again, already-exported records included ("re-export on demand")
    reexport    INTEGER NOT NULL CHECK (reexport IN (0, 1)),
    format      TEXT NOT NULL CHECK (format IN ('xlsx', 'csv')),
    records     INTEGER NOT NULL CHECK (records >= 0),
    minutes     INTEGER NOT NULL CHECK (minutes >= 0),
    file_name   TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    exported_by INTEGER REFERENCES staff(id)
) STRICT;

-- Which ledger entries went out in which batch (a re-export lists an entry again).
CREATE TABLE national_export_records (
    batch_id        INTEGER NOT NULL REFERENCES national_export_batches(id),
    ledger_entry_id INTEGER NOT NULL REFERENCES volunteer_ledger(id),
    PRIMARY KEY (batch_id, ledger_entry_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX national_export_records_entry ON national_export_records(ledger_entry_id);

CREATE TRIGGER national_export_batches_no_update BEFORE UPDATE ON national_export_batches
BEGIN SELECT RAISE(ABORT, 'export batches are never changed'); END;
CREATE TRIGGER national_export_batches_no_delete BEFORE DELETE ON national_export_batches
BEGIN SELECT RAISE(ABORT, 'export batches are never deleted'); END;
CREATE TRIGGER national_export_records_no_update BEFORE UPDATE ON national_export_records
BEGIN SELECT RAISE(ABORT, 'export records are never changed'); END;
CREATE TRIGGER national_export_records_no_delete BEFORE DELETE ON national_export_records
BEGIN SELECT RAISE(ABORT, 'export records are never deleted'); END;
