//! The OnlineAfspraken fake's state, named after the seed's XML elements.
//! Agenda times (appointments, blocks) are wall time in the agenda's time
//! zone; `CreateTime`/`UpdateTime` are the server's (Europe/Amsterdam) wall
//! time (see `assumed`).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, Weekday};
use serde::Serialize;

use crate::daytime::DayTime;
use crate::xml::El;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Agenda {
    pub id: i64,
    pub name: String,
    pub date_format: String,
    pub time_format: String,
    pub align_grid: i64,
    pub is_default: bool,
    pub booking_url: String,
    /// Not on the wire (the seed's Agenda has no time zone): the zone the
    /// agenda's wall times are in.
    pub time_zone: String,
    /// Not on the wire: how long before the start a customer may still
    /// cancel (cancelAppointment with Mode=customer), in minutes.
    pub cancel_min_notice_min: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Resource {
    pub id: i64,
    pub name: String,
    pub code: String,
    pub description: String,
    pub phone: String,
    pub mobile_phone: String,
    pub email: String,
    /// 1 enabled, 2 disabled.
    pub status: i64,
    pub label: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppointmentType {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// 1 enabled, 2 disabled.
    pub status: i64,
    /// `resource` or `capacity`.
    pub scheduling_type: String,
    /// 1 fixed, 2 from, 3 not applicable.
    pub price_type: i64,
    /// As written on the wire, e.g. `15.00`.
    pub price: String,
    /// Minutes.
    pub duration: i64,
    /// Minutes.
    pub min_time_before_appointment: i64,
    /// Minutes; 0 = no limit.
    pub max_time_before_appointment: i64,
    /// Minutes reserved after the appointment.
    pub buffer: i64,
    pub can_be_booked_by_consumer: bool,
    pub explicit_end_date: String,
    pub category: String,
    pub category_id: i64,
    /// Places per resource when `scheduling_type` is `capacity`.
    pub capacity: i64,
    /// The wire's comma-separated `ResourceId`.
    pub resource_ids: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    pub id: i64,
    /// Not on the wire: the agenda whose forms show it.
    pub agenda_id: i64,
    pub label: String,
    /// The parameter name in setAppointment / setCustomer and the element
    /// name in getAppointment(s) / getCustomer(s).
    pub key: String,
    /// `Appointment` or `Registration`.
    pub field_type: String,
    pub required: bool,
    /// Not on the wire: the appointment types it applies to (empty = all),
    /// for getFields' `AppointmentTypeId` filter.
    pub appointment_type_ids: Vec<i64>,
}

/// A weekly availability block (the vendor's "rooster"): bookable every
/// `weekday` from `start` to `end`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WeeklyBlock {
    pub agenda_id: i64,
    pub weekday: Weekday,
    pub start: DayTime,
    pub end: DayTime,
    /// 0 = every resource.
    pub resource_id: i64,
    /// 0 = every appointment type.
    pub appointment_type_id: i64,
    pub consumer_bookable: bool,
}

/// A one-off availability block added with CHAddBlock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub id: i64,
    pub agenda_id: i64,
    pub date: NaiveDate,
    pub start: DayTime,
    pub end: DayTime,
    /// 0 = every resource.
    pub resource_id: i64,
    /// 0 = every appointment type.
    pub appointment_type_id: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: i64,
    /// `Consumer` or `Business`; `None` leaves `<Type>` out (the seed's
    /// getCustomers sample has one customer without it).
    pub customer_type: Option<String>,
    pub account_number: String,
    pub first_name: String,
    pub last_name: String,
    pub insertions: String,
    /// `yyyy-mm-dd` or empty.
    pub birth_date: String,
    /// `M`, `F`, `O` or empty.
    pub gender: String,
    pub street: String,
    pub house_nr: String,
    pub house_nr_addition: String,
    pub zip_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub mobile_phone: String,
    pub email: String,
    /// 1 enabled, 2 disabled, 3 deleted.
    pub status: i64,
    pub update_time: NaiveDateTime,
    pub create_time: NaiveDateTime,
    /// Shown by getCustomer and loginCustomer when set.
    pub single_signon: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    /// Answers to the agenda's Registration fields, as elements named by the
    /// field's Key (upload fields hold child elements, like the sample's
    /// `Foto_voor`).
    pub extra: Vec<El>,
}

