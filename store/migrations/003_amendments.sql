-- Amendments: a lead's correction of a submitted score sheet or of an imported result, with a
-- reason. The original stays as recorded (sheets, answers and the call's result columns never
-- change); the amendment holds the new values and the call's result they lead to, and the call
-- points at its latest amendment through the effective-result columns below.

CREATE TABLE amendments (
    id                INTEGER PRIMARY KEY,
    call_id           INTEGER NOT NULL REFERENCES calls(id),
    sheet_id          INTEGER REFERENCES sheets(id), -- the sheet amended; NULL for an imported result
    at                TEXT NOT NULL,
    by                TEXT NOT NULL,
    reason            TEXT NOT NULL CHECK (trim(reason) <> ''),
    -- The new values. A sheet: its full new answers, JSON {"criterion": value}.
    answers           TEXT,
    -- An imported result: 是否存在问题, 得分 (NULL: none given) and 问题描述 as typed.
    new_problem       INTEGER CHECK (new_problem IN (0, 1)),
    new_total         REAL,
    new_reasons       TEXT,
    -- The call's result after the amendment, as package scoring computes it.
    scored            INTEGER NOT NULL CHECK (scored IN (0, 1)),
    total             REAL,
    grade             TEXT,
    problem           INTEGER NOT NULL CHECK (problem IN (0, 1)),
    reasons           TEXT NOT NULL DEFAULT '[]', -- JSON array of {type, code, zh, en}
    after_publication INTEGER NOT NULL DEFAULT 0 CHECK (after_publication IN (0, 1)),
    CHECK ((sheet_id IS NULL) = (answers IS NULL)),
    CHECK ((sheet_id IS NULL) = (new_problem IS NOT NULL))
);
CREATE INDEX amendments_call ON amendments(call_id, id);

-- The effective result: NULL until the call is amended, then the latest amendment's result.
-- Readers take amended_* when amendment_id is set, else the original columns.
ALTER TABLE calls ADD COLUMN amended_total REAL;
ALTER TABLE calls ADD COLUMN amended_grade TEXT;
ALTER TABLE calls ADD COLUMN amended_problem INTEGER CHECK (amended_problem IN (0, 1));
ALTER TABLE calls ADD COLUMN amended_reasons TEXT;
ALTER TABLE calls ADD COLUMN amendment_id INTEGER REFERENCES amendments(id);

-- An amendment is part of the record: it never changes and is never deleted.
CREATE TRIGGER amendments_immutable BEFORE UPDATE ON amendments
BEGIN
    SELECT RAISE(ABORT, 'immutable: an amendment cannot be changed; record another amendment');
END;
CREATE TRIGGER amendments_no_delete BEFORE DELETE ON amendments
BEGIN
    SELECT RAISE(ABORT, 'immutable: an amendment cannot be deleted');
END;

-- Only a finished call is amended: a submitted sheet of that call, or the call's imported result.
CREATE TRIGGER amendments_of_finished BEFORE INSERT ON amendments
WHEN (SELECT status FROM calls WHERE id = NEW.call_id) IS NOT 'done'
  OR (NEW.sheet_id IS NULL AND (SELECT imported FROM calls WHERE id = NEW.call_id) IS NOT 1)
  OR (NEW.sheet_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sheets
        WHERE id = NEW.sheet_id AND call_id = NEW.call_id AND status = 'submitted'))
BEGIN
    SELECT RAISE(ABORT, 'immutable: only a submitted sheet or an imported result of a finished call can be amended');
END;

-- The effective-result columns of any call (finished or not: calls_finished_immutable covers
-- the original columns of finished ones) change only to point at the call's newest amendment,
-- carrying exactly that amendment's result. So they can never be set without an amendment,
-- moved back to an older one, or cleared.
CREATE TRIGGER calls_amended_by_amendment BEFORE UPDATE ON calls
WHEN (NEW.amended_total IS NOT OLD.amended_total OR NEW.amended_grade IS NOT OLD.amended_grade
    OR NEW.amended_problem IS NOT OLD.amended_problem OR NEW.amended_reasons IS NOT OLD.amended_reasons
    OR NEW.amendment_id IS NOT OLD.amendment_id OR NEW.id IS NOT OLD.id)
  AND (NEW.id IS NOT OLD.id
    OR NEW.amendment_id IS NULL
    OR NEW.amendment_id IS NOT (SELECT max(id) FROM amendments WHERE call_id = NEW.id)
    OR NOT EXISTS (SELECT 1 FROM amendments m WHERE m.id = NEW.amendment_id
        AND m.total IS NEW.amended_total AND m.grade IS NEW.amended_grade
        AND m.problem IS NEW.amended_problem AND m.reasons IS NEW.amended_reasons))
BEGIN
    SELECT RAISE(ABORT, 'immutable: a call''s amended result comes only from its latest amendment');
END;
-- A call inserted with an amended result would skip the check above.
CREATE TRIGGER calls_insert_unamended BEFORE INSERT ON calls
WHEN NEW.amendment_id IS NOT NULL OR NEW.amended_total IS NOT NULL OR NEW.amended_grade IS NOT NULL
  OR NEW.amended_problem IS NOT NULL OR NEW.amended_reasons IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'immutable: a new call cannot carry an amended result');
END;
