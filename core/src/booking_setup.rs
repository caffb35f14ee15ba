//! The booking setup's rules (issue #21): an appointment type and a coach
//! or room as an owner or a manager sets them up. The Settings form runs
//! the same check before sending and the server again before storing, so
//! the form refuses what the server would, naming the same fields
//! (`duration_min`, `questions[1].label`).

use crate::model::{AppointmentTypeInput, QuestionInput, ResourceInput};
use crate::slots::Scheduling;
use crate::validate::{FieldError, FieldErrors, MAX_TEXT_LEN, required};

/// The longest appointment: a whole day. Longer is a typo (hours typed as
/// minutes), not an appointment.
pub const MAX_DURATION_MIN: i64 = 24 * 60;
/// The longest gap kept after a booking: a day as well.
pub const MAX_BUFFER_MIN: i64 = 24 * 60;
/// The furthest notice: 90 days.
pub const MAX_NOTICE_MIN: i64 = 90 * 24 * 60;
/// The furthest horizon: two years (the widget walks at most that far).
pub const MAX_AHEAD_MIN: i64 = 2 * 366 * 24 * 60;
/// The most persons at a time per coach or room.
pub const MAX_CAPACITY: i64 = 500;
/// The highest price: ten thousand in the club's currency.
pub const MAX_PRICE_CENTS: i64 = 1_000_000;
/// The most questions a type asks: a booking is not a survey.
pub const MAX_QUESTIONS: usize = 20;
/// The longest description the widget shows under the type's name.
pub const MAX_DESCRIPTION_LEN: usize = 2000;
/// The longest question key (the name of the answer in a booking).
pub const MAX_KEY_LEN: usize = 40;
/// The kinds a coach or room can be.
pub const RESOURCE_KINDS: [&str; 2] = ["coach", "room"];

/// The field of question `i`: `questions[1].label`.
pub fn question_field(i: usize, name: &str) -> String {
    format!("questions[{i}].{name}")
}

/// Checks an appointment type whole and names every field that is wrong.
/// Whether each resource is one of the agenda's is the server's part (it
/// names `resource_ids[i]`).
pub fn check_type(input: &AppointmentTypeInput) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let mut check = |field: &str, result: Result<(), FieldError>| {
        if let Err(e) = result {
            errors.insert(field.to_owned(), e);
        }
    };
    check("name", required(&input.name));
    if input.description.chars().count() > MAX_DESCRIPTION_LEN {
        check("description", Err(FieldError::TooLong));
    }
    for lang in input.names.too_long(MAX_TEXT_LEN) {
        check(&format!("names.{lang}"), Err(FieldError::TooLong));
    }
    for lang in input.descriptions.too_long(MAX_DESCRIPTION_LEN) {
        check(&format!("descriptions.{lang}"), Err(FieldError::TooLong));
    }
    check(
        "duration_min",
        within(input.duration_min, 1, MAX_DURATION_MIN),
    );
    check("buffer_min", within(input.buffer_min, 0, MAX_BUFFER_MIN));
    check(
        "min_notice_min",
        within(input.min_notice_min, 0, MAX_NOTICE_MIN),
    );
    check(
        "max_ahead_min",
        within(input.max_ahead_min, 0, MAX_AHEAD_MIN),
    );
    // A horizon nearer than the notice leaves nothing to book.
    if input.max_ahead_min > 0
        && input.min_notice_min >= 0
        && input.max_ahead_min <= input.min_notice_min
    {
        check("max_ahead_min", Err(FieldError::NotAllowed));
    }
    let max_capacity = match input.scheduling {
        Scheduling::Resource => 1,
        Scheduling::Capacity => MAX_CAPACITY,
    };
    check("capacity", within(input.capacity, 1, max_capacity));
    check("price_cents", within(input.price_cents, 0, MAX_PRICE_CENTS));
    if input.resource_ids.is_empty() {
        check("resource_ids", Err(FieldError::Required));
    }
    for (i, r) in input.resource_ids.iter().enumerate() {
        if r.trim().is_empty() || input.resource_ids[..i].contains(r) {
            check(&format!("resource_ids[{i}]"), Err(FieldError::NotAllowed));
        }
    }
    if input.questions.len() > MAX_QUESTIONS {
        check("questions", Err(FieldError::TooMany));
    }
    let keys = question_keys(&input.questions);
    for (i, q) in input.questions.iter().enumerate() {
        check(&question_field(i, "label"), required(&q.label));
        for lang in q.labels.too_long(MAX_TEXT_LEN) {
            check(
                &question_field(i, &format!("labels.{lang}")),
                Err(FieldError::TooLong),
            );
        }
        if let Some(key) = &q.key {
            check(&question_field(i, "key"), question_key(key));
        }
        if keys[..i].contains(&keys[i]) {
            check(&question_field(i, "key"), Err(FieldError::Taken));
        }
    }
    errors
}

