//! The demo club's sales funnel: calls until someone answers, a tour or a
//! trial lesson, the follow-up, a closing call. Open prospects stand on a
//! step that fits their status, some with a little history. Its own
//! deterministic generator, so the rest of the demo does not shift.

use chrono::{DateTime, Duration, Utc};
use sqlx::{Sqlite, Transaction};

use frontdesk_core::sales::is_closed_status;
use frontdesk_core::splitmix::SplitMix64;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    FirstCall,
    SecondCall,
    LastCall,
    AfterTour,
    AfterTrial,
    Closing,
}

const STEPS: [(Step, [&str; 3]); 6] = [
    (
        Step::FirstCall,
        ["Eerste gesprek", "Premier appel", "First call"],
    ),
    (
        Step::SecondCall,
        ["Tweede belpoging", "Deuxième appel", "Second call"],
    ),
    (
        Step::LastCall,
        ["Laatste belpoging", "Dernier appel", "Last call attempt"],
    ),
    (
        Step::AfterTour,
        [
            "Opvolging na rondleiding",
            "Suivi après la visite",
            "After the tour",
        ],
    ),
    (
        Step::AfterTrial,
        [
            "Opvolging na proefles",
            "Suivi après l'essai",
            "After the trial lesson",
        ],
    ),
    (
        Step::Closing,
        ["Afsluitend gesprek", "Appel de conclusion", "Closing call"],
    ),
];

