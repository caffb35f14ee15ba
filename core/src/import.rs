//! CSV import of prospects: which fields a column can feed, and a first
//! guess of the mapping from the column's header, in the languages the
//! clubs' exports come in.

/// The columns of an export, which are also the fields an import can map.
pub const FIELDS: [&str; 19] = [
    "first_name",
    "last_name",
    "gender",
    "birth_date",
    "address",
    "zip",
    "city",
    "email",
    "mobile",
    "phone",
    "language",
    "source",
    "sub_source",
    "note",
    "owner_id",
    "tags",
    "status",
    "next_action",
    "next_action_due",
];

/// Header spellings seen in vendor and spreadsheet exports (compared after
/// dropping case, accents, spaces and punctuation).
const ALIASES: [(&str, &[&str]); 19] = [
    (
        "first_name",
        &["firstname", "voornaam", "prenom", "givenname", "first"],
    ),
    (
        "last_name",
        &[
            "lastname",
            "naam",
            "achternaam",
            "nom",
            "familyname",
            "surname",
            "name",
        ],
    ),
    ("gender", &["gender", "geslacht", "sexe", "sex"]),
    (
        "birth_date",
        &[
            "birthdate",
            "geboortedatum",
            "datedenaissance",
            "dateofbirth",
            "birthday",
            "dob",
        ],
    ),
    (
        "address",
        &["address", "adres", "adresse", "street", "straat", "rue"],
    ),
    (
        "zip",
        &["zip", "zipcode", "postcode", "postalcode", "codepostal"],
    ),
    (
        "city",
        &["city", "stad", "gemeente", "ville", "localite", "plaats"],
    ),
    ("email", &["email", "mail", "emailaddress", "courriel"]),
    (
        "mobile",
        &["mobile", "gsm", "mobiel", "cell", "cellphone", "portable"],
    ),
    ("phone", &["phone", "telefoon", "tel", "telephone", "tel1"]),
    ("language", &["language", "taal", "langue", "lang"]),
    ("source", &["source", "bron", "origine", "leadsource"]),
    ("sub_source", &["subsource", "subbron", "sousorigine"]),
    (
        "note",
        &[
            "note",
            "notes",
            "opmerking",
            "opmerkingen",
            "remarque",
            "comment",
            "comments",
        ],
    ),
    ("owner_id", &["ownerid", "owner", "eigenaar", "responsable"]),
    ("tags", &["tags", "tag", "labels", "etiketten"]),
    ("status", &["status", "statut"]),
    (
        "next_action",
        &["nextaction", "volgendeactie", "prochaineaction"],
    ),
    (
        "next_action_due",
        &["nextactiondue", "duedate", "vervaldatum", "echeance"],
    ),
];

/// The field a column with this header most likely holds.
pub fn guess(header: &str) -> Option<&'static str> {
    let key = crate::prospect_list::fold(header)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>();
    ALIASES
        .iter()
        .find(|(field, aliases)| key == field.replace('_', "") || aliases.contains(&key.as_str()))
        .map(|(field, _)| *field)
}

/// The separator of a CSV file: `;` (what spreadsheets write in Belgium and
/// France) when the header row has more of them than commas.
pub fn delimiter(csv: &str) -> u8 {
    let header = csv.lines().next().unwrap_or("");
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_fields_from_headers_in_three_languages() {
        assert_eq!(guess("First name"), Some("first_name"));
        assert_eq!(guess("Voornaam"), Some("first_name"));
        assert_eq!(guess("Prénom"), Some("first_name"));
        assert_eq!(guess("E-mail"), Some("email"));
        assert_eq!(guess("GSM"), Some("mobile"));
        assert_eq!(guess("Code postal"), Some("zip"));
        assert_eq!(guess("next_action_due"), Some("next_action_due"));
        assert_eq!(guess("Shoe size"), None);
        for field in FIELDS {
            assert_eq!(guess(field), Some(field), "an export's own header");
        }
    }

    #[test]
    fn finds_the_separator_outside_quotes() {
        assert_eq!(delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(delimiter("a,b,c"), b',');
        assert_eq!(delimiter("\"x;y;z\",b"), b',');
        assert_eq!(delimiter(""), b',');
    }
}
