-- Station inventory (物资台账): items, batches, asset units, an append-only stock ledger,
-- loans, reservations and stocktakes.
--
-- Stock is the sum of movements. The on_hand columns of items, batches and assets are that
-- sum kept up to date by the trigger below (so reading the stock of 2,000 items needs no
-- scan of the ledger), and their CHECKs are a second lock behind the core's own rule that
-- stock never goes below zero.

CREATE TABLE inv_categories (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE inv_items (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    category_id INTEGER REFERENCES inv_categories(id),
    unit        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('consumable', 'asset', 'emergency')),
    place       TEXT NOT NULL DEFAULT '',
    min_stock   INTEGER NOT NULL DEFAULT 0 CHECK (min_stock >= 0),
    -- file name inside <data folder>/photos/items/, never a remote URL
    photo       TEXT,
    note        TEXT NOT NULL DEFAULT '',
    on_hand     INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX inv_items_category ON inv_items(category_id);

-- A batch is one receipt of a consumable or emergency supply; it carries the expiry date.
CREATE TABLE inv_batches (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES inv_items(id),
    label       TEXT NOT NULL DEFAULT '',
    expiry_date TEXT,
    received_at TEXT NOT NULL,
    on_hand     INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0)
) STRICT;
CREATE INDEX inv_batches_item ON inv_batches(item_id, expiry_date);
CREATE INDEX inv_batches_expiry ON inv_batches(expiry_date) WHERE on_hand > 0;
-- covers the per-item stock figures (expiring / expired on hand) without touching the table
CREATE INDEX inv_batches_stock ON inv_batches(item_id, expiry_date, on_hand) WHERE on_hand > 0;

