//! The OnlineAfspraken XML, element for element as the seed's samples show
//! it (names, order, which answers wrap their objects in `<Objects>`).
//! Shapes the seed does not show are in `assumed`.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::assumed;
use super::model::*;
use crate::xml::{self, El};

pub fn datetime(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// `<Stats>` inside `<Status>` (getAppointments, getCustomers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stats {
    pub limit: usize,
    pub offset: usize,
    pub records: usize,
    pub total_records: usize,
}

/// A successful answer: what goes in `<Status>` besides the standard
/// elements, and the elements after it.
#[derive(Clone, Debug, Default)]
pub struct Envelope {
    /// `<Message>` before `<Status>success</Status>`: the samples of
    /// CHRemoveBlock, confirmAppointment and removeAppointment carry an empty
    /// one; the others none.
    pub message: Option<String>,
    pub stats: Option<Stats>,
    pub body: Vec<El>,
}

impl Envelope {
    pub fn body(body: Vec<El>) -> Envelope {
        Envelope {
            body,
            ..Envelope::default()
        }
    }

    /// `<Objects>` holding `items` (`<Objects></Objects>` when none).
    pub fn objects(items: Vec<El>) -> Envelope {
        Envelope::body(vec![objects(items)])
    }

    pub fn empty_message() -> Envelope {
        Envelope {
            message: Some(String::new()),
            ..Envelope::default()
        }
    }
}

pub fn objects(items: Vec<El>) -> El {
    El {
        name: "Objects".into(),
        text: String::new(),
        children: items,
    }
}

/// The `<Status>` block: APIVersion, Date, Timestamp, [Message], Status,
/// [Stats].
pub fn status(
    now: DateTime<Utc>,
    message: Option<&str>,
    outcome: &str,
    stats: Option<Stats>,
) -> El {
    let mut s = El::new("Status")
        .with_leaf("APIVersion", assumed::API_VERSION)
        .with_leaf("Date", datetime(assumed::server_time(now)))
        .with_leaf("Timestamp", now.timestamp());
    if let Some(m) = message {
        s.push(El::leaf("Message", m));
    }
    s.push(El::leaf("Status", outcome));
    if let Some(st) = stats {
        s.push(
            El::new("Stats")
                .with_leaf("Limit", st.limit)
                .with_leaf("Offset", st.offset)
                .with_leaf("Records", st.records)
                .with_leaf("TotalRecords", st.total_records),
        );
    }
    s
}

pub fn success(now: DateTime<Utc>, env: Envelope) -> String {
    let mut response =
        El::new("Response").with(status(now, env.message.as_deref(), "success", env.stats));
    response.children.extend(env.body);
    xml::document(&response)
}

pub fn agenda(a: &Agenda) -> El {
    El::new("Agenda")
        .with_leaf("Id", a.id)
        .with_leaf("Name", &a.name)
        .with_leaf("DateFormat", &a.date_format)
        .with_leaf("TimeFormat", &a.time_format)
        .with_leaf("AlignGrid", a.align_grid)
        .with_leaf("IsDefault", i64::from(a.is_default))
        .with_leaf("BookingUrl", &a.booking_url)
}

pub fn appointment_type(t: &AppointmentType) -> El {
    El::new("AppointmentType")
        .with_leaf("Id", t.id)
        .with_leaf("Name", &t.name)
        .with_leaf("Description", &t.description)
        .with_leaf("Status", t.status)
        .with_leaf("SchedulingType", &t.scheduling_type)
        .with_leaf("PriceType", t.price_type)
        .with_leaf("Price", &t.price)
        .with_leaf("Duration", t.duration)
        .with_leaf("MinTimeBeforeAppointment", t.min_time_before_appointment)
        .with_leaf("MaxTimeBeforeAppointment", t.max_time_before_appointment)
        .with_leaf("Buffer", t.buffer)
        .with_leaf(
            "CanBeBookedByConsumer",
            i64::from(t.can_be_booked_by_consumer),
        )
        .with_leaf("ExplicitEndDate", &t.explicit_end_date)
        .with_leaf("Category", &t.category)
        .with_leaf("CategoryId", t.category_id)
        .with_leaf("Capacity", t.capacity)
        .with_leaf(
            "ResourceId",
            t.resource_ids
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(","),
        )
}

pub fn resource(r: &Resource) -> El {
    El::new("Resource")
        .with_leaf("Id", r.id)
        .with_leaf("Name", &r.name)
        .with_leaf("Code", &r.code)
        .with_leaf("Description", &r.description)
        .with_leaf("Phone", &r.phone)
        .with_leaf("MobilePhone", &r.mobile_phone)
        .with_leaf("Email", &r.email)
        .with_leaf("Status", r.status)
        .with_leaf("Label", r.label)
}

