-- Panels and review: who dropped a panel member's sheet, and how a lead settled a call that
-- needed review (a consensus sheet, or the aggregate accepted), with who, when and why.

ALTER TABLE sheets ADD COLUMN dropped_at TEXT;
ALTER TABLE sheets ADD COLUMN dropped_by TEXT;

CREATE TABLE reviews (
    id       INTEGER PRIMARY KEY,
    call_id  INTEGER NOT NULL UNIQUE REFERENCES calls(id), -- a call is settled once
    kind     TEXT NOT NULL CHECK (kind IN ('consensus', 'accept')),
    sheet_id INTEGER REFERENCES sheets(id), -- the consensus sheet; NULL for an accepted aggregate
    at       TEXT NOT NULL,
    by       TEXT NOT NULL,
    reason   TEXT NOT NULL CHECK (trim(reason) <> ''),
    CHECK ((kind = 'consensus') = (sheet_id IS NOT NULL))
);

-- A review is part of the record: it never changes and is never deleted.
CREATE TRIGGER reviews_immutable BEFORE UPDATE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'immutable: a review cannot be changed');
END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'immutable: a review cannot be deleted');
END;
-- Only a finished call that needs review is reviewed; a consensus names a submitted consensus
-- sheet of that call.
CREATE TRIGGER reviews_of_needing BEFORE INSERT ON reviews
WHEN (SELECT needs_review FROM calls WHERE id = NEW.call_id AND status = 'done') IS NOT 1
  OR (NEW.sheet_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sheets
        WHERE id = NEW.sheet_id AND call_id = NEW.call_id AND kind = 'consensus' AND status = 'submitted'))
BEGIN
    SELECT RAISE(ABORT, 'immutable: only a finished call that needs review can be reviewed');
END;
-- A finished call leaves review only through a review.
CREATE TRIGGER calls_review_settled BEFORE UPDATE ON calls
WHEN OLD.needs_review = 1 AND NEW.needs_review = 0 AND OLD.status IN ('done', 'unreachable')
  AND NOT EXISTS (SELECT 1 FROM reviews WHERE call_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'immutable: a call that needs review is settled only by a lead''s review');
END;
