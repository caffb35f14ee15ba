//! A handful of line icons drawn inline as SVG, in the text's colour
//! (`currentColor`, style/base.css `.icon`), so they follow the theme and a
//! club's colours, cost no request, and pass the CSP (no inline style).
//!
//! An icon is never the only name of anything: the `<svg>` is
//! `aria-hidden`, and whoever shows one puts its words beside it, visible
//! or `visually-hidden` (a screen reader reads the words, not a drawing).

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconName {
    Prospects,
    Board,
    Calendar,
    Booking,
    Settings,
    SignOut,
    /// Time passing: a card that stayed too long in its stage.
    Clock,
    Check,
    Cross,
    Filter,
}

impl IconName {
    /// One path on a 24 × 24 grid, stroked (circles as two arcs).
    pub const fn path(self) -> &'static str {
        match self {
            // A person, and a second one behind.
            IconName::Prospects => {
                "M5 8a4 4 0 1 0 8 0a4 4 0 1 0 -8 0M2 21a7 7 0 0 1 14 0M16 4.3a4 4 0 0 1 0 7.4M19 14.5a7 7 0 0 1 3 6.5"
            }
            // Three columns of cards.
            IconName::Board => "M3 4h5v16H3zM10 4h5v11h-5zM17 4h4v7h-4z",
            IconName::Calendar => "M3 6h18v15H3zM3 10h18M8 3v5M16 3v5",
            // A calendar with a tick: an appointment made.
            IconName::Booking => "M3 6h18v15H3zM3 10h18M8 3v5M16 3v5M8.5 15.5l2.5 2.5 4.5-4.5",
            // Three sliders.
            IconName::Settings => {
                "M4 6h9M17 6h3M15 4v4M4 12h3M11 12h9M9 10v4M4 18h11M19 18h1M17 16v4"
            }
            // A door and an arrow leaving through it.
            IconName::SignOut => "M10 4H4v16h6M15 8l4 4-4 4M19 12H9",
            IconName::Clock => "M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0M12 7v5l3 2",
            IconName::Check => "M4 12.5l5 5L20 6.5",
            IconName::Cross => "M6 6l12 12M18 6L6 18",
            IconName::Filter => "M3 5h18l-7 8v6l-4 2v-8z",
        }
    }
}

/// The icon alone, hidden from assistive technology: put its words next
/// to it.
#[component]
pub fn Icon(name: IconName) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=name.path() />
        </svg>
    }
}
