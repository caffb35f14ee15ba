//! An order-keeping JSON value ([`Json`]): Cirrus objects are stored in the
//! seed's field order and go out in it (the crate's `serde_json` sorts
//! object keys), and the Flask-RESTX `X-Fields` mask ([`Mask`]).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Number;

/// A JSON value whose objects keep their fields in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(Number),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// Parses JSON text, keeping field order.
    pub fn parse(text: &str) -> Result<Json, serde_json::Error> {
        serde_json::from_str(text)
    }

    pub fn int(n: i64) -> Json {
        Json::Num(n.into())
    }

    pub fn float(x: f64) -> Json {
        Number::from_f64(x).map_or(Json::Null, Json::Num)
    }

    pub fn str(s: impl Into<String>) -> Json {
        Json::Str(s.into())
    }

    /// An object from `(name, value)` pairs, in that order.
    pub fn obj(pairs: Vec<(&str, Json)>) -> Json {
        Json::Obj(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    /// A field of an object.
    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Obj(fields) => fields.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets a field of an object: in place when present, else appended.
    pub fn set(&mut self, name: &str, value: Json) {
        if let Json::Obj(fields) = self {
            match fields.iter_mut().find(|(k, _)| k == name) {
                Some((_, v)) => *v = value,
                None => fields.push((name.to_string(), value)),
            }
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Num(n) => n.as_i64(),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(n) => n.as_f64(),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// `get(name)` as an integer.
    pub fn int_at(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(Json::as_i64)
    }

    /// `get(name)` as text.
    pub fn str_at(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Json::as_str)
    }

    /// As a `serde_json::Value` (object keys sorted), for tests.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("JSON")
    }

    /// From a `serde_json::Value` (its key order).
    pub fn from_value(v: &serde_json::Value) -> Json {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(*b),
            serde_json::Value::Number(n) => Json::Num(n.clone()),
            serde_json::Value::String(s) => Json::Str(s.clone()),
            serde_json::Value::Array(a) => Json::Arr(a.iter().map(Json::from_value).collect()),
            serde_json::Value::Object(m) => Json::Obj(
                m.iter()
                    .map(|(k, v)| (k.clone(), Json::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// The JSON text, fields in order.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).expect("JSON")
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Num(n) => n.serialize(s),
            Json::Str(t) => s.serialize_str(t),
            Json::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Obj(fields) => {
                let mut map = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Json, E> {
                Ok(Json::Num(n.into()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Json, E> {
                Ok(Json::Num(n.into()))
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Json, E> {
                Ok(Json::float(x))
            }
            fn visit_str<E: de::Error>(self, t: &str) -> Result<Json, E> {
                Ok(Json::Str(t.to_string()))
            }
            fn visit_string<E: de::Error>(self, t: String) -> Result<Json, E> {
                Ok(Json::Str(t))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = a.next_element()? {
                    items.push(item);
                }
                Ok(Json::Arr(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut fields: Vec<(String, Json)> = Vec::new();
                while let Some((k, v)) = a.next_entry::<String, Json>()? {
                    match fields.iter_mut().find(|(n, _)| *n == k) {
                        Some((_, old)) => *old = v,
                        None => fields.push((k, v)),
                    }
                }
                Ok(Json::Obj(fields))
            }
        }
        d.deserialize_any(V)
    }
}

/// A Flask-RESTX field mask: `{id,name,status{id,name}}` or `id,name`
/// (outer braces optional), `*` for every other field of that level; names
/// are separated by commas (spaces around them ignored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mask(pub Vec<(String, Option<Mask>)>);

/// Why a mask is refused (`Mask parse error: …` / `Mask error: …`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MaskFail {
    Parse(String),
    Inconsistent(String),
}

impl Mask {
    /// Parses a mask the way Flask-RESTX does: names are letters, digits,
    /// `_` and `-` (and `*`); commas and spaces separate; `{` opens a nested
    /// mask for the preceding name.
    pub fn parse(text: &str) -> Result<Mask, MaskFail> {
        let mut text = text.trim();
        if text.is_empty() {
            return Ok(Mask(Vec::new()));
        }
        let wrapped;
        if !text.starts_with('{') {
            wrapped = format!("{{{text}}}");
            text = &wrapped;
        }
        let chars: Vec<char> = text.chars().collect();
        let mut pos = 0;
        let mask = parse_level(&chars, &mut pos)?;
        skip_ws(&chars, &mut pos);
        if pos != chars.len() {
            return Err(MaskFail::Parse(
                "Unexpected characters after the mask".into(),
            ));
        }
        Ok(mask)
    }

    /// Keeps only the masked fields of an object (or of each object of an
    /// array), in the mask's order, as Flask-RESTX marshalling does with
    /// `skip=True`: a name the object does not have is left out; a nested
    /// mask on a field that is not an object (or array of objects) is a
    /// mask error; a `null` nested field stays `null`.
    pub fn apply(&self, value: &Json) -> Result<Json, MaskFail> {
        match value {
            Json::Arr(items) => Ok(Json::Arr(
                items
                    .iter()
                    .map(|i| self.apply(i))
                    .collect::<Result<_, _>>()?,
            )),
            Json::Obj(fields) => {
                let mut out: Vec<(String, Json)> = Vec::new();
                for (name, nested) in &self.0 {
                    if name == "*" {
                        continue;
                    }
                    let Some((_, v)) = fields.iter().find(|(k, _)| k == name) else {
                        continue;
                    };
                    let v = match (nested, v) {
                        (None, v) => v.clone(),
                        (Some(_), Json::Null) => Json::Null,
                        (Some(m), v @ (Json::Obj(_) | Json::Arr(_))) => m.apply(v)?,
                        (Some(_), _) => {
                            return Err(MaskFail::Inconsistent(format!(
                                "Mask is inconsistent with model: '{name}' is not an object"
                            )));
                        }
                    };
                    out.push((name.clone(), v));
                }
                if self.0.iter().any(|(n, _)| n == "*") {
                    for (k, v) in fields {
                        if !out.iter().any(|(n, _)| n == k) {
                            out.push((k.clone(), v.clone()));
                        }
                    }
                }
                Ok(Json::Obj(out))
            }
            other => Ok(other.clone()),
        }
    }
}

fn skip_ws(chars: &[char], pos: &mut usize) {
    while *pos < chars.len() && chars[*pos].is_whitespace() {
        *pos += 1;
    }
}

/// `{` name [nested] (`,` name [nested])* `}`; `pos` at the `{`.
fn parse_level(chars: &[char], pos: &mut usize) -> Result<Mask, MaskFail> {
    skip_ws(chars, pos);
    if chars.get(*pos) != Some(&'{') {
        return Err(MaskFail::Parse("Missing opening bracket".into()));
    }
    *pos += 1;
    let mut fields: Vec<(String, Option<Mask>)> = Vec::new();
    let mut after_name = false;
    loop {
        skip_ws(chars, pos);
        match chars.get(*pos) {
            None => return Err(MaskFail::Parse("Missing closing bracket".into())),
            Some('}') => {
                *pos += 1;
                if fields.is_empty() {
                    return Err(MaskFail::Parse("Empty mask".into()));
                }
                return Ok(Mask(fields));
            }
            Some(',') => {
                *pos += 1;
                after_name = false;
            }
            Some('{') => {
                let Some(last) = fields.last_mut().filter(|_| after_name) else {
                    return Err(MaskFail::Parse("Unexpected opening bracket".into()));
                };
                if last.1.is_some() {
                    return Err(MaskFail::Parse("Unexpected opening bracket".into()));
                }
                last.1 = Some(parse_level(chars, pos)?);
                after_name = false;
            }
            Some(c) if c.is_alphanumeric() || *c == '_' || *c == '-' || *c == '*' => {
                let start = *pos;
                while *pos < chars.len()
                    && (chars[*pos].is_alphanumeric() || matches!(chars[*pos], '_' | '-' | '*'))
                {
                    *pos += 1;
                }
                let name: String = chars[start..*pos].iter().collect();
                if after_name {
                    return Err(MaskFail::Parse("Missing comma between names".into()));
                }
                fields.push((name, None));
                after_name = true;
            }
            Some(c) => return Err(MaskFail::Parse(format!("Unexpected character '{c}'"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_masks() {
        let v = Json::parse(r#"{"b":1,"a":{"y":2,"x":3},"c":[{"x":1,"z":2}]}"#).unwrap();
        assert_eq!(
            v.to_text(),
            r#"{"b":1,"a":{"y":2,"x":3},"c":[{"x":1,"z":2}]}"#
        );
        let m = Mask::parse("{a{x},b,c{z},nope}").unwrap();
        assert_eq!(
            m.apply(&v).unwrap().to_text(),
            r#"{"a":{"x":3},"b":1,"c":[{"z":2}]}"#
        );
        let m = Mask::parse("b, a").unwrap();
        assert_eq!(
            m.apply(&v).unwrap().to_text(),
            r#"{"b":1,"a":{"y":2,"x":3}}"#
        );
        assert!(matches!(Mask::parse("{a"), Err(MaskFail::Parse(_))));
        assert!(matches!(Mask::parse("a}"), Err(MaskFail::Parse(_))));
        assert!(matches!(Mask::parse("{a,{x}}"), Err(MaskFail::Parse(_))));
        assert!(matches!(Mask::parse("a;b"), Err(MaskFail::Parse(_))));
        assert!(matches!(
            Mask::parse("b{x}").unwrap().apply(&v),
            Err(MaskFail::Inconsistent(_))
        ));
    }
}