/// A coach or a room: a name, and one of [`RESOURCE_KINDS`].
pub fn check_resource(input: &ResourceInput) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if let Err(e) = required(&input.name) {
        errors.insert("name".into(), e);
    }
    if !RESOURCE_KINDS.contains(&input.kind.as_str()) {
        errors.insert("kind".into(), FieldError::NotAllowed);
    }
    errors
}

fn within(value: i64, min: i64, max: i64) -> Result<(), FieldError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(FieldError::NotAllowed)
    }
}

/// A key given by hand: lowercase letters, digits, `_` and `-` (it names
/// an answer in a booking's JSON and in the widget's field ids).
pub fn question_key(key: &str) -> Result<(), FieldError> {
    if key.is_empty() {
        Err(FieldError::Required)
    } else if key.len() > MAX_KEY_LEN {
        Err(FieldError::TooLong)
    } else if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
    {
        Ok(())
    } else {
        Err(FieldError::NotAllowed)
    }
}

/// The key each question's answer is stored under: its own, or one made
/// from its label (`"Your goal?"` → `your_goal`), made unique among the
/// questions before it with `_2`, `_3`… An earlier question's given key
/// wins over a made one; two given keys alike stay alike (and
/// [`check_type`] refuses them).
pub fn question_keys(questions: &[QuestionInput]) -> Vec<String> {
    let given: Vec<&str> = questions.iter().filter_map(|q| q.key.as_deref()).collect();
    let mut keys: Vec<String> = Vec::with_capacity(questions.len());
    for q in questions {
        if let Some(k) = &q.key {
            keys.push(k.clone());
            continue;
        }
        let base = slug(&q.label);
        let mut key = base.clone();
        let mut n = 2;
        while keys.contains(&key) || given.contains(&key.as_str()) {
            key = format!("{base}_{n}");
            n += 1;
        }
        keys.push(key);
    }
    keys
}