-- One row per physical unit of a lendable asset, with its label code.
CREATE TABLE inv_assets (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES inv_items(id),
    code       TEXT NOT NULL UNIQUE,
    condition  TEXT NOT NULL DEFAULT 'good' CHECK (condition IN ('good', 'damaged')),
    condition_note TEXT NOT NULL DEFAULT '',
    -- disposed or lost: the unit no longer exists for the station
    retired_at TEXT,
    on_hand    INTEGER NOT NULL DEFAULT 0 CHECK (on_hand IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX inv_assets_item ON inv_assets(item_id, code);

CREATE TABLE inv_loans (
    id            INTEGER PRIMARY KEY,
    item_id       INTEGER NOT NULL REFERENCES inv_items(id),
    asset_id      INTEGER REFERENCES inv_assets(id),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    returned      INTEGER NOT NULL DEFAULT 0 CHECK (returned >= 0),
    lost          INTEGER NOT NULL DEFAULT 0 CHECK (lost >= 0),
    -- A borrower is (kind, id): residents now, volunteers once that register exists.
    borrower_kind TEXT NOT NULL CHECK (borrower_kind IN ('resident', 'volunteer')),
    borrower_id   INTEGER NOT NULL,
    lent_at       TEXT NOT NULL,
    due_date      TEXT NOT NULL,
    condition_out TEXT NOT NULL DEFAULT '',
    purpose       TEXT NOT NULL DEFAULT '',
    closed_at     TEXT,
    staff_id      INTEGER REFERENCES staff(id),
    CHECK (returned + lost <= quantity),
    CHECK (asset_id IS NULL OR quantity = 1)
) STRICT;
CREATE INDEX inv_loans_open ON inv_loans(due_date) WHERE closed_at IS NULL;
CREATE INDEX inv_loans_item ON inv_loans(item_id, lent_at);
-- covers "on loan" per item
CREATE INDEX inv_loans_open_item ON inv_loans(item_id, quantity, returned, lost) WHERE closed_at IS NULL;
CREATE INDEX inv_loans_borrower ON inv_loans(borrower_kind, borrower_id, lent_at);
-- an asset is with at most one borrower at a time
CREATE UNIQUE INDEX inv_loans_asset_open ON inv_loans(asset_id) WHERE asset_id IS NOT NULL AND closed_at IS NULL;

-- What happened to a loan after it was made: returns (with condition) and renewals.
CREATE TABLE inv_loan_events (
    id        INTEGER PRIMARY KEY,
    loan_id   INTEGER NOT NULL REFERENCES inv_loans(id),
    kind      TEXT NOT NULL CHECK (kind IN ('return', 'lost', 'renew')),
    quantity  INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    condition TEXT CHECK (condition IN ('good', 'damaged', 'lost')),
    note      TEXT NOT NULL DEFAULT '',
    old_due   TEXT,
    new_due   TEXT,
    at        TEXT NOT NULL,
    staff_id  INTEGER REFERENCES staff(id)
) STRICT;
CREATE INDEX inv_loan_events_loan ON inv_loan_events(loan_id);

CREATE TABLE inv_reservations (
    id            INTEGER PRIMARY KEY,
    asset_id      INTEGER NOT NULL REFERENCES inv_assets(id),
    borrower_kind TEXT NOT NULL CHECK (borrower_kind IN ('resident', 'volunteer')),
    borrower_id   INTEGER NOT NULL,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled', 'fulfilled')),
    created_at    TEXT NOT NULL,
    CHECK (end_date >= start_date)
) STRICT;
CREATE INDEX inv_reservations_asset ON inv_reservations(asset_id, start_date) WHERE status = 'active';

CREATE TABLE inv_stocktakes (
    id          INTEGER PRIMARY KEY,
    note        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished', 'cancelled')),
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    staff_id    INTEGER REFERENCES staff(id)
) STRICT;

-- One line per batch or asset unit on the count sheet; expected = stock when it was printed.
CREATE TABLE inv_stocktake_lines (
    id           INTEGER PRIMARY KEY,
    stocktake_id INTEGER NOT NULL REFERENCES inv_stocktakes(id),
    item_id      INTEGER NOT NULL REFERENCES inv_items(id),
    batch_id     INTEGER REFERENCES inv_batches(id),
    asset_id     INTEGER REFERENCES inv_assets(id),
    expected     INTEGER NOT NULL CHECK (expected >= 0),
    counted      INTEGER CHECK (counted >= 0),
    CHECK ((batch_id IS NULL) <> (asset_id IS NULL))
) STRICT;
CREATE INDEX inv_stocktake_lines_take ON inv_stocktake_lines(stocktake_id);

-- The ledger. quantity is the signed change of stock on hand: receive +, issue −, lend −,
-- return +, adjust ±, dispose −, reverse = −(the reversed movement). Every movement of a
-- consumable or emergency supply names its batch, every movement of an asset its unit.
CREATE TABLE inv_movements (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES inv_items(id),
    batch_id     INTEGER REFERENCES inv_batches(id),
    asset_id     INTEGER REFERENCES inv_assets(id),
    kind         TEXT NOT NULL CHECK (kind IN ('receive', 'issue', 'lend', 'return', 'adjust', 'dispose', 'reverse')),
    quantity     INTEGER NOT NULL CHECK (quantity <> 0),
    -- receive: purchase / donation / street; dispose: expired / broken / lost
    source       TEXT NOT NULL DEFAULT '',
    -- issue: to whom; lend/return: the borrower
    party        TEXT NOT NULL DEFAULT '',
    -- issue: for which activity
    activity     TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    loan_id      INTEGER REFERENCES inv_loans(id),
    stocktake_id INTEGER REFERENCES inv_stocktakes(id),
    reverses_id  INTEGER UNIQUE REFERENCES inv_movements(id),
    at           TEXT NOT NULL,
    staff_id     INTEGER REFERENCES staff(id),
    CHECK ((batch_id IS NULL) <> (asset_id IS NULL))
) STRICT;
CREATE INDEX inv_movements_item ON inv_movements(item_id, quantity);
CREATE INDEX inv_movements_at ON inv_movements(at);
CREATE INDEX inv_movements_loan ON inv_movements(loan_id) WHERE loan_id IS NOT NULL;

CREATE TRIGGER inv_movements_apply AFTER INSERT ON inv_movements BEGIN
    UPDATE inv_items SET on_hand = on_hand + NEW.quantity WHERE id = NEW.item_id;
    UPDATE inv_batches SET on_hand = on_hand + NEW.quantity WHERE id = NEW.batch_id;
    UPDATE inv_assets SET on_hand = on_hand + NEW.quantity WHERE id = NEW.asset_id;
END;
-- Nothing in the ledger is edited or deleted: a mistake is corrected by a reversing movement.
CREATE TRIGGER inv_movements_no_update BEFORE UPDATE ON inv_movements BEGIN
    SELECT RAISE(ABORT, '台账记录不能修改，请用冲正记录更正');
END;
CREATE TRIGGER inv_movements_no_delete BEFORE DELETE ON inv_movements BEGIN
    SELECT RAISE(ABORT, '台账记录不能删除，请用冲正记录更正');
END;

INSERT INTO inv_categories(name) VALUES ('办公用品'), ('康复辅具'), ('文体器材'), ('图书'), ('工具'), ('应急物资'), ('卫生防疫');
