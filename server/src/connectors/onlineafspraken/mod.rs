//! OnlineAfspraken (seed 003): a Dutch booking system behind one endpoint,
//! `method=` and signed parameters, XML answers in a `<Status>` envelope.
//! Will serve availability, bookings and the agenda; so far the parts every
//! call needs: the signer, the XML reader and the client.

pub mod client;
pub mod sign;
pub mod xml;

pub const NAME: &str = "onlineafspraken";
pub const SYSTEM: &str = "OnlineAfspraken";
