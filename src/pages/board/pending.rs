//! Moves sent but not yet answered, kept in the tab's session storage: a
//! page that reloads right after a move cannot see its answer, and its
//! request may reach the server after the new page asked for the board.
//! The new page asks again (briefly) until the server has each such card
//! at a newer version than the one moved, so it never shows the card back
//! in its old column while the move is still being stored.

use std::time::Duration;

use frontdesk_core::model::Board;

const KEY: &str = "frontdesk.pending-moves";

/// How long a new page waits for moves a page before it sent.
const PATIENCE: Duration = Duration::from_secs(3);
const STEP: Duration = Duration::from_millis(150);

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().session_storage().ok().flatten()
}

fn read() -> Vec<(String, i64)> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn write(moves: &[(String, i64)]) {
    if let Some(s) = storage() {
        let _ = if moves.is_empty() {
            s.remove_item(KEY)
        } else {
            s.set_item(KEY, &serde_json::to_string(moves).unwrap_or_default())
        };
    }
}

/// A move of `card` from `version` is on its way.
pub fn add(card: &str, version: i64) {
    let mut moves = read();
    moves.retain(|(id, _)| id != card);
    moves.push((card.to_owned(), version));
    write(&moves);
}

/// Its answer came (stored or refused).
pub fn done(card: &str, version: i64) {
    let mut moves = read();
    moves.retain(|(id, v)| !(id == card && *v == version));
    write(&moves);
}

/// Whether `board` still shows a card of a pending move at the version
/// it was moved from.
fn behind(board: &Board, moves: &[(String, i64)]) -> bool {
    moves.iter().any(|(id, version)| {
        board
            .cards
            .iter()
            .any(|c| c.id == *id && c.version <= *version)
    })
}

/// `board`, or a newer one if it does not show the moves a page before
/// this one sent yet; `again` asks for the board.
pub async fn settled<F, Fut>(
    board: Board,
    again: F,
) -> Result<Board, frontdesk_core::problem::Problem>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<Board, frontdesk_core::problem::Problem>>,
{
    let moves = read();
    if moves.is_empty() || !behind(&board, &moves) {
        write(&[]);
        return Ok(board);
    }
    let mut board = board;
    let mut waited = Duration::ZERO;
    while behind(&board, &moves) && waited < PATIENCE {
        crate::dom::sleep(STEP).await;
        waited += STEP;
        board = again().await?;
    }
    // Stored, refused or lost: from here on the server's board is the truth.
    write(&[]);
    Ok(board)
}
