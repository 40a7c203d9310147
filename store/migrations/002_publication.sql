-- Publication: every rendering of a round's bulletin as published, with its SHA-256, and the
-- history of the rectification notices.

ALTER TABLE publications ADD COLUMN deadline TEXT;

CREATE TABLE publication_texts (
    round_id INTEGER NOT NULL REFERENCES rounds(id),
    lang     TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
    format   TEXT NOT NULL CHECK (format IN ('text', 'md')),
    body     TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    PRIMARY KEY (round_id, lang, format)
) WITHOUT ROWID;

ALTER TABLE notices ADD COLUMN number TEXT NOT NULL DEFAULT '';
ALTER TABLE notices ADD COLUMN reported_at TEXT;
ALTER TABLE notices ADD COLUMN verified_at TEXT;

CREATE TABLE notice_events (
    id        INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    at        TEXT NOT NULL,
    by        TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('issue', 'report', 'verify', 'extend')),
    detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notice_events_notice ON notice_events(notice_id);
CREATE INDEX notices_office ON notices(office_id);

-- What was published stands: the stored bulletin never changes.
CREATE TRIGGER publication_texts_immutable BEFORE UPDATE ON publication_texts
BEGIN
    SELECT RAISE(ABORT, 'immutable: a published bulletin cannot be changed');
END;
CREATE TRIGGER publication_texts_no_delete BEFORE DELETE ON publication_texts
BEGIN
    SELECT RAISE(ABORT, 'immutable: a published bulletin cannot be deleted');
END;
CREATE TRIGGER publications_immutable BEFORE UPDATE ON publications
BEGIN
    SELECT RAISE(ABORT, 'immutable: a publication cannot be changed');
END;
-- A published round takes no more imports, plans or calls.
CREATE TRIGGER calls_published_round BEFORE INSERT ON calls
WHEN (SELECT status FROM rounds WHERE id = NEW.round_id) = 'published'
BEGIN
    SELECT RAISE(ABORT, 'immutable: a published round takes no new calls or results');
END;
