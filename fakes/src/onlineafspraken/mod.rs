//! The OnlineAfspraken fake (seed 003): one endpoint,
//! `/onlineafspraken/APIREST`, GET query or form POST, `method=` names the
//! call, every call signed (see [`signature`]); XML answers in the
//! `<Response><Status>…</Status>…</Response>` envelope.
//!
//! Methods: getAgendas, getAgenda, getAppointmentTypes, getAppointmentType,
//! getResources, getResource, requiresConfirmation, getFields,
//! getBookableBlocks, getBookableDays, getBookableTimes, getAppointments,
//! getAppointment, setAppointment, confirmAppointment, cancelAppointment,
//! removeAppointment, getCustomers, getCustomer, setCustomer,
//! loginCustomer, passwordRecovery, CHAddBlock, CHRemoveBlock. What the seed
//! does not say is in [`assumed`].

mod appointments;
pub mod assumed;
pub mod availability;
mod customers;
mod general;
pub mod model;
pub mod render;
pub(crate) mod seed;
pub mod signature;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::daytime::DayTime;
use crate::params::Params;
use crate::reply::{self, Reply};
use crate::{Call, Shared, Vendor, serve_call};
use model::{Agenda, OnlineAfsprakenState};
use render::Envelope;

/// Where the fake serves OnlineAfspraken; a connector's `base_url` is
/// `http://HOST:PORT/onlineafspraken/APIREST`.
pub const PATH: &str = "/onlineafspraken/APIREST";

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route(PATH, get(endpoint).post(endpoint))
}

async fn endpoint(
    State(shared): State<Arc<Shared>>,
    http_method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let params = Call::params(uri.query(), &headers, &body);
    let call = Call {
        vendor: Vendor::Onlineafspraken,
        http_method,
        path: uri.path().to_string(),
        method: params.get("method").unwrap_or("").to_string(),
        params,
        headers,
    };
    serve_call(shared, call, handle, |shared, message| {
        failed_reply(shared.now(), message)
    })
    .await
}

fn failed_reply(now: DateTime<Utc>, message: &str) -> Reply {
    Reply::new(200, reply::TEXT_XML, assumed::failed(now, message))
}

fn handle(shared: &Shared, p: &Params) -> Reply {
    let now = shared.now();
    if let Err(message) = authenticate(shared, p, now) {
        return failed_reply(now, &message);
    }
    let ctx = Ctx { now };
    let mut guard = shared.state();
    let s = &mut guard.onlineafspraken;
    match dispatch(s, &ctx, p.get("method").unwrap_or(""), &Req(p)) {
        Ok(env) => Reply::new(200, reply::TEXT_XML, render::success(now, env)),
        Err(Failed(message)) => failed_reply(now, &message),
    }
}

fn authenticate(shared: &Shared, p: &Params, now: DateTime<Utc>) -> Result<(), String> {
    let creds = &shared.credentials;
    match p.get("api_key") {
        None | Some("") => return Err("Missing parameter api_key".into()),
        Some(k) if k != creds.onlineafspraken_key => return Err("Invalid api_key".into()),
        Some(_) => {}
    }
    let salt_text = p.get("api_salt").unwrap_or("");
    let salt: i64 = salt_text
        .parse()
        .map_err(|_| "Missing or invalid parameter api_salt".to_string())?;
    if (salt - now.timestamp()).abs() > shared.signature_window_s {
        return Err("Request expired: api_salt is too far from the server time".into());
    }
    let expected = signature::sign(p.iter(), &creds.onlineafspraken_secret, salt_text);
    match p.get("api_signature") {
        None | Some("") => Err("Missing parameter api_signature".into()),
        Some(sig) if sig != expected => Err("Invalid api_signature".into()),
        Some(_) => Ok(()),
    }
}

pub(crate) struct Failed(pub String);

pub(crate) fn fail<T>(message: impl Into<String>) -> Result<T, Failed> {
    Err(Failed(message.into()))
}

type Answer = Result<Envelope, Failed>;

pub(crate) struct Ctx {
    pub now: DateTime<Utc>,
}

impl Ctx {
    /// The server's wall time (CreateTime, UpdateTime).
    pub fn server_now(&self) -> NaiveDateTime {
        assumed::server_time(self.now)
    }

    /// Wall time in the agenda's zone.
    pub fn agenda_now(&self, agenda: &Agenda) -> NaiveDateTime {
        self.now
            .with_timezone(&availability::agenda_tz(agenda))
            .naive_local()
    }
}

