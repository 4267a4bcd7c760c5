-- A withdrawal names a person by role and id (one column for two tables, so no plain foreign
-- key): these triggers do a foreign key's work. A withdrawal can only be of a person of its
-- own edition, and goes with the person. (Withdrawals are inserted, never moved to another
-- person or edition: only their reason and date are updated.)
DELETE FROM withdrawal
WHERE (role = 'student' AND NOT EXISTS (
          SELECT 1 FROM student s WHERE s.id = withdrawal.person_id AND s.edition_id = withdrawal.edition_id))
   OR (role = 'ambassador' AND NOT EXISTS (
          SELECT 1 FROM ambassador a WHERE a.id = withdrawal.person_id AND a.edition_id = withdrawal.edition_id));

CREATE TRIGGER withdrawal_person_in_edition BEFORE INSERT ON withdrawal
WHEN (NEW.role = 'student' AND NOT EXISTS (
          SELECT 1 FROM student WHERE id = NEW.person_id AND edition_id = NEW.edition_id))
  OR (NEW.role = 'ambassador' AND NOT EXISTS (
          SELECT 1 FROM ambassador WHERE id = NEW.person_id AND edition_id = NEW.edition_id))
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed');
END;

CREATE TRIGGER student_withdrawal_goes_with_them AFTER DELETE ON student
BEGIN
    DELETE FROM withdrawal WHERE role = 'student' AND person_id = OLD.id;
END;

CREATE TRIGGER ambassador_withdrawal_goes_with_them AFTER DELETE ON ambassador
BEGIN
    DELETE FROM withdrawal WHERE role = 'ambassador' AND person_id = OLD.id;
END;
