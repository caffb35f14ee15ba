//! Clubplanner's JSON exactly as the seed's samples show it: PascalCase, in
//! the samples' field order. Shapes the seed does NOT show are in `assumed`.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::dates::format_datetime;
use super::model::{ClubplannerState, Prospect};
use super::steps::Step;

/// GetProspect / GetProspects (sample: prospect 64, prospects 1 and 2).
#[derive(Debug, Serialize)]
pub struct ProspectWire {
    #[serde(rename = "Id")]
    pub id: i64,
    #[serde(rename = "OwnerId")]
    pub owner_id: i64,
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Firstname")]
    pub firstname: String,
    #[serde(rename = "Male")]
    pub male: bool,
    #[serde(rename = "Status")]
    pub status: i64,
    #[serde(rename = "TelephoneNumber")]
    pub telephone_number: String,
    #[serde(rename = "BirthDate")]
    pub birth_date: String,
    #[serde(rename = "Age")]
    pub age: i32,
    #[serde(rename = "FullName")]
    pub full_name: String,
    #[serde(rename = "AddressLine")]
    pub address_line: String,
    #[serde(rename = "FullAddress")]
    pub full_address: String,
    #[serde(rename = "Zip")]
    pub zip: String,
    #[serde(rename = "City")]
    pub city: String,
    #[serde(rename = "MobileNumber")]
    pub mobile_number: String,
    #[serde(rename = "EmailAddress")]
    pub email_address: String,
    #[serde(rename = "ProspectSource")]
    pub prospect_source: String,
    #[serde(rename = "ProspectSubSource")]
    pub prospect_sub_source: String,
}

impl ProspectWire {
    /// `today` (Europe/Brussels) gives `Age`.
    pub fn from(p: &Prospect, today: NaiveDate) -> ProspectWire {
        ProspectWire {
            id: p.id,
            owner_id: p.owner_id,
            name: p.name.clone(),
            firstname: p.firstname.clone(),
            male: p.male,
            status: p.status,
            telephone_number: p.telephone_number.clone(),
            birth_date: format_datetime(p.birth_date.and_time(chrono::NaiveTime::MIN)),
            age: age(p.birth_date, today),
            full_name: full_name(p),
            address_line: p.address_line.clone(),
            full_address: super::assumed::full_address(p),
            zip: p.zip.clone(),
            city: p.city.clone(),
            mobile_number: p.mobile_number.clone(),
            email_address: p.email_address.clone(),
            prospect_source: p.prospect_source.clone(),
            prospect_sub_source: p.prospect_sub_source.clone(),
        }
    }
}

/// Whole years from `birth` to `today` (the sample's 1900-01-01 gives 119 in
/// 2019).
pub fn age(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0)
}

/// `Firstname Name`, as the samples show ("S<s QSqs", "John Do").
pub fn full_name(p: &Prospect) -> String {
    format!("{} {}", p.firstname, p.name).trim().to_string()
}

/// AddProspect / UpdateProspect: the seed's `class AddSaleResult` (and its
/// UpdateProspect sample).
#[derive(Debug, Serialize)]
pub struct AddSaleResult {
    #[serde(rename = "Id")]
    pub id: i64,
    #[serde(rename = "OwnerId")]
    pub owner_id: i64,
    #[serde(rename = "OwnerName")]
    pub owner_name: String,
    #[serde(rename = "FullName")]
    pub full_name: String,
}

impl AddSaleResult {
    pub fn from(p: &Prospect, state: &ClubplannerState) -> AddSaleResult {
        AddSaleResult {
            id: p.id,
            owner_id: p.owner_id,
            owner_name: state.employee_name(p.owner_id),
            full_name: full_name(p),
        }
    }
}

/// GetCurrentStep and SetStepResult (sample: step 1091).
#[derive(Debug, Serialize)]
pub struct StepWire {
    #[serde(rename = "CurrentStepId")]
    pub current_step_id: i64,
    #[serde(rename = "Description")]
    pub description: String,
    #[serde(rename = "Results")]
    pub results: Vec<StepResultWire>,
}

#[derive(Debug, Serialize)]
pub struct StepResultWire {
    #[serde(rename = "ResultId")]
    pub result_id: i64,
    #[serde(rename = "Description")]
    pub description: String,
}

impl StepWire {
    pub fn from(step: &Step) -> StepWire {
        StepWire {
            current_step_id: step.id,
            description: step.description.to_string(),
            results: step
                .results
                .iter()
                .map(|r| StepResultWire {
                    result_id: r.id,
                    description: r.description.to_string(),
                })
                .collect(),
        }
    }
}