#[derive(Clone, Copy)]
enum Action {
    None,
    Book(&'static str),
    Close,
}

/// (labels nl/fr/en, action, next step, status to set, call back in days)
type ResultSpec = (
    [&'static str; 3],
    Action,
    Option<Step>,
    Option<&'static str>,
    Option<i64>,
);

const TOUR: &str = "Club tour";
const TRIAL: &str = "Trial lesson";

const BOOK_TOUR: [&str; 3] = [
    "Afspraak maken voor rondleiding",
    "Prendre rendez-vous pour une visite",
    "Book a tour",
];
const BOOK_TRIAL: [&str; 3] = [
    "Afspraak maken voor proefles",
    "Prendre rendez-vous pour une séance d'essai",
    "Book a trial lesson",
];
const NO_ANSWER: [&str; 3] = ["Geen gehoor", "Pas de réponse", "No answer"];
const CALL_BACK: [&str; 3] = [
    "Klant later terugbellen",
    "Rappeler plus tard",
    "Call back later",
];
const MOVE_CALL: [&str; 3] = ["Belmoment verplaatsen", "Déplacer l'appel", "Move the call"];
const NOT_INTERESTED: [&str; 3] = [
    "Klant heeft geen interesse",
    "Pas intéressé",
    "Not interested",
];
const UNREACHABLE: [&str; 3] = [
    "Klant niet te bereiken, verkoopproces afronden",
    "Injoignable, clôturer la vente",
    "Unreachable, close",
];
const SIGNED_UP: [&str; 3] = ["Lid geworden", "Inscrit comme membre", "Signed up"];
const THINKING: [&str; 3] = ["Wil nadenken", "Veut réfléchir", "Wants to think it over"];

/// A call step in Clubplanner's shape; `no_answer` is where "no answer" leads.
fn call_results(this: Step, no_answer: Option<Step>) -> Vec<ResultSpec> {
    vec![
        (
            BOOK_TOUR,
            Action::Book(TOUR),
            Some(Step::AfterTour),
            Some("tour_booked"),
            None,
        ),
        (
            BOOK_TRIAL,
            Action::Book(TRIAL),
            Some(Step::AfterTrial),
            Some("trial"),
            None,
        ),
        match no_answer {
            Some(next) => (NO_ANSWER, Action::None, Some(next), None, Some(1)),
            None => (NO_ANSWER, Action::Close, None, None, None),
        },
        (
            CALL_BACK,
            Action::None,
            Some(this),
            Some("contacted"),
            Some(3),
        ),
        (MOVE_CALL, Action::None, Some(this), None, Some(1)),
        (
            NOT_INTERESTED,
            Action::Close,
            None,
            Some("not_interested"),
            None,
        ),
        (UNREACHABLE, Action::Close, None, None, None),
    ]
}

fn results(step: Step) -> Vec<ResultSpec> {
    let signed_up = (SIGNED_UP, Action::Close, None, Some("member"), None);
    let not_interested = (
        NOT_INTERESTED,
        Action::Close,
        None,
        Some("not_interested"),
        None,
    );
    match step {
        Step::FirstCall => call_results(step, Some(Step::SecondCall)),
        Step::SecondCall => call_results(step, Some(Step::LastCall)),
        Step::LastCall => call_results(step, None),
        Step::AfterTour => vec![
            (
                BOOK_TRIAL,
                Action::Book(TRIAL),
                Some(Step::AfterTrial),
                Some("trial"),
                None,
            ),
            signed_up,
            (
                THINKING,
                Action::None,
                Some(Step::Closing),
                Some("contacted"),
                Some(3),
            ),
            (NO_ANSWER, Action::None, Some(step), None, Some(1)),
            not_interested,
        ],
        Step::AfterTrial => vec![
            signed_up,
            (
                THINKING,
                Action::None,
                Some(Step::Closing),
                Some("contacted"),
                Some(3),
            ),
            (NO_ANSWER, Action::None, Some(step), None, Some(1)),
            not_interested,
        ],
        Step::Closing => vec![
            signed_up,
            (
                BOOK_TRIAL,
                Action::Book(TRIAL),
                Some(Step::AfterTrial),
                Some("trial"),
                None,
            ),
            (NO_ANSWER, Action::None, Some(step), None, Some(2)),
            not_interested,
        ],
    }
}

const NOTES: &[&str] = &[
    "",
    "",
    "Left a voicemail.",
    "Prefers evenings after 18:00.",
    "Asked about student prices.",
    "<b>Call</b> on the mobile, not at work.",
];

struct Plan {
    steps: Vec<(Step, i64)>,
    /// (step, labels' English text) → result id
    results: Vec<(Step, &'static str, i64)>,
}

impl Plan {
    fn step(&self, step: Step) -> i64 {
        self.steps
            .iter()
            .find(|(s, _)| *s == step)
            .expect("seeded")
            .1
    }
    fn result(&self, step: Step, labels: [&str; 3]) -> i64 {
        self.results
            .iter()
            .find(|(s, en, _)| *s == step && *en == labels[2])
            .expect("seeded")
            .2
    }
}

pub async fn seed(tx: &mut Transaction<'_, Sqlite>, staff: &[i64]) -> sqlx::Result<()> {
    let plan = plan(tx).await?;
    let mut rng = SplitMix64(0x5A1E_5F07_2026);
    let prospects: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, status, created_at FROM prospects ORDER BY id")
            .fetch_all(&mut **tx)
            .await?;
    let now = Utc::now();
    for (id, status, created) in prospects {
        let created = DateTime::parse_from_rfc3339(&created)
            .map(|c| c.with_timezone(&Utc))
            .unwrap_or(now);
        // (step, result) pairs already behind the prospect, oldest first.
        let (current, behind): (Option<Step>, Vec<(Step, [&str; 3])>) = match status.as_str() {
            "contacted" if rng.below(2) == 0 => {
                (Some(Step::SecondCall), vec![(Step::FirstCall, NO_ANSWER)])
            }
            "contacted" => (
                Some(Step::Closing),
                vec![(Step::FirstCall, BOOK_TOUR), (Step::AfterTour, THINKING)],
            ),
            "tour_booked" => (Some(Step::AfterTour), vec![(Step::FirstCall, BOOK_TOUR)]),
            "trial" => (Some(Step::AfterTrial), vec![(Step::FirstCall, BOOK_TRIAL)]),
            "member" => (
                None,
                vec![(Step::FirstCall, BOOK_TRIAL), (Step::AfterTrial, SIGNED_UP)],
            ),
            s if is_closed_status(s) => (None, vec![(Step::FirstCall, NOT_INTERESTED)]),
            _ => (Some(Step::FirstCall), Vec::new()),
        };
        for (n, (step, labels)) in behind.into_iter().enumerate() {
            let at = (created + Duration::hours(20 * (n as i64 + 1))).min(now);
            sqlx::query(
                "INSERT INTO sales_history (prospect_id, step_id, result_id, employee_id, note, created_at) \
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(plan.step(step))
            .bind(plan.result(step, labels))
            .bind(staff[rng.below(staff.len() as u64) as usize])
            .bind(NOTES[rng.below(NOTES.len() as u64) as usize])
            .bind(super::agenda::rfc3339(at))
            .execute(&mut **tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO prospect_sales (prospect_id, step_id, updated_at) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(current.map(|s| plan.step(s)))
        .bind(super::agenda::rfc3339(now))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn plan(tx: &mut Transaction<'_, Sqlite>) -> sqlx::Result<Plan> {
    let mut steps = Vec::new();
    for (position, (step, [nl, fr, en])) in STEPS.into_iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sales_steps (position, name_nl, name_fr, name_en) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(position as i64 + 1)
        .bind(nl)
        .bind(fr)
        .bind(en)
        .fetch_one(&mut **tx)
        .await?;
        steps.push((step, id));
    }
    let mut plan = Plan {
        steps,
        results: Vec::new(),
    };
    for (step, _) in STEPS {
        for (position, ([nl, fr, en], action, next, status, callback)) in
            results(step).into_iter().enumerate()
        {
            let (action, type_id) = match action {
                Action::None => ("none", None),
                Action::Close => ("close", None),
                Action::Book(type_name) => {
                    let id: i64 = sqlx::query_scalar(
                        "SELECT id FROM appointment_types WHERE name = ? ORDER BY id LIMIT 1",
                    )
                    .bind(type_name)
                    .fetch_one(&mut **tx)
                    .await?;
                    ("book", Some(id))
                }
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO sales_results (step_id, position, label_nl, label_fr, label_en, action, \
                 appointment_type_id, next_step_id, set_status, callback_days) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(plan.step(step))
            .bind(position as i64 + 1)
            .bind(nl)
            .bind(fr)
            .bind(en)
            .bind(action)
            .bind(type_id)
            .bind(next.map(|s| plan.step(s)))
            .bind(status)
            .bind(callback)
            .fetch_one(&mut **tx)
            .await?;
            plan.results.push((step, en, id));
        }
    }
    Ok(plan)
}
