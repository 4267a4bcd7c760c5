-- Schema version 10: what the window remembers between sessions, kept with the data (#18) rather
-- than in the web view's storage (which another data folder's edition of the same number read).

-- The season figures the organiser memorised on the dashboard (« Mémoriser ces chiffres »), JSON
-- typed by `actions::suggest::RememberedFigures` (NULL: none). Counts only, no personal data.
ALTER TABLE edition ADD COLUMN season_figures TEXT;

-- When the edition was last opened in the window and left open (NULL once the organiser went
-- back to the list): the window reopens the latest at start.
ALTER TABLE edition ADD COLUMN opened_at TEXT;