impl Customer {
    /// `FirstName Insertions LastName` without empty parts.
    pub fn full_name(&self) -> String {
        [&self.first_name, &self.insertions, &self.last_name]
            .into_iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppointmentResource {
    pub resource_id: i64,
    pub start_time: NaiveDateTime,
    pub finish_time: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Appointment {
    pub id: i64,
    pub agenda_id: i64,
    pub name: String,
    pub description: String,
    pub start_time: NaiveDateTime,
    pub finish_time: NaiveDateTime,
    /// Finish plus the type's buffer.
    pub blocked_time: NaiveDateTime,
    /// Places this appointment takes (1 per booking).
    pub capacity: i64,
    pub appointment_type_id: i64,
    pub customer_id: i64,
    /// 1 enabled, 2 disabled (cancelled), 3 deleted.
    pub status: i64,
    /// 1 pending, 2 approved, 3 finished, 4 cancelled, 5 in progress.
    pub label: i64,
    pub resources: Vec<AppointmentResource>,
    pub create_time: NaiveDateTime,
    pub update_time: NaiveDateTime,
    /// Answers to the agenda's Appointment fields (elements named by Key).
    pub extra: Vec<El>,
    /// Not on the wire: the code "sent" to the customer while the
    /// appointment is pending (see `outbox`).
    pub confirmation_code: Option<String>,
    /// Not on the wire: cancelAppointment's `Remarks`.
    pub cancel_remarks: Option<String>,
}

/// A message the vendor would have sent (mail / SMS): confirmation codes,
/// cancellations, password recovery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SentMessage {
    pub at: NaiveDateTime,
    pub to: String,
    pub kind: String,
    pub appointment_id: Option<i64>,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OnlineAfsprakenState {
    /// requiresConfirmation: new consumer bookings stay pending (Label 1)
    /// until confirmAppointment.
    pub requires_confirmation: bool,
    pub agendas: BTreeMap<i64, Agenda>,
    pub resources: BTreeMap<i64, Resource>,
    pub appointment_types: BTreeMap<i64, AppointmentType>,
    pub fields: BTreeMap<i64, Field>,
    pub weekly_blocks: Vec<WeeklyBlock>,
    pub blocks: BTreeMap<i64, Block>,
    pub next_block_id: i64,
    pub customers: BTreeMap<i64, Customer>,
    pub next_customer_id: i64,
    pub appointments: BTreeMap<i64, Appointment>,
    pub next_appointment_id: i64,
    pub outbox: Vec<SentMessage>,
}

impl OnlineAfsprakenState {
    pub fn insert_customer(&mut self, mut c: Customer) -> i64 {
        if c.id == 0 {
            c.id = self.next_customer_id.max(1);
        }
        let id = c.id;
        self.next_customer_id = self.next_customer_id.max(id + 1);
        self.customers.insert(id, c);
        id
    }

    pub fn insert_appointment(&mut self, mut a: Appointment) -> i64 {
        if a.id == 0 {
            a.id = self.next_appointment_id.max(1);
        }
        let id = a.id;
        self.next_appointment_id = self.next_appointment_id.max(id + 1);
        self.appointments.insert(id, a);
        id
    }

    pub fn insert_block(&mut self, mut b: Block) -> i64 {
        if b.id == 0 {
            b.id = self.next_block_id.max(1);
        }
        let id = b.id;
        self.next_block_id = self.next_block_id.max(id + 1);
        self.blocks.insert(id, b);
        id
    }

    pub fn default_agenda(&self) -> Option<&Agenda> {
        self.agendas
            .values()
            .find(|a| a.is_default)
            .or_else(|| self.agendas.values().next())
    }
}
