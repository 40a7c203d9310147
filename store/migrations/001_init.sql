-- phoneaudit schema, version 1.
-- Times are UTC text "2006-01-02T15:04:05Z" (they sort as text); city dates are "2006-01-02".

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE departments (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (name <> '')
);

CREATE TABLE offices (
    id            INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    name          TEXT NOT NULL CHECK (name <> ''),
    phone         TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- A merged office points to the office it joined; its history and streak follow.
    merged_into   INTEGER REFERENCES offices(id),
    UNIQUE (department_id, name)
);
CREATE INDEX offices_merged ON offices(merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE auditors (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
    role        TEXT NOT NULL CHECK (role IN ('auditor', 'lead')),
    affiliation TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE scenarios (
    id       INTEGER PRIMARY KEY,
    category TEXT NOT NULL,
    persona  TEXT NOT NULL CHECK (persona IN ('farmer', 'resident', 'business', 'grassroots')),
    question TEXT NOT NULL CHECK (question <> ''),
    UNIQUE (category, persona, question)
);

-- Rubric versions are immutable: loading a rubric adds a version.
CREATE TABLE rubrics (
    version   INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    body      TEXT NOT NULL, -- TOML, as scoring.FormatRubric writes it
    loaded_at TEXT NOT NULL,
    loaded_by TEXT NOT NULL
);

CREATE TABLE rounds (
    id             INTEGER PRIMARY KEY,
    number         INTEGER NOT NULL UNIQUE, -- creation order: the order streaks follow
    name           TEXT NOT NULL UNIQUE CHECK (name <> ''),
    status         TEXT NOT NULL CHECK (status IN ('planning', 'open', 'closed', 'published')),
    rubric_version INTEGER REFERENCES rubrics(version), -- NULL for rounds made by a results import
    imported       INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
    date_from      TEXT,
    date_to        TEXT,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    opened_at      TEXT,
    closed_at      TEXT,
    published_at   TEXT
);
-- One round is open at a time.
CREATE UNIQUE INDEX rounds_one_open ON rounds(status) WHERE status = 'open';

CREATE TABLE calls (
    id                INTEGER PRIMARY KEY,
    round_id          INTEGER NOT NULL REFERENCES rounds(id),
    office_id         INTEGER NOT NULL REFERENCES offices(id),
    auditor_id        INTEGER REFERENCES auditors(id), -- the caller; NULL for imported results
    persona           TEXT CHECK (persona IN ('farmer', 'resident', 'business', 'grassroots')),
    scenario_id       INTEGER REFERENCES scenarios(id),
    planned_at        TEXT,
    status            TEXT NOT NULL DEFAULT 'to_call'
                      CHECK (status IN ('to_call', 'in_progress', 'done', 'unreachable', 'not_audited')),
    timer_started_at  TEXT,
    answer_seconds    INTEGER CHECK (answer_seconds >= 0),
    answered_staff_no TEXT NOT NULL DEFAULT '',
    answered_name     TEXT NOT NULL DEFAULT '',
    recording_file    TEXT NOT NULL DEFAULT '',
    recording_offset  REAL,
    recording_sha256  TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    -- Set when the call finishes: the names as they were then, so a later rename changes nothing recorded.
    finished_at       TEXT,
    office_name       TEXT,
    department_name   TEXT,
    -- The result, computed by package scoring when the call finishes (or read from an import).
    scored            INTEGER NOT NULL DEFAULT 0 CHECK (scored IN (0, 1)),
    total             REAL,
    grade             TEXT,
    problem           INTEGER CHECK (problem IN (0, 1)),
    reasons           TEXT NOT NULL DEFAULT '[]', -- JSON array of {type, code, zh, en}
    needs_review      INTEGER NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1)),
    imported          INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
    imported_line     INTEGER
);
CREATE INDEX calls_round_office ON calls(round_id, office_id);
CREATE INDEX calls_office_round ON calls(office_id, round_id);
CREATE INDEX calls_round_auditor ON calls(round_id, auditor_id);

CREATE TABLE attempts (
    id      INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES calls(id),
    at      TEXT NOT NULL,
    outcome INTEGER NOT NULL CHECK (outcome IN (11, 12, 13, 14, 21, 22, 23)),
    by      TEXT NOT NULL
);
CREATE INDEX attempts_call ON attempts(call_id, at);

CREATE TABLE sheets (
    id           INTEGER PRIMARY KEY,
    call_id      INTEGER NOT NULL REFERENCES calls(id),
    rater_id     INTEGER NOT NULL REFERENCES auditors(id),
    kind         TEXT NOT NULL DEFAULT 'rater' CHECK (kind IN ('rater', 'consensus')),
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'abandoned', 'dropped')),
    created_at   TEXT NOT NULL,
    submitted_at TEXT,
    total        REAL,
    reason       TEXT NOT NULL DEFAULT '' -- why a consensus was recorded or a sheet dropped
);
-- A rater has at most one live (draft or submitted) sheet per call; abandoned ones stay as history.
CREATE UNIQUE INDEX sheets_one_live ON sheets(call_id, rater_id, kind) WHERE status IN ('draft', 'submitted');
CREATE INDEX sheets_call ON sheets(call_id);

CREATE TABLE answers (
    sheet_id  INTEGER NOT NULL REFERENCES sheets(id),
    criterion TEXT NOT NULL,
    value     INTEGER NOT NULL,
    set_at    TEXT NOT NULL,
    PRIMARY KEY (sheet_id, criterion)
) WITHOUT ROWID;

