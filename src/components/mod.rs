pub mod appointment_actions;
pub mod freshness;
pub mod language_switch;
pub mod sales_steps;
pub mod shell;
pub mod toasts;
