-- Schema version 9: the notification log. One row per message to one person, drafted or sent:
-- what it said (its kind and the partners it named), how (a draft file or SMTP), its stable
-- Message-ID, and the server's answer. Whether a person is « notifié » follows from it.
CREATE TABLE notification (
    id          INTEGER PRIMARY KEY,
    edition_id  INTEGER NOT NULL REFERENCES edition (id) ON DELETE CASCADE,
    -- The wave it belongs to (its name is also its drafts' folder).
    wave        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('student', 'ambassador')),
    person_id   INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('new_pair', 'change', 'cancellation', 'no_pair',
                                              'no_student', 'reminder', 'thanks')),
    -- JSON array of the partners' ids the message named (ambassadors for a student, students
    -- for an ambassador): what the person was told.
    partners    TEXT NOT NULL DEFAULT '[]',
    -- JSON array of every person of the other role the text names (the partners, and the
    -- former ones a change or a cancellation names): erasing one of them erases these lines.
    mentions    TEXT NOT NULL DEFAULT '[]',
    means       TEXT NOT NULL CHECK (means IN ('draft', 'smtp')),
    message_id  TEXT NOT NULL UNIQUE,
    email       TEXT,
    subject     TEXT NOT NULL,
    -- The text as composed: what the person was told, and what a resumed send sends again.
    body        TEXT NOT NULL,
    -- queued: composed, to be sent; drafted: a draft file written; sending: handed to the server, no answer yet (a crash
    -- there leaves it uncertain: never sent again without the organiser); sent: accepted (or a
    -- draft the organiser says was sent); refused: a permanent refusal; failed: not accepted,
    -- to try again.
    state       TEXT NOT NULL CHECK (state IN ('queued', 'drafted', 'sending', 'sent', 'refused', 'failed')),
    reply       TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX notification_edition ON notification (edition_id);
CREATE INDEX notification_person ON notification (role, person_id);

-- A person named by role and id (no plain foreign key): their log goes with them, and so do the
-- messages to others that name them, so erasing a person on request leaves no text of theirs.
CREATE TRIGGER student_notifications_go_with_them AFTER DELETE ON student
BEGIN
    DELETE FROM notification WHERE role = 'student' AND person_id = OLD.id;
    DELETE FROM notification WHERE role = 'ambassador'
        AND EXISTS (SELECT 1 FROM json_each(notification.mentions) WHERE value = OLD.id);
END;

CREATE TRIGGER ambassador_notifications_go_with_them AFTER DELETE ON ambassador
BEGIN
    DELETE FROM notification WHERE role = 'ambassador' AND person_id = OLD.id;
    DELETE FROM notification WHERE role = 'student'
        AND EXISTS (SELECT 1 FROM json_each(notification.mentions) WHERE value = OLD.id);
END;

-- The SMTP settings (no password: that one is in the operating system's credential store),
-- and whether the final « pas de binôme » messages are owed.
ALTER TABLE edition ADD COLUMN sending TEXT;
