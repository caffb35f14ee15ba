//! Agendas kept by Frontdesk itself: opening hours and bookings from its
//! own tables.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_core::slots::Availability;
use sqlx::SqlitePool;

use crate::connectors::availability::Agendas;
use crate::connectors::error::ConnectorError;
use crate::store::agenda::{self, Agenda, AppointmentType};

pub struct LocalAgendas {
    db: SqlitePool,
}

impl LocalAgendas {
    pub fn new(db: SqlitePool) -> Self {
        Self { db }
    }
}

#[async_trait]
impl Agendas for LocalAgendas {
    fn connector(&self) -> &'static str {
        super::NAME
    }

    fn vendor(&self) -> Option<&'static str> {
        None
    }

    async fn availability(
        &self,
        agenda: &Agenda,
        ty: &AppointmentType,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Availability, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(agenda::availability(&mut db, agenda, ty, from, to, now).await?)
    }
}

#[async_trait]
impl crate::connectors::calendar::Calendar for LocalAgendas {
    fn connector(&self) -> &'static str {
        super::NAME
    }

    async fn appointments(
        &self,
        tz: chrono_tz::Tz,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<frontdesk_core::model::StaffAppointment>, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(crate::store::appointments::list(&mut db, tz, from, to, now, None).await?)
    }

    async fn customer_appointments(
        &self,
        tz: chrono_tz::Tz,
        customer: crate::connectors::calendar::Customer<'_>,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Vec<frontdesk_core::model::StaffAppointment>, ConnectorError> {
        let mut db = self.db.acquire().await?;
        Ok(crate::store::appointments::of_customer(
            &mut db,
            tz,
            customer.prospect_id,
            customer.email,
            from,
            to,
            now,
            None,
        )
        .await?)
    }
}
