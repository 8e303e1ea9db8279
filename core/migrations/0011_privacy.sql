-- Personal data as PIPL asks (issue 17): consents, sensitive tags, retention, and the one
-- change the append-only tables now allow: a purge replacing a person's name and phone with
-- the marker 〔已删除〕 (core/src/privacy.rs). Nothing else in them may change.

-- Consents: each grant or withdrawal is a new row (never updated). A consent belongs to a
-- resident or, for a wish posted by phone alone, to the wish. notice_version: the notice the
-- person saw (its text is in the UI, ui/src/i18n, under that version).
CREATE TABLE consents (
    id             INTEGER PRIMARY KEY,
    resident_id    INTEGER REFERENCES residents(id) ON DELETE CASCADE,
    wish_id        INTEGER REFERENCES wishes(id),
    scope          TEXT NOT NULL CHECK (scope IN ('register', 'wish', 'sensitive_tags', 'public_photo')),
    granted        INTEGER NOT NULL CHECK (granted IN (0, 1)),
    notice_version TEXT NOT NULL,
    channel        TEXT NOT NULL CHECK (channel IN ('kiosk', 'desk', 'system')),
    at             TEXT NOT NULL,
    staff_id       INTEGER REFERENCES staff(id),
    CHECK (resident_id IS NOT NULL OR wish_id IS NOT NULL)
) STRICT;
CREATE INDEX consents_resident ON consents(resident_id, scope, id) WHERE resident_id IS NOT NULL;
CREATE INDEX consents_wish ON consents(wish_id, scope, id) WHERE wish_id IS NOT NULL;
CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents BEGIN
    SELECT RAISE(ABORT, '同意记录不能修改，撤回请新增一条记录');
END;

-- Tags that are sensitive personal information (PIPL Art. 28: 特定身份): kept only with the
-- resident's separate consent, never shown on the kiosk.
ALTER TABLE tags ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1));
UPDATE tags SET sensitive = 1 WHERE name IN ('残疾人', '低保户', '困境儿童', '党员', '重点关注');

-- Audit rows: only the detail may change, and only to carry the purge marker.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id
  OR NEW.at IS NOT OLD.at
  OR NEW.actor_kind IS NOT OLD.actor_kind
  OR NEW.actor_staff_id IS NOT OLD.actor_staff_id
  OR NEW.actor_name IS NOT OLD.actor_name
  OR NEW.entity IS NOT OLD.entity
  OR NEW.entity_id IS NOT OLD.entity_id
  OR NEW.action IS NOT OLD.action
  OR instr(NEW.detail, '〔已删除〕') = 0
BEGIN SELECT RAISE(ABORT, 'audit log rows are never changed'); END;

-- The ledger: only a movement's party (who borrowed or received) may become the marker, and
-- its texts may only change to carry it.
DROP TRIGGER inv_movements_no_update;
CREATE TRIGGER inv_movements_no_update BEFORE UPDATE ON inv_movements
WHEN NEW.id IS NOT OLD.id
  OR NEW.item_id IS NOT OLD.item_id
  OR NEW.batch_id IS NOT OLD.batch_id
  OR NEW.asset_id IS NOT OLD.asset_id
  OR NEW.kind IS NOT OLD.kind
  OR NEW.quantity IS NOT OLD.quantity
  OR NEW.source IS NOT OLD.source
  OR NEW.loan_id IS NOT OLD.loan_id
  OR NEW.stocktake_id IS NOT OLD.stocktake_id
  OR NEW.reverses_id IS NOT OLD.reverses_id
  OR NEW.at IS NOT OLD.at
  OR NEW.staff_id IS NOT OLD.staff_id
  OR (NEW.party IS NOT OLD.party AND NEW.party <> '〔已删除〕')
  OR (NEW.activity IS NOT OLD.activity AND instr(NEW.activity, '〔已删除〕') = 0)
  OR (NEW.reason IS NOT OLD.reason AND instr(NEW.reason, '〔已删除〕') = 0)
