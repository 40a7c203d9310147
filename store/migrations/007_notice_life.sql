-- The life of a notice: a notice can be withdrawn, and every event of it carries its facts in
-- columns of their own. The CHECKs of both tables change, so both are built again (children
-- first, so that dropping the notices leaves no event pointing at them).

CREATE TEMP TABLE old_notice_events AS SELECT id, notice_id, at, by, action, detail FROM notice_events;
CREATE TEMP TABLE old_notices AS
    SELECT id, round_id, office_id, issued_at, deadline, status, response, number, reported_at, verified_at FROM notices;
DROP TABLE notice_events;
DROP TABLE notices;

CREATE TABLE notices (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES rounds(id),
    office_id    INTEGER NOT NULL REFERENCES offices(id),
    issued_at    TEXT NOT NULL,
    deadline     TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('issued', 'reported', 'verified', 'withdrawn')),
    response     TEXT NOT NULL DEFAULT '',
    number       TEXT NOT NULL DEFAULT '',
    reported_at  TEXT,
    verified_at  TEXT,
    withdrawn_at TEXT
);
-- One live notice per office and round: a withdrawn one stays, and a new one may follow it.
CREATE UNIQUE INDEX notices_round_office ON notices(round_id, office_id) WHERE status <> 'withdrawn';
CREATE INDEX notices_office ON notices(office_id);
INSERT INTO notices(id, round_id, office_id, issued_at, deadline, status, response, number, reported_at, verified_at)
    SELECT id, round_id, office_id, issued_at, deadline, status, response, number, reported_at, verified_at FROM old_notices;

-- detail is the words of the event: the office's response (report), the reason (extend,
-- withdraw), how it was checked (verify). deadline is the deadline in force before the event
-- (issue: the deadline given); new_deadline the one an extension set; reported_on the city date
-- of a report and late whether it came after the deadline in force; checked_by who checked.
CREATE TABLE notice_events (
    id           INTEGER PRIMARY KEY,
    notice_id    INTEGER NOT NULL REFERENCES notices(id),
    at           TEXT NOT NULL,
    by           TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('issue', 'report', 'verify', 'extend', 'withdraw')),
    detail       TEXT NOT NULL DEFAULT '',
    deadline     TEXT,
    new_deadline TEXT,
    reported_on  TEXT,
    late         INTEGER CHECK (late IN (0, 1)),
    checked_by   TEXT
);
CREATE INDEX notice_events_notice ON notice_events(notice_id);

-- The old events, typed: an issue's detail was its deadline, an extension's "NEW-DEADLINE reason",
-- a report's the response. The deadline in force before an event is the latest extension's
-- before it, else the issued one. A report's date and lateness need the city's zone: the store
-- reads them from at and the deadline when reported_on is empty.
INSERT INTO notice_events(id, notice_id, at, by, action, detail, deadline, new_deadline, checked_by)
    SELECT e.id, e.notice_id, e.at, e.by, e.action,
        CASE e.action WHEN 'issue' THEN '' WHEN 'extend' THEN ltrim(substr(e.detail, 11)) ELSE e.detail END,
        CASE e.action WHEN 'issue' THEN e.detail WHEN 'verify' THEN NULL ELSE coalesce(
            (SELECT substr(p.detail, 1, 10) FROM old_notice_events p
                WHERE p.notice_id = e.notice_id AND p.action = 'extend' AND p.id < e.id ORDER BY p.id DESC LIMIT 1),
            (SELECT p.detail FROM old_notice_events p
                WHERE p.notice_id = e.notice_id AND p.action = 'issue' AND p.id < e.id ORDER BY p.id LIMIT 1)) END,
        CASE e.action WHEN 'extend' THEN substr(e.detail, 1, 10) END,
        CASE e.action WHEN 'verify' THEN e.by END
    FROM old_notice_events e ORDER BY e.id;

DROP TABLE old_notice_events;
DROP TABLE old_notices;