pub fn field(f: &Field) -> El {
    El::new("Field")
        .with_leaf("Id", f.id)
        .with_leaf("Label", &f.label)
        .with_leaf("Key", &f.key)
        .with_leaf("Type", &f.field_type)
        .with_leaf("Required", i64::from(f.required))
}

/// getAppointment(s): the sample's elements, then the field answers.
pub fn appointment(a: &Appointment, customer_name: &str) -> El {
    let mut el = El::new("Appointment")
        .with_leaf("Id", a.id)
        .with_leaf("Name", &a.name)
        .with_leaf("Description", &a.description)
        .with_leaf("AgendaId", a.agenda_id)
        .with_leaf("StartTime", datetime(a.start_time))
        .with_leaf("FinishTime", datetime(a.finish_time))
        .with_leaf("BlockedTime", datetime(a.blocked_time))
        .with_leaf("Capacity", a.capacity)
        .with_leaf("AppointmentTypeId", a.appointment_type_id)
        .with_leaf("CustomerId", a.customer_id)
        .with_leaf("CustomerName", customer_name)
        .with_leaf("Status", a.status)
        .with_leaf("Label", a.label);
    el.children
        .extend(assumed::appointment_resources(&a.resources));
    el.push(El::leaf("CreateTime", datetime(a.create_time)));
    el.push(El::leaf("UpdateTime", datetime(a.update_time)));
    el.children.extend(a.extra.iter().cloned());
    el
}

/// The customer elements shared by getCustomer and getCustomers (sample
/// order), up to and including Status.
fn customer_core(c: &Customer, with_type: bool) -> El {
    let mut el = El::new("Customer").with_leaf("Id", c.id);
    if with_type && let Some(t) = &c.customer_type {
        el.push(El::leaf("Type", t));
    }
    if with_type {
        el.push(El::leaf("AccountNumber", &c.account_number));
    }
    el.with_leaf("FirstName", &c.first_name)
        .with_leaf("LastName", &c.last_name)
        .with_leaf("Insertions", &c.insertions)
        .with_leaf("BirthDate", &c.birth_date)
        .with_leaf("Gender", &c.gender)
        .with_leaf("Street", &c.street)
        .with_leaf("HouseNr", &c.house_nr)
        .with_leaf("HouseNrAddition", &c.house_nr_addition)
        .with_leaf("ZipCode", &c.zip_code)
        .with_leaf("City", &c.city)
        .with_leaf("Country", &c.country)
        .with_leaf("Phone", &c.phone)
        .with_leaf("MobilePhone", &c.mobile_phone)
        .with_leaf("Email", &c.email)
        .with_leaf("Status", c.status)
}

/// getCustomers: up to CreateTime, then the field answers.
pub fn customer_in_list(c: &Customer) -> El {
    let mut el = customer_core(c, true)
        .with_leaf("UpdateTime", datetime(c.update_time))
        .with_leaf("CreateTime", datetime(c.create_time));
    el.children.extend(c.extra.iter().cloned());
    el
}

/// getCustomer: as in the list, plus SingleSignon when the customer has one
/// (the sample shows it after CreateTime).
pub fn customer(c: &Customer) -> El {
    let mut el = customer_core(c, true)
        .with_leaf("UpdateTime", datetime(c.update_time))
        .with_leaf("CreateTime", datetime(c.create_time));
    if let Some(sso) = &c.single_signon {
        el.push(El::leaf("SingleSignon", sso));
    }
    el.children.extend(c.extra.iter().cloned());
    el
}

/// getCustomers with UpdatedAfter: a deleted customer is only Id and Status.
pub fn deleted_customer(c: &Customer) -> El {
    El::new("Customer")
        .with_leaf("Id", c.id)
        .with_leaf("Status", c.status)
}

/// loginCustomer (sample: no Type, AccountNumber or times; OwnCompany and
/// SingleSignon at the end).
pub fn login_customer(c: &Customer) -> El {
    customer_core(c, false)
        .with_leaf("OwnCompany", 1)
        .with_leaf("SingleSignon", c.single_signon.clone().unwrap_or_default())
}

/// setAppointment / setCustomer / CHAddBlock answers: `<Objects><X>` with Id
/// (and Status).
pub fn saved(name: &str, id: i64, status: Option<i64>) -> Envelope {
    let mut el = El::new(name).with_leaf("Id", id);
    if let Some(s) = status {
        el.push(El::leaf("Status", s));
    }
    Envelope::objects(vec![el])
}