-- Maintained streaks: one row per office (as merged) and round it was audited in.
-- streak is the office's streak as of that round, so the flags of every office as of a
-- round are one index lookup per office, never a scan of all calls.
CREATE TABLE audits (
    office_id    INTEGER NOT NULL REFERENCES offices(id),
    round_number INTEGER NOT NULL,
    round_id     INTEGER NOT NULL REFERENCES rounds(id),
    problem      INTEGER NOT NULL CHECK (problem IN (0, 1)),
    streak       INTEGER NOT NULL CHECK (streak >= 0),
    PRIMARY KEY (office_id, round_number)
) WITHOUT ROWID;
CREATE INDEX audits_round ON audits(round_number);

CREATE TABLE calendar (
    day  TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('off', 'on')) -- 休 holiday, 班 make-up working day
) WITHOUT ROWID;

-- Registry edits: every change to offices, departments and auditors, with who and when.
CREATE TABLE changes (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    by        TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL
);

CREATE TABLE notices (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES rounds(id),
    office_id   INTEGER NOT NULL REFERENCES offices(id),
    issued_at   TEXT NOT NULL,
    deadline    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('issued', 'reported', 'verified')),
    response    TEXT NOT NULL DEFAULT '',
    UNIQUE (round_id, office_id)
);

CREATE TABLE publications (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL UNIQUE REFERENCES rounds(id),
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL
);

-- Submitted sheets and their answers are immutable.
CREATE TRIGGER sheets_submitted_immutable BEFORE UPDATE ON sheets
WHEN OLD.status = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'immutable: a submitted score sheet cannot be changed');
END;
CREATE TRIGGER sheets_no_delete BEFORE DELETE ON sheets
WHEN OLD.status <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'immutable: a submitted or abandoned score sheet cannot be deleted');
END;
CREATE TRIGGER answers_insert_open BEFORE INSERT ON answers
WHEN (SELECT status FROM sheets WHERE id = NEW.sheet_id) <> 'draft'
  OR (SELECT c.status FROM sheets s JOIN calls c ON c.id = s.call_id WHERE s.id = NEW.sheet_id AND s.kind = 'rater')
     NOT IN ('to_call', 'in_progress')
BEGIN
    SELECT RAISE(ABORT, 'immutable: answers can only be set on a draft score sheet');
END;
CREATE TRIGGER answers_update_open BEFORE UPDATE ON answers
WHEN (SELECT status FROM sheets WHERE id = OLD.sheet_id) <> 'draft'
  OR (SELECT c.status FROM sheets s JOIN calls c ON c.id = s.call_id WHERE s.id = OLD.sheet_id AND s.kind = 'rater')
     NOT IN ('to_call', 'in_progress')
BEGIN
    SELECT RAISE(ABORT, 'immutable: a submitted answer cannot be changed');
END;
CREATE TRIGGER answers_delete_open BEFORE DELETE ON answers
WHEN (SELECT status FROM sheets WHERE id = OLD.sheet_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'immutable: a submitted answer cannot be deleted');
END;

-- Attempts are never edited; the last one may be undone only while the call is open.
CREATE TRIGGER attempts_no_update BEFORE UPDATE ON attempts
BEGIN
    SELECT RAISE(ABORT, 'immutable: a dial attempt cannot be changed');
END;
CREATE TRIGGER attempts_delete_open BEFORE DELETE ON attempts
WHEN (SELECT status FROM calls WHERE id = OLD.call_id) NOT IN ('to_call', 'in_progress')
BEGIN
    SELECT RAISE(ABORT, 'immutable: an attempt of a finished call cannot be deleted');
END;

-- A finished call's record and result stand; only a call that needs review may have its
-- result replaced (by a consensus or an accepted aggregate). Recordings may be attached later.
CREATE TRIGGER calls_finished_immutable BEFORE UPDATE ON calls
WHEN OLD.status IN ('done', 'unreachable') AND OLD.needs_review = 0 AND (
       NEW.status IS NOT OLD.status OR NEW.office_id IS NOT OLD.office_id
    OR NEW.round_id IS NOT OLD.round_id OR NEW.auditor_id IS NOT OLD.auditor_id
    OR NEW.answer_seconds IS NOT OLD.answer_seconds
    OR NEW.answered_staff_no IS NOT OLD.answered_staff_no OR NEW.answered_name IS NOT OLD.answered_name
    OR NEW.notes IS NOT OLD.notes OR NEW.finished_at IS NOT OLD.finished_at
    OR NEW.office_name IS NOT OLD.office_name OR NEW.department_name IS NOT OLD.department_name
    OR NEW.scored IS NOT OLD.scored OR NEW.total IS NOT OLD.total OR NEW.grade IS NOT OLD.grade
    OR NEW.problem IS NOT OLD.problem OR NEW.reasons IS NOT OLD.reasons
    OR NEW.needs_review IS NOT OLD.needs_review OR NEW.imported IS NOT OLD.imported)
BEGIN
    SELECT RAISE(ABORT, 'immutable: a finished call cannot be changed');
END;
CREATE TRIGGER calls_finished_no_delete BEFORE DELETE ON calls
WHEN OLD.status IN ('done', 'unreachable')
BEGIN
    SELECT RAISE(ABORT, 'immutable: a finished call cannot be deleted');
END;