/// Typed access to the parameters, names exact (PHP is case-sensitive).
pub(crate) struct Req<'a>(&'a Params);

impl Req<'_> {
    /// The value, `None` when absent or empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name).filter(|v| !v.is_empty())
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.get(name).is_some()
    }

    pub fn int(&self, name: &str) -> Result<Option<i64>, Failed> {
        match self.text(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| Failed(format!("Invalid value for parameter {name}"))),
        }
    }

    pub fn req_int(&self, name: &str) -> Result<i64, Failed> {
        self.int(name)?
            .ok_or_else(|| Failed(format!("Missing parameter {name}")))
    }

    pub fn flag(&self, name: &str) -> Result<bool, Failed> {
        Ok(self.int(name)?.unwrap_or(0) == 1)
    }

    /// `yyyy-mm-dd`.
    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, Failed> {
        match self.text(name) {
            None => Ok(None),
            Some(v) => NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
                .map(Some)
                .map_err(|_| Failed(format!("Invalid date for parameter {name} (yyyy-mm-dd)"))),
        }
    }

    pub fn req_date(&self, name: &str) -> Result<NaiveDate, Failed> {
        self.date(name)?
            .ok_or_else(|| Failed(format!("Missing parameter {name}")))
    }

    /// `hh:mm`.
    pub fn time(&self, name: &str) -> Result<Option<DayTime>, Failed> {
        match self.text(name) {
            None => Ok(None),
            Some(v) => DayTime::parse(v)
                .map(Some)
                .ok_or_else(|| Failed(format!("Invalid time for parameter {name} (hh:mm)"))),
        }
    }

    pub fn req_time(&self, name: &str) -> Result<DayTime, Failed> {
        self.time(name)?
            .ok_or_else(|| Failed(format!("Missing parameter {name}")))
    }

    /// `yyyy-mm-dd hh:mm:ss` (or a bare date: its midnight).
    pub fn datetime(&self, name: &str) -> Result<Option<NaiveDateTime>, Failed> {
        match self.text(name) {
            None => Ok(None),
            Some(v) => {
                let v = v.trim();
                NaiveDateTime::parse_from_str(v, "%Y-%m-%d %H:%M:%S")
                    .or_else(|_| {
                        NaiveDate::parse_from_str(v, "%Y-%m-%d")
                            .map(|d| d.and_time(chrono::NaiveTime::MIN))
                    })
                    .map(Some)
                    .map_err(|_| {
                        Failed(format!(
                            "Invalid value for parameter {name} (yyyy-mm-dd hh:mm:ss)"
                        ))
                    })
            }
        }
    }
}

fn dispatch(s: &mut OnlineAfsprakenState, ctx: &Ctx, method: &str, p: &Req) -> Answer {
    match method {
        "getAgendas" => general::get_agendas(s),
        "getAgenda" => general::get_agenda(s, p),
        "getAppointmentTypes" => general::get_appointment_types(s),
        "getAppointmentType" => general::get_appointment_type(s, p),
        "getResources" => general::get_resources(s),
        "getResource" => general::get_resource(s, p),
        "requiresConfirmation" => general::requires_confirmation(s),
        "getFields" => general::get_fields(s, p),
        "getBookableBlocks" => general::get_bookable_blocks(s, p),
        "getBookableDays" => general::get_bookable_days(s, ctx, p),
        "getBookableTimes" => general::get_bookable_times(s, ctx, p),
        "CHAddBlock" => general::add_block(s, p),
        "CHRemoveBlock" => general::remove_block(s, p),
        "getAppointments" => appointments::get_appointments(s, p),
        "getAppointment" => appointments::get_appointment(s, p),
        "setAppointment" => appointments::set_appointment(s, ctx, p),
        "confirmAppointment" => appointments::confirm_appointment(s, ctx, p),
        "cancelAppointment" => appointments::cancel_appointment(s, ctx, p),
        "removeAppointment" => appointments::remove_appointment(s, ctx, p),
        "getCustomers" => customers::get_customers(s, p),
        "getCustomer" => customers::get_customer(s, p),
        "setCustomer" => customers::set_customer(s, ctx, p),
        "loginCustomer" => customers::login_customer(s, p),
        "passwordRecovery" => customers::password_recovery(s, ctx, p),
        "getCalculationModelSettings" | "setCalculationModelSettings" => {
            fail(format!("Method {method} is not implemented by the fake"))
        }
        "" => fail("Missing parameter method"),
        other => fail(format!("Unknown method {other}")),
    }
}
