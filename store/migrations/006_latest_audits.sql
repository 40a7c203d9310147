-- Each office's latest audit (as merged), kept by triggers on audits, so the flags as of the
-- latest round read one small row per office instead of seeking the newest of its audits in a
-- table that grows with every round. Nothing writes it but the triggers below.

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
