-- Phone numbers on Frontdesk's own store become E.164 (issue #21), as the
-- API now writes them: separators go; a national number (one leading 0)
-- is read as Belgian, the country every club had until the setting
-- existed. A vendor's numbers (vendor IS NOT NULL) stay as the vendor
-- wrote them. Anything that does not come out as + and 8 to 15 digits is
-- left as it was, for a person to see and correct.
UPDATE prospects SET mobile = e164 FROM (
    SELECT id AS pid,
           CASE WHEN d GLOB '00[1-9]*' THEN '+' || substr(d, 3)
                WHEN d GLOB '0[1-9]*' THEN '+32' || substr(d, 2)
                ELSE d END AS e164
    FROM (SELECT id, replace(replace(replace(replace(replace(replace(mobile, ' ', ''), '.', ''), '-', ''), '/', ''), '(', ''), ')', '') AS d
          FROM prospects WHERE vendor IS NULL AND mobile != '')
) WHERE prospects.id = pid AND e164 GLOB '+[1-9]*' AND substr(e164, 2) NOT GLOB '*[^0-9]*'
  AND length(e164) BETWEEN 9 AND 16;

UPDATE prospects SET phone = e164 FROM (
    SELECT id AS pid,
           CASE WHEN d GLOB '00[1-9]*' THEN '+' || substr(d, 3)
                WHEN d GLOB '0[1-9]*' THEN '+32' || substr(d, 2)
                ELSE d END AS e164
    FROM (SELECT id, replace(replace(replace(replace(replace(replace(phone, ' ', ''), '.', ''), '-', ''), '/', ''), '(', ''), ')', '') AS d
          FROM prospects WHERE vendor IS NULL AND phone != '')
) WHERE prospects.id = pid AND e164 GLOB '+[1-9]*' AND substr(e164, 2) NOT GLOB '*[^0-9]*'
  AND length(e164) BETWEEN 9 AND 16;
