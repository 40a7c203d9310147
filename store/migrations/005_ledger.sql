-- The ledger: an append-only hash chain over every record that counts (submitted sheets and the
-- calls they score, reviews, amendments, imported results, registry changes, round closes and
-- publications). Each entry's hash is SHA-256(previous hash || body), where body is the
-- canonical JSON of the record as the records themselves say it, so `phoneaudit verify` can
-- rebuild every body from the tables and tell what was changed behind phoneaudit's back.
-- The chain over records that existed before this migration is written by Go right after it
-- (store.backfillLedger), in the same transaction.

CREATE TABLE ledger (
    seq  INTEGER PRIMARY KEY,
    at   TEXT NOT NULL,
    by   TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref  INTEGER,
    body TEXT NOT NULL,
    prev TEXT NOT NULL, -- the previous entry's hash; 64 zeros for the first
    hash TEXT NOT NULL
);
CREATE INDEX ledger_record ON ledger(kind, ref);

-- An entry is never changed or removed, and a new one must follow the head.
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN
    SELECT RAISE(ABORT, 'immutable: a ledger entry cannot be changed');
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN
    SELECT RAISE(ABORT, 'immutable: a ledger entry cannot be deleted');
END;
CREATE TRIGGER ledger_follows_head BEFORE INSERT ON ledger
WHEN NEW.prev IS NOT coalesce((SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1),
        '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
    SELECT RAISE(ABORT, 'immutable: a ledger entry must follow the head of the chain');
END;

-- The head of the chain just before a round was published: the bulletin prints it (数据校验码).
ALTER TABLE publications ADD COLUMN ledger_head TEXT;

-- Registry edits and publications are records too: never changed, never removed.
CREATE TRIGGER changes_immutable BEFORE UPDATE ON changes
BEGIN
    SELECT RAISE(ABORT, 'immutable: a recorded change cannot be changed');
END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
BEGIN
    SELECT RAISE(ABORT, 'immutable: a recorded change cannot be deleted');
END;
CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications
BEGIN
    SELECT RAISE(ABORT, 'immutable: a publication cannot be deleted');
END;
-- A dropped panel sheet stays as it was dropped.
CREATE TRIGGER sheets_dropped_immutable BEFORE UPDATE ON sheets
WHEN OLD.status = 'dropped'
BEGIN
    SELECT RAISE(ABORT, 'immutable: a dropped score sheet cannot be changed');
END;
