-- Tables kept for the flags, so the flags as of the latest round cost what is shown, not what is
-- stored: each office's latest audit (latest_audits), the audits of the persons who answered
-- (person_audits) and each person's latest (latest_person_audits).

-- Each office's latest audit (as merged), kept by triggers on audits: the flags read one small
-- row per office instead of seeking the newest of its audits in a table that grows with every
-- round. Nothing writes it but the triggers below.

CREATE TABLE latest_audits (
    office_id    INTEGER PRIMARY KEY REFERENCES offices(id),
    round_number INTEGER NOT NULL,
    round_id     INTEGER NOT NULL REFERENCES rounds(id),
    problem      INTEGER NOT NULL,
    streak       INTEGER NOT NULL
);

INSERT INTO latest_audits(office_id, round_number, round_id, problem, streak)
    SELECT a.office_id, a.round_number, a.round_id, a.problem, a.streak FROM audits a
    WHERE a.round_number = (SELECT max(x.round_number) FROM audits x WHERE x.office_id = a.office_id);

-- A new audit at or after the office's latest one becomes its latest.
CREATE TRIGGER latest_audits_insert AFTER INSERT ON audits
WHEN NEW.round_number >= coalesce((SELECT round_number FROM latest_audits WHERE office_id = NEW.office_id), -1)
BEGIN
    INSERT INTO latest_audits(office_id, round_number, round_id, problem, streak)
        VALUES(NEW.office_id, NEW.round_number, NEW.round_id, NEW.problem, NEW.streak)
        ON CONFLICT(office_id) DO UPDATE SET round_number = excluded.round_number,
            round_id = excluded.round_id, problem = excluded.problem, streak = excluded.streak;
END;

-- A changed audit: the latest of its office (and of the office it belonged to) is read again.
CREATE TRIGGER latest_audits_update AFTER UPDATE ON audits
BEGIN
    DELETE FROM latest_audits WHERE office_id IN (OLD.office_id, NEW.office_id);
    INSERT INTO latest_audits(office_id, round_number, round_id, problem, streak)
        SELECT a.office_id, a.round_number, a.round_id, a.problem, a.streak FROM audits a
        WHERE a.office_id IN (OLD.office_id, NEW.office_id)
        AND a.round_number = (SELECT max(x.round_number) FROM audits x WHERE x.office_id = a.office_id);
END;

-- A removed audit: the office's latest is the newest that remains, if any.
CREATE TRIGGER latest_audits_delete AFTER DELETE ON audits
BEGIN
    DELETE FROM latest_audits WHERE office_id = OLD.office_id;
    INSERT INTO latest_audits(office_id, round_number, round_id, problem, streak)
        SELECT a.office_id, a.round_number, a.round_id, a.problem, a.streak FROM audits a
        WHERE a.office_id = OLD.office_id
        AND a.round_number = (SELECT max(x.round_number) FROM audits x WHERE x.office_id = a.office_id);
END;

-- The audits of the persons who answered, as the office's are kept: a person is a department
-- (as stored on the call) and a 工号 ('no:…'), or a 姓名 ('name:…') when no number was given; a
-- person's audit in a round is a problem when any of their finished calls in it is (amended);
-- the streak counts their audits with a problem up to this one. Go keeps it where it keeps the
-- audits (refreshAudit, the bulk rounds); this fills it from the calls already finished.
CREATE TABLE person_audits (
    department   TEXT NOT NULL,
    person       TEXT NOT NULL,
    round_number INTEGER NOT NULL,
    round_id     INTEGER NOT NULL REFERENCES rounds(id),
    problem      INTEGER NOT NULL CHECK (problem IN (0, 1)),
    streak       INTEGER NOT NULL CHECK (streak >= 0),
    PRIMARY KEY (department, person, round_number)
) WITHOUT ROWID;

