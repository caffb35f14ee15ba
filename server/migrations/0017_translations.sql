-- A club's own words in nl, fr and en (issue #21, "content in the visitor's
-- language"): beside each base text, a JSON object of the languages the club
-- translated it into (core::localized::Localized), `{}` for none. The base
-- stays what vendors send and what shows where a language has no text.

-- {"name": {"nl": …, "fr": …, "en": …}, "description": {…}}
ALTER TABLE appointment_types ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
-- {"nl": …, "fr": …, "en": …} of the question's label.
ALTER TABLE form_fields ADD COLUMN labels TEXT NOT NULL DEFAULT '{}';
-- The same, of a stage's name and a won or lost reason's.
ALTER TABLE stages ADD COLUMN labels TEXT NOT NULL DEFAULT '{}';
ALTER TABLE close_reasons ADD COLUMN labels TEXT NOT NULL DEFAULT '{}';
