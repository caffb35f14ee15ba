//! Clubplanner's JSON exactly as seed 000 shows it: PascalCase, one
//! struct per payload. Read tolerantly: a field the seed shows may be
//! missing or null in a real answer, and a field it does not show is kept
//! (`other`), never dropped. Shapes the seed does not show are in
//! `assumed`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// GetProspect / GetProspects.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Prospect {
    pub id: i64,
    pub owner_id: i64,
    /// The last name.
    pub name: String,
    pub firstname: String,
    pub male: bool,
    pub status: i64,
    pub telephone_number: String,
    /// `1900-01-01T00:00:00` means unknown.
    pub birth_date: String,
    pub age: i64,
    pub full_name: String,
    pub address_line: String,
    pub full_address: String,
    pub zip: String,
    pub city: String,
    pub mobile_number: String,
    pub email_address: String,
    pub prospect_source: String,
    pub prospect_sub_source: String,
    /// Whatever else the vendor sends, kept whole.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// The answer of AddProspect and UpdateProspect (`AddSaleResult`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AddSaleResult {
    pub id: i64,
    pub owner_id: i64,
    pub owner_name: String,
    pub full_name: String,
}

/// GetCurrentStep / SetStepResult.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CurrentStep {
    pub current_step_id: i64,
    pub description: String,
    pub results: Vec<StepResult>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct StepResult {
    pub result_id: i64,
    /// Dutch, with the vendor's trailing spaces.
    pub description: String,
}