WITH audited AS (
    SELECT c.department_name AS department,
        CASE WHEN c.answered_staff_no <> '' THEN 'no:' || c.answered_staff_no ELSE 'name:' || c.answered_name END AS person,
        r.number AS round_number, r.id AS round_id, max(coalesce(c.amended_problem, c.problem)) AS problem
    FROM calls c JOIN rounds r ON r.id = c.round_id
    WHERE c.status IN ('done', 'unreachable') AND (c.answered_staff_no <> '' OR c.answered_name <> '')
    GROUP BY 1, 2, 3
), numbered AS (
    SELECT *, row_number() OVER (PARTITION BY department, person ORDER BY round_number) AS n FROM audited
), counted AS (
    -- The streak is how many audits came since the person's last audit without a problem.
    SELECT *, max(CASE WHEN problem = 0 THEN n ELSE 0 END)
        OVER (PARTITION BY department, person ORDER BY round_number ROWS UNBOUNDED PRECEDING) AS last_good
    FROM numbered
)
INSERT INTO person_audits(department, person, round_number, round_id, problem, streak)
    SELECT department, person, round_number, round_id, problem, n - last_good FROM counted;

-- Each person's latest audit, kept by triggers as latest_audits is; the flagged ones indexed, so
-- the persons' flags read only them.
CREATE TABLE latest_person_audits (
    department   TEXT NOT NULL,
    person       TEXT NOT NULL,
    round_number INTEGER NOT NULL,
    round_id     INTEGER NOT NULL REFERENCES rounds(id),
    problem      INTEGER NOT NULL,
    streak       INTEGER NOT NULL,
    PRIMARY KEY (department, person)
) WITHOUT ROWID;
CREATE INDEX latest_person_audits_round ON latest_person_audits(round_number);
CREATE INDEX latest_person_audits_flagged ON latest_person_audits(streak) WHERE streak >= 2;

INSERT INTO latest_person_audits(department, person, round_number, round_id, problem, streak)
    SELECT a.department, a.person, a.round_number, a.round_id, a.problem, a.streak FROM person_audits a
    WHERE a.round_number = (SELECT max(x.round_number) FROM person_audits x
        WHERE x.department = a.department AND x.person = a.person);

CREATE TRIGGER latest_person_audits_insert AFTER INSERT ON person_audits
WHEN NEW.round_number >= coalesce((SELECT round_number FROM latest_person_audits
    WHERE department = NEW.department AND person = NEW.person), -1)
BEGIN
    INSERT INTO latest_person_audits(department, person, round_number, round_id, problem, streak)
        VALUES(NEW.department, NEW.person, NEW.round_number, NEW.round_id, NEW.problem, NEW.streak)
        ON CONFLICT(department, person) DO UPDATE SET round_number = excluded.round_number,
            round_id = excluded.round_id, problem = excluded.problem, streak = excluded.streak;
END;

CREATE TRIGGER latest_person_audits_update AFTER UPDATE ON person_audits
BEGIN
    DELETE FROM latest_person_audits WHERE (department = OLD.department AND person = OLD.person)
        OR (department = NEW.department AND person = NEW.person);
    INSERT INTO latest_person_audits(department, person, round_number, round_id, problem, streak)
        SELECT a.department, a.person, a.round_number, a.round_id, a.problem, a.streak FROM person_audits a
        WHERE ((a.department = OLD.department AND a.person = OLD.person) OR (a.department = NEW.department AND a.person = NEW.person))
        AND a.round_number = (SELECT max(x.round_number) FROM person_audits x
            WHERE x.department = a.department AND x.person = a.person);
END;

CREATE TRIGGER latest_person_audits_delete AFTER DELETE ON person_audits
BEGIN
    DELETE FROM latest_person_audits WHERE department = OLD.department AND person = OLD.person;
    INSERT INTO latest_person_audits(department, person, round_number, round_id, problem, streak)
        SELECT a.department, a.person, a.round_number, a.round_id, a.problem, a.streak FROM person_audits a
        WHERE a.department = OLD.department AND a.person = OLD.person
        AND a.round_number = (SELECT max(x.round_number) FROM person_audits x
            WHERE x.department = a.department AND x.person = a.person);
END;

-- A round's counts (its calls, those finished, its offices with a problem) are read from these
-- indexes alone: counting a round's finished calls or problems no longer looks up each of its
-- rows in tables that grow with every round (4.5 ms → 0.2 ms per round at 500 rounds).
DROP INDEX audits_round;
CREATE INDEX audits_round ON audits(round_number, problem);
DROP INDEX calls_round_office;
CREATE INDEX calls_round_office ON calls(round_id, office_id, status);
