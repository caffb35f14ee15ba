//! getCustomers, getCustomer, setCustomer, loginCustomer, passwordRecovery.

use chrono::NaiveDate;

use super::appointments::MAX_LIMIT;
use super::model::*;
use super::render::{self, Envelope, Stats};
use super::{Answer, Ctx, Failed, Req, fail};
use crate::xml::El;

pub fn get_customer(s: &OnlineAfsprakenState, p: &Req) -> Answer {
    let id = p.req_int("Id")?;
    let c = s
        .customers
        .get(&id)
        .ok_or_else(|| Failed(format!("Customer {id} not found")))?;
    Ok(Envelope::body(vec![render::customer(c)]))
}

pub fn get_customers(s: &OnlineAfsprakenState, p: &Req) -> Answer {
    let limit = p
        .int("Limit")?
        .map_or(MAX_LIMIT, |l| (l.max(0) as usize).min(MAX_LIMIT));
    let offset = p.int("Offset")?.unwrap_or(0).max(0) as usize;
    let updated_after = p.datetime("UpdatedAfter")?;
    let email = p.text("Email");
    let birth_date = p
        .date("BirthDate")?
        .map(|d| d.format("%Y-%m-%d").to_string());
    let account = p.text("AccountNumber");
    let list: Vec<&Customer> = s
        .customers
        .values()
        .filter(|c| updated_after.is_none_or(|t| c.update_time > t))
        .filter(|c| c.status != 3 || updated_after.is_some())
        .filter(|c| email.is_none_or(|e| c.email.eq_ignore_ascii_case(e)))
        .filter(|c| birth_date.as_ref().is_none_or(|b| &c.birth_date == b))
        .filter(|c| account.is_none_or(|a| c.account_number == a))
        .collect();
    let total = list.len();
    let page: Vec<El> = list
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|c| {
            if c.status == 3 {
                render::deleted_customer(c)
            } else {
                render::customer_in_list(c)
            }
        })
        .collect();
    Ok(Envelope {
        stats: Some(Stats {
            limit,
            offset,
            records: page.len(),
            total_records: total,
        }),
        ..Envelope::objects(page)
    })
}

fn valid_phone(v: &str) -> bool {
    let v = v.trim();
    let v = v.strip_prefix('+').unwrap_or(v);
    let mut digits = 0;
    for c in v.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return false,
        }
    }
    (9..=15).contains(&digits)
}

