pub mod board;
pub mod book;
pub mod calendar;
pub mod login;
pub mod not_found;
pub mod placeholder;
pub mod prospects;
pub mod settings;
