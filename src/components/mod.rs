pub mod language_switch;
pub mod shell;
pub mod toasts;