/// A label as a key: ASCII letters and digits lowercased, anything else
/// one `_`, at most [`MAX_KEY_LEN`] bytes (accents dropped, not
/// transliterated: the key is never shown); `question` when nothing is left.
fn slug(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    // Room for a `_NN` suffix.
    out.truncate(MAX_KEY_LEN - 4);
    let out = out.trim_end_matches('_');
    if out.is_empty() {
        "question".to_owned()
    } else {
        out.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FormFieldKind, Localized};
    use proptest::prelude::*;

    fn question(label: &str) -> QuestionInput {
        QuestionInput {
            key: None,
            label: label.into(),
            labels: Localized::default(),
            kind: FormFieldKind::Text,
            required: false,
        }
    }

    fn valid() -> AppointmentTypeInput {
        AppointmentTypeInput {
            name: "Trial lesson".into(),
            description: String::new(),
            names: Localized {
                nl: "Proefles".into(),
                ..Localized::default()
            },
            descriptions: Localized::default(),
            duration_min: 60,
            buffer_min: 15,
            min_notice_min: 120,
            max_ahead_min: 43_200,
            scheduling: Scheduling::Resource,
            capacity: 1,
            price_cents: 0,
            resource_ids: vec!["1".into()],
            questions: vec![question("Your goal?")],
        }
    }

    #[test]
    fn a_named_type_with_a_coach_passes() {
        assert_eq!(check_type(&valid()), FieldErrors::new());
        let mut group = valid();
        group.scheduling = Scheduling::Capacity;
        group.capacity = 12;
        assert_eq!(check_type(&group), FieldErrors::new());
    }

    #[test]
    fn every_rule_names_its_field() {
        type Case = (fn(&mut AppointmentTypeInput), &'static str, FieldError);
        let cases: Vec<Case> = vec![
            (|t| t.name = " ".into(), "name", FieldError::Required),
            (|t| t.name = "x".repeat(256), "name", FieldError::TooLong),
            (
                |t| t.names.fr = "x".repeat(256),
                "names.fr",
                FieldError::TooLong,
            ),
            (
                |t| t.descriptions.nl = "x".repeat(2001),
                "descriptions.nl",
                FieldError::TooLong,
            ),
            (
                |t| t.questions[0].labels.en = "x".repeat(256),
                "questions[0].labels.en",
                FieldError::TooLong,
            ),
            (
                |t| t.description = "x".repeat(2001),
                "description",
                FieldError::TooLong,
            ),
            (
                |t| t.duration_min = 0,
                "duration_min",
                FieldError::NotAllowed,
            ),
            (
                |t| t.duration_min = MAX_DURATION_MIN + 1,
                "duration_min",
                FieldError::NotAllowed,
            ),
            (|t| t.buffer_min = -1, "buffer_min", FieldError::NotAllowed),
            (
                |t| t.min_notice_min = -5,
                "min_notice_min",
                FieldError::NotAllowed,
            ),
            (
                |t| t.max_ahead_min = MAX_AHEAD_MIN + 1,
                "max_ahead_min",
                FieldError::NotAllowed,
            ),
            (
                |t| t.max_ahead_min = 60,
                "max_ahead_min",
                FieldError::NotAllowed,
            ),
            (|t| t.capacity = 0, "capacity", FieldError::NotAllowed),
            (|t| t.capacity = 2, "capacity", FieldError::NotAllowed),
            (
                |t| t.price_cents = -1,
                "price_cents",
                FieldError::NotAllowed,
            ),
            (
                |t| t.resource_ids.clear(),
                "resource_ids",
                FieldError::Required,
            ),
            (
                |t| t.resource_ids.push("1".into()),
                "resource_ids[1]",
                FieldError::NotAllowed,
            ),
            (
                |t| t.questions[0].label = "".into(),
                "questions[0].label",
                FieldError::Required,
            ),
            (
                |t| t.questions.push(question(&"x".repeat(256))),
                "questions[1].label",
                FieldError::TooLong,
            ),
            (
                |t| t.questions[0].key = Some("Your Goal".into()),
                "questions[0].key",
                FieldError::NotAllowed,
            ),
            (
                |t| {
                    t.questions[0].key = Some("goal".into());
                    t.questions.push(QuestionInput {
                        key: Some("goal".into()),
                        ..question("Goal again")
                    });
                },
                "questions[1].key",
                FieldError::Taken,
            ),
            (
                |t| t.questions = (0..21).map(|i| question(&i.to_string())).collect(),
                "questions",
                FieldError::TooMany,
            ),
        ];
        for (change, field, error) in cases {
            let mut t = valid();
            change(&mut t);
            let errors = check_type(&t);
            assert_eq!(errors.get(field), Some(&error), "{field}: {errors:?}");
            assert_eq!(errors.len(), 1, "{field}: {errors:?}");
        }
    }

    #[test]
    fn no_horizon_takes_any_notice() {
        let mut t = valid();
        t.max_ahead_min = 0;
        t.min_notice_min = MAX_NOTICE_MIN;
        assert_eq!(check_type(&t), FieldErrors::new());
    }

    #[test]
    fn a_resource_is_a_named_coach_or_room() {
        let ok = |name: &str, kind: &str| {
            check_resource(&ResourceInput {
                name: name.into(),
                kind: kind.into(),
            })
        };
        assert!(ok("Coach Kim", "coach").is_empty());
        assert!(ok("Studio 2", "room").is_empty());
        assert_eq!(ok(" ", "room").get("name"), Some(&FieldError::Required));
        assert_eq!(
            ok("Kim", "teacher").get("kind"),
            Some(&FieldError::NotAllowed)
        );
    }

    #[test]
    fn keys_are_made_from_labels_and_kept_when_given() {
        let qs = vec![
            question("Your goal?"),
            question("Your goal!"),
            QuestionInput {
                key: Some("your_goal_2".into()),
                ..question("Renamed")
            },
            question("Ça va ?"),
            question("???"),
        ];
        assert_eq!(
            question_keys(&qs),
            [
                "your_goal",
                "your_goal_3",
                "your_goal_2",
                "a_va",
                "question"
            ]
        );
        let mut t = valid();
        t.questions = qs;
        assert_eq!(check_type(&t), FieldErrors::new());
    }

    fn any_input() -> impl Strategy<Value = AppointmentTypeInput> {
        let question = (
            proptest::option::of("[a-z_]{0,45}"),
            ".{0,40}",
            prop_oneof![
                Just(FormFieldKind::Text),
                Just(FormFieldKind::Textarea),
                Just(FormFieldKind::Checkbox)
            ],
            any::<bool>(),
        )
            .prop_map(|(key, label, kind, required)| QuestionInput {
                key,
                labels: Localized {
                    fr: label.repeat(8),
                    ..Localized::default()
                },
                label,
                kind,
                required,
            });
        (
            ".{0,30}",
            (any::<i64>(), -10i64..2000, any::<i64>(), -10i64..2_000_000),
            (any::<bool>(), -5i64..600, any::<i64>()),
            proptest::collection::vec("[0-9 ]{0,3}", 0..4),
            proptest::collection::vec(question, 0..25),
        )
            .prop_map(
                |(name, (duration, buffer, notice, ahead), (group, capacity, price), rs, qs)| {
                    AppointmentTypeInput {
                        names: Localized {
                            nl: name.repeat(10),
                            ..Localized::default()
                        },
                        name,
                        description: String::new(),
                        descriptions: Localized::default(),
                        duration_min: duration,
                        buffer_min: buffer,
                        min_notice_min: notice,
                        max_ahead_min: ahead,
                        scheduling: if group {
                            Scheduling::Capacity
                        } else {
                            Scheduling::Resource
                        },
                        capacity,
                        price_cents: price,
                        resource_ids: rs,
                        questions: qs,
                    }
                },
            )
    }

    /// The fields a form can show an error beside.
    fn known_field(field: &str) -> bool {
        const TOP: [&str; 14] = [
            "name",
            "description",
            "names.nl",
            "names.fr",
            "names.en",
            "duration_min",
            "buffer_min",
            "min_notice_min",
            "max_ahead_min",
            "capacity",
            "price_cents",
            "resource_ids",
            "questions",
            "scheduling",
        ];
        TOP.contains(&field)
            || field
                .strip_prefix("resource_ids[")
                .and_then(|r| r.strip_suffix(']'))
                .is_some_and(|n| n.parse::<usize>().is_ok())
            || field
                .strip_prefix("questions[")
                .and_then(|r| r.split_once("]."))
                .is_some_and(|(n, f)| {
                    n.parse::<usize>().is_ok()
                        && ["label", "key", "labels.nl", "labels.fr", "labels.en"].contains(&f)
                })
    }

    proptest! {
        /// Any input: no panic, every error on a field the form has, and
        /// an input without errors is one the slot engine can run
        /// (positive duration, capacity at least one, a coach or room).
        #[test]
        fn any_input_is_answered_by_field(t in any_input()) {
            let errors = check_type(&t);
            for field in errors.keys() {
                prop_assert!(known_field(field), "{field}");
            }
            if errors.is_empty() {
                prop_assert!(t.duration_min >= 1 && t.capacity >= 1);
                prop_assert!(!t.resource_ids.is_empty());
                prop_assert!(u32::try_from(t.max_ahead_min).is_ok());
                prop_assert!(t.questions.iter().all(|q| !q.label.trim().is_empty()));
            }
        }

        /// Made keys are valid keys, one per question, all different
        /// unless two were given alike.
        #[test]
        fn made_keys_are_unique_and_valid(labels in proptest::collection::vec(".{0,60}", 0..25)) {
            let qs: Vec<QuestionInput> = labels.iter().map(|l| question(l)).collect();
            let keys = question_keys(&qs);
            prop_assert_eq!(keys.len(), qs.len());
            for (i, k) in keys.iter().enumerate() {
                prop_assert_eq!(question_key(k), Ok(()), "{}", k);
                prop_assert!(!keys[..i].contains(k), "{} twice", k);
            }
        }
    }
}
