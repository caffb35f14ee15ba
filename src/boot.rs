//! The first screen's data the server wrote into the page
//! (`<script type="application/json" id="boot">`, see the server's
//! `boot.rs`): who is signed in and, on `/board`, the board's first cards,
//! on `/prospects`, the list's first page.
//! Read once as the app starts; each part is taken once, so a later visit
//! asks the API for fresh data.

use std::cell::RefCell;

use frontdesk_core::model::{Board, Page, Prospect, SessionInfo};
use serde::Deserialize;

#[derive(Default, Deserialize)]
struct Boot {
    session: Option<SessionInfo>,
    board: Option<Board>,
    prospects: Option<Page<Prospect>>,
}

thread_local! {
    static BOOT: RefCell<Option<Boot>> = const { RefCell::new(None) };
}

/// Reads the block and removes it from the page. Without one (signed out,
/// the widget) or when it cannot be read, the app asks the API as before.
fn load() -> Boot {
    let Some(element) = leptos::prelude::document().get_element_by_id("boot") else {
        return Boot::default();
    };
    let text = element.text_content().unwrap_or_default();
    element.remove();
    serde_json::from_str(&text).unwrap_or_default()
}

fn with_boot<T>(take: impl FnOnce(&mut Boot) -> Option<T>) -> Option<T> {
    BOOT.with(|b| take(b.borrow_mut().get_or_insert_with(load)))
}

/// Who is signed in, as the page was served.
pub fn take_session() -> Option<SessionInfo> {
    with_boot(|b| b.session.take())
}

/// The board's first cards, as the page was served.
pub fn take_board() -> Option<Board> {
    with_boot(|b| b.board.take())
}

/// The prospect list's first page, as the page was served.
pub fn take_prospects() -> Option<Page<Prospect>> {
    with_boot(|b| b.prospects.take())
}
