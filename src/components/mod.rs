pub mod appointment_actions;
pub mod customer_appointments;
pub mod freshness;
pub mod language_switch;
pub mod related_records;
pub mod sales_steps;
pub mod shell;
pub mod toasts;