fn valid_email(v: &str) -> bool {
    let v = v.trim();
    match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

pub fn set_customer(s: &mut OnlineAfsprakenState, ctx: &Ctx, p: &Req) -> Answer {
    let id = p.int("id")?;
    let mut c = match id {
        Some(id) => s
            .customers
            .get(&id)
            .cloned()
            .ok_or_else(|| Failed(format!("Customer {id} not found")))?,
        None => Customer {
            id: 0,
            customer_type: Some("Consumer".into()),
            account_number: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            insertions: String::new(),
            birth_date: String::new(),
            gender: String::new(),
            street: String::new(),
            house_nr: String::new(),
            house_nr_addition: String::new(),
            zip_code: String::new(),
            city: String::new(),
            country: String::new(),
            phone: String::new(),
            mobile_phone: String::new(),
            email: String::new(),
            status: 1,
            update_time: ctx.server_now(),
            create_time: ctx.server_now(),
            single_signon: None,
            username: None,
            password: None,
            extra: Vec::new(),
        },
    };
    for name in ["Email", "FirstName", "LastName"] {
        if p.text(name).is_none_or(|v| v.trim().is_empty()) {
            return fail(format!("Missing parameter {name}"));
        }
    }
    let email = p.text("Email").unwrap_or("");
    if !valid_email(email) {
        return fail("Invalid value for parameter Email");
    }
    for name in ["Phone", "MobilePhone"] {
        if let Some(v) = p.text(name)
            && !valid_phone(v)
        {
            return fail(format!("Invalid value for parameter {name}"));
        }
    }
    if let Some(g) = p.text("Gender")
        && !["M", "F", "O"].contains(&g.to_ascii_uppercase().as_str())
    {
        return fail("Invalid value for parameter Gender (M, F)");
    }
    if let Some(b) = p.text("BirthDate")
        && NaiveDate::parse_from_str(b, "%Y-%m-%d").is_err()
    {
        return fail("Invalid value for parameter BirthDate (yyyy-mm-dd)");
    }
    let status = p.int("Status")?;
    if status.is_some_and(|st| !(1..=3).contains(&st)) {
        return fail("Invalid value for parameter Status");
    }

    let set = |field: &mut String, name: &str| {
        if p.has(name) {
            *field = p.text(name).unwrap_or("").trim().to_string();
        }
    };
    set(&mut c.account_number, "AccountNumber");
    set(&mut c.email, "Email");
    set(&mut c.first_name, "FirstName");
    set(&mut c.last_name, "LastName");
    set(&mut c.insertions, "Insertions");
    set(&mut c.birth_date, "BirthDate");
    set(&mut c.gender, "Gender");
    c.gender = c.gender.to_ascii_uppercase();
    set(&mut c.street, "Street");
    set(&mut c.house_nr, "HouseNr");
    set(&mut c.house_nr_addition, "HouseNrAddition");
    set(&mut c.zip_code, "ZipCode");
    set(&mut c.city, "City");
    set(&mut c.country, "Country");
    set(&mut c.phone, "Phone");
    set(&mut c.mobile_phone, "MobilePhone");
    if let Some(st) = status {
        c.status = st;
    }
    if c.id == 0
        && let Some(username) = p.text("Username")
    {
        let password = p.text("Password").unwrap_or("");
        if password.chars().count() < 6 {
            return fail("The password must be at least 6 characters long");
        }
        if s.customers
            .values()
            .any(|o| o.username.as_deref() == Some(username))
        {
            return fail("The username is already in use");
        }
        c.username = Some(username.to_string());
        c.password = Some(password.to_string());
    }
    let keys: Vec<String> = s
        .fields
        .values()
        .filter(|f| f.field_type == "Registration")
        .map(|f| f.key.clone())
        .collect();
    for key in keys {
        if let Some(v) = p.text(&key) {
            c.extra.retain(|e| e.name != key);
            c.extra.push(El::leaf(key.clone(), v));
        }
    }
    c.update_time = ctx.server_now();
    let status = c.status;
    let id = s.insert_customer(c);
    Ok(render::saved("Customer", id, Some(status)))
}

pub fn login_customer(s: &OnlineAfsprakenState, p: &Req) -> Answer {
    let username = p
        .text("Username")
        .ok_or_else(|| Failed("Missing parameter Username".into()))?;
    let password = p
        .text("Password")
        .ok_or_else(|| Failed("Missing parameter Password".into()))?;
    let c = s
        .customers
        .values()
        .find(|c| {
            c.status == 1
                && c.username.as_deref() == Some(username)
                && c.password.as_deref() == Some(password)
        })
        .ok_or_else(|| Failed("Invalid username or password".into()))?;
    Ok(Envelope::objects(vec![render::login_customer(c)]))
}

pub fn password_recovery(s: &mut OnlineAfsprakenState, ctx: &Ctx, p: &Req) -> Answer {
    let email = p
        .text("Email")
        .ok_or_else(|| Failed("Missing parameter Email".into()))?;
    if !s
        .customers
        .values()
        .any(|c| c.username.is_some() && c.email.eq_ignore_ascii_case(email))
    {
        return fail("No account with this email address");
    }
    s.outbox.push(SentMessage {
        at: ctx.server_now(),
        to: email.to_string(),
        kind: "password_recovery".into(),
        appointment_id: None,
        text: "PasswordRecovery link sent".into(),
    });
    Ok(Envelope::body(vec![
        El::new("Customer").with_leaf("Message", "PasswordRecovery link sent"),
    ]))
}
