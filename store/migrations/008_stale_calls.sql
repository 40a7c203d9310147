-- A running call's last activity: the time of the latest thing its caller did on it (the timer
-- mark, a dial, the seconds, who answered, the notes, the recording, an answer on the caller's
-- sheet). A call in progress with no activity for the rubric's stale_minutes is stale: it is not
-- offered for joining, and a lead may hand it on. The store sets the column in the transaction of
-- each such write; the caller's answers, written by the call screen's one-statement hot path,
-- set it through the triggers below.

ALTER TABLE calls ADD COLUMN last_activity_at TEXT;

-- The running calls from what is already recorded: the latest of the timer mark, the dials, the
-- caller's sheet and its answers.
UPDATE calls SET last_activity_at = (SELECT max(t) FROM (
        SELECT calls.timer_started_at AS t
        UNION ALL SELECT max(a.at) FROM attempts a WHERE a.call_id = calls.id
        UNION ALL SELECT max(s.created_at) FROM sheets s
            WHERE s.call_id = calls.id AND s.rater_id = calls.auditor_id AND s.kind = 'rater'
        UNION ALL SELECT max(x.set_at) FROM answers x JOIN sheets s ON s.id = x.sheet_id
            WHERE s.call_id = calls.id AND s.rater_id = calls.auditor_id AND s.kind = 'rater'))
    WHERE status IN ('to_call', 'in_progress');

-- An answer set on the caller's own sheet of a running call is the caller's activity.
CREATE TRIGGER answers_insert_activity AFTER INSERT ON answers
BEGIN
    UPDATE calls SET last_activity_at = NEW.set_at WHERE id = (SELECT c.id FROM sheets s
        JOIN calls c ON c.id = s.call_id AND c.auditor_id = s.rater_id
        WHERE s.id = NEW.sheet_id AND s.kind = 'rater' AND c.status IN ('to_call', 'in_progress'));
END;
CREATE TRIGGER answers_update_activity AFTER UPDATE ON answers
BEGIN
    UPDATE calls SET last_activity_at = NEW.set_at WHERE id = (SELECT c.id FROM sheets s
        JOIN calls c ON c.id = s.call_id AND c.auditor_id = s.rater_id
        WHERE s.id = NEW.sheet_id AND s.kind = 'rater' AND c.status IN ('to_call', 'in_progress'));
END;