BEGIN SELECT RAISE(ABORT, '台账记录不能修改，请用冲正记录更正'); END;

-- Archived cases stay read-only, except that a purge clears the person's contact fields
-- (the resident link becomes NULL when the resident goes) and marks their name in the texts.
DROP TRIGGER cases_archived_read_only;
CREATE TRIGGER cases_archived_read_only BEFORE UPDATE ON cases WHEN OLD.status = 'archived' AND (
     NEW.id IS NOT OLD.id
  OR NEW.number IS NOT OLD.number
  OR NEW.source IS NOT OLD.source
  OR NEW.hotline_ticket IS NOT OLD.hotline_ticket
  OR NEW.grid_id IS NOT OLD.grid_id
  OR NEW.compound_id IS NOT OLD.compound_id
  OR NEW.building_id IS NOT OLD.building_id
  OR NEW.kind IS NOT OLD.kind
  OR NEW.urgency IS NOT OLD.urgency
  OR NEW.level IS NOT OLD.level
  OR NEW.status IS NOT OLD.status
  OR NEW.handler_staff_id IS NOT OLD.handler_staff_id
  OR NEW.handler_name IS NOT OLD.handler_name
  OR NEW.dispute_stage IS NOT OLD.dispute_stage
  OR NEW.session_date IS NOT OLD.session_date
  OR NEW.department_id IS NOT OLD.department_id
  OR NEW.report_due IS NOT OLD.report_due
  OR NEW.reported_at IS NOT OLD.reported_at
  OR NEW.accept_due IS NOT OLD.accept_due
  OR NEW.resolve_due IS NOT OLD.resolve_due
  OR NEW.accepted_at IS NOT OLD.accepted_at
  OR NEW.resolved_at IS NOT OLD.resolved_at
  OR NEW.feedback_at IS NOT OLD.feedback_at
  OR NEW.followup_resolution IS NOT OLD.followup_resolution
  OR NEW.followup_satisfaction IS NOT OLD.followup_satisfaction
  OR NEW.no_followup_reason IS NOT OLD.no_followup_reason
  OR NEW.closed_at IS NOT OLD.closed_at
  OR NEW.archived_at IS NOT OLD.archived_at
  OR NEW.accept_escalated IS NOT OLD.accept_escalated
  OR NEW.resolve_escalated IS NOT OLD.resolve_escalated
  OR NEW.escalations IS NOT OLD.escalations
  OR NEW.reopens IS NOT OLD.reopens
  OR NEW.unreasonable_reason IS NOT OLD.unreasonable_reason
  OR NEW.unreasonable_by IS NOT OLD.unreasonable_by
  OR NEW.unreasonable_reviewer IS NOT OLD.unreasonable_reviewer
  OR NEW.unreasonable_confirmed IS NOT OLD.unreasonable_confirmed
  OR NEW.created_by IS NOT OLD.created_by
  OR NEW.created_at IS NOT OLD.created_at
  OR (NEW.resident_id IS NOT OLD.resident_id AND NEW.resident_id IS NOT NULL)
  OR (NEW.contact_name IS NOT OLD.contact_name AND NEW.contact_name <> '')
  OR (NEW.contact_phone IS NOT OLD.contact_phone AND NEW.contact_phone <> '')
  OR (NEW.title IS NOT OLD.title AND instr(NEW.title, '〔已删除〕') = 0)
  OR (NEW.description IS NOT OLD.description AND instr(NEW.description, '〔已删除〕') = 0)
  OR (NEW.place_text IS NOT OLD.place_text AND instr(NEW.place_text, '〔已删除〕') = 0)
  OR (NEW.result IS NOT OLD.result AND instr(NEW.result, '〔已删除〕') = 0))
BEGIN
    SELECT RAISE(ABORT, 'archived case is read-only');
END;

-- Retention periods live in settings (retention_*_months); unset means the defaults in
-- core/src/privacy/retention.rs.
