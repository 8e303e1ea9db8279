-- Closings chained (月度汇总关账链): each closing records the chain hash of the closing before
-- it (by id, reopened ones included) and its own chain hash = SHA-256 of
-- "<previous chain hash>\n<month>\n<closed_at>\n<closed_by_name>\n<snapshot hash>". Rewriting
-- an old closing, even with its snapshot hash recomputed, breaks its own link and every
-- later one; `Station::report_verify_chain` walks the chain.
--
-- Closings made before this migration have no chain yet: the next closing seals them, in
-- order, first (the one change this table allows them, once).
ALTER TABLE report_closings ADD COLUMN prev_chain_hash TEXT CHECK (prev_chain_hash IS NULL OR length(prev_chain_hash) = 64);
ALTER TABLE report_closings ADD COLUMN chain_hash TEXT CHECK (chain_hash IS NULL OR length(chain_hash) = 64);
CREATE UNIQUE INDEX report_closings_chain ON report_closings(chain_hash) WHERE chain_hash IS NOT NULL;

-- The only changes a closing ever sees: its sealing into the chain (once, from nothing) and
-- its reopening (once).
DROP TRIGGER report_closings_frozen;
CREATE TRIGGER report_closings_frozen BEFORE UPDATE ON report_closings
WHEN NEW.month IS NOT OLD.month OR NEW.snapshot IS NOT OLD.snapshot
  OR NEW.hash IS NOT OLD.hash OR NEW.closed_at IS NOT OLD.closed_at OR NEW.closed_by IS NOT OLD.closed_by
  OR NEW.closed_by_name IS NOT OLD.closed_by_name
  OR (OLD.chain_hash IS NOT NULL AND (NEW.chain_hash IS NOT OLD.chain_hash OR NEW.prev_chain_hash IS NOT OLD.prev_chain_hash))
  OR (OLD.reopened_at IS NOT NULL AND (NEW.reopened_at IS NOT OLD.reopened_at OR NEW.reopen_reason IS NOT OLD.reopen_reason
      OR NEW.reopened_by IS NOT OLD.reopened_by OR NEW.reopened_by_name IS NOT OLD.reopened_by_name))
BEGIN
    SELECT RAISE(ABORT, '已关账的汇总不能修改');
END;
