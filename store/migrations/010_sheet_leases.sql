-- One live editor per score sheet (issue 14): the session that has a rater's sheet of a call open
-- holds its lease; every write on the sheet (its answers, the submit, the abandon) and, for the
-- caller's sheet, on the call's own record (timer, dials, seconds, who answered, notes, recording)
-- checks in its transaction that no other live session holds it. A lease is live while its
-- session's tick renews the heartbeat; it expires a few seconds after the last one, so a crashed
-- session never locks its own sheet.
--
-- A lease is keyed by call and rater rather than by sheet: the caller dials before any answer
-- makes the draft, and the lease holds from the moment the call is opened.
--
-- Leases are not evidence: who had a sheet open, where and since when says nothing about a call's
-- result. They are not in the ledger, verify does not rebuild them, and a row may be deleted at any
-- time (a session that ends deletes its own). Hence no foreign keys either: a lease is a live note
-- beside the records, not one of them.

CREATE TABLE sheet_leases (
    call_id   INTEGER NOT NULL,
    rater_id  INTEGER NOT NULL,
    session   TEXT NOT NULL,            -- the holding session's random id
    ssh       INTEGER NOT NULL DEFAULT 0 CHECK (ssh IN (0, 1)), -- where it runs: an SSH session, else a terminal
    host      TEXT NOT NULL DEFAULT '', -- the machine of the process
    pid       INTEGER NOT NULL DEFAULT 0, -- the process (the server's, for SSH)
    tty       TEXT NOT NULL DEFAULT '', -- a terminal: its device
    remote    TEXT NOT NULL DEFAULT '', -- SSH: the client's address
    login     TEXT NOT NULL DEFAULT '', -- SSH: the user the client logged in as
    since     TEXT NOT NULL,            -- when the session took the lease
    heartbeat TEXT NOT NULL,            -- its last heartbeat
    PRIMARY KEY (call_id, rater_id)
) WITHOUT ROWID;
CREATE INDEX sheet_leases_session ON sheet_leases(session);
