-- Schema version 11: the study levels an ambassador would rather host (#16), a soft criterion of
-- the suggestion. JSON array of levels as the import writes them ("Bac+3", "Bac+4"); '[]': no
-- preference.
ALTER TABLE ambassador ADD COLUMN preferred_levels TEXT NOT NULL DEFAULT '[]';
