-- Corrections after publication (更正). A published bulletin never changes; what it said is kept
-- as a snapshot (package scoring's Snapshot, JSON) beside every publication and every published
-- correction, so a later change of the data — an amendment of the round or of an earlier one
-- that moves its streaks, a merge — is found by comparing the round's snapshot now with the one
-- last published, and published in turn as a 更正说明.

-- What a publication printed. rebuilt = 1: the publication was made before snapshots were kept,
-- and its snapshot was worked out from the data leaving out the amendments made after it.
CREATE TABLE publication_snapshots (
    publication_id INTEGER PRIMARY KEY REFERENCES publications(id),
    snapshot       TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    rebuilt        INTEGER NOT NULL DEFAULT 0 CHECK (rebuilt IN (0, 1))
);

-- A published correction of a round: the seq-th, made at the ledger head printed in it, with the
-- snapshot of the round it publishes and every rendering of its 更正说明.
CREATE TABLE corrections (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES rounds(id),
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    at           TEXT NOT NULL,
    by           TEXT NOT NULL,
    ledger_head  TEXT,
    snapshot     TEXT NOT NULL,
    sha256       TEXT NOT NULL, -- of snapshot
    deadline     TEXT,          -- of the notices it issued
    UNIQUE (round_id, seq)
);

CREATE TABLE correction_texts (
    correction_id INTEGER NOT NULL REFERENCES corrections(id),
    lang          TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
    format        TEXT NOT NULL CHECK (format IN ('text', 'md')),
    body          TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    PRIMARY KEY (correction_id, lang, format)
) WITHOUT ROWID;

-- What was published stands.
CREATE TRIGGER publication_snapshots_immutable BEFORE UPDATE ON publication_snapshots
BEGIN
    SELECT RAISE(ABORT, 'immutable: a publication''s snapshot cannot be changed');
END;
CREATE TRIGGER publication_snapshots_no_delete BEFORE DELETE ON publication_snapshots
BEGIN
    SELECT RAISE(ABORT, 'immutable: a publication''s snapshot cannot be deleted');
END;
CREATE TRIGGER corrections_immutable BEFORE UPDATE ON corrections
BEGIN
    SELECT RAISE(ABORT, 'immutable: a published correction cannot be changed');
END;
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections
BEGIN
    SELECT RAISE(ABORT, 'immutable: a published correction cannot be deleted');
END;
CREATE TRIGGER correction_texts_immutable BEFORE UPDATE ON correction_texts
BEGIN
    SELECT RAISE(ABORT, 'immutable: a published correction cannot be changed');
END;
CREATE TRIGGER correction_texts_no_delete BEFORE DELETE ON correction_texts
BEGIN
    SELECT RAISE(ABORT, 'immutable: a published correction cannot be deleted');
END;
