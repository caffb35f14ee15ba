pub mod board;
pub mod book;
pub mod booking_admin;
pub mod calendar;
pub mod login;
pub mod not_found;
pub mod prospects;
pub mod settings;
