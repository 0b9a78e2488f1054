//! The `summary.json` wire format, read leniently in one streaming pass.
//!
//! Status pages drift: incident.io omits lists or sends `null`, a field changes type, an element is not an
//! object. Every field here reads any JSON value and keeps it only when it has the expected type, and a list
//! element that is not an object is skipped. Because each of these visitors consumes the whole value it is
//! handed, a bad element never loses the parser's place, so there is no need to buffer the payload into a
//! `serde_json::Value` first. That keeps the parse fast and the wasm small (one deserializer instance per
//! type). Only malformed JSON text fails the whole payload.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// What a lenient field found.
enum Found<T> {
    /// The expected type.
    Kept(T),
    /// Anything else, consumed and dropped.
    Dropped,
}

/// Drops any value whole, whatever its type, so the stream stays in place.
fn drop_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drop_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Implements the visits that drop a value of the wrong type.
macro_rules! drop_other_types {
    ($($skip:ident)*) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> { Ok(Found::Dropped) }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> { Ok(Found::Dropped) }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> { Ok(Found::Dropped) }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> { Ok(Found::Dropped) }
        fn visit_unit<E>(self) -> Result<Self::Value, E> { Ok(Found::Dropped) }
        fn visit_none<E>(self) -> Result<Self::Value, E> { Ok(Found::Dropped) }
        $(drop_other_types!(@ $skip);)*
    };
    (@ str) => {
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> { Ok(Found::Dropped) }
    };
    (@ seq) => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            drop_seq(seq).map(|()| Found::Dropped)
        }
    };
    (@ map) => {
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            drop_map(map).map(|()| Found::Dropped)
        }
    };
}

struct StringVisitor;

impl<'de> Visitor<'de> for StringVisitor {
    type Value = Found<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Found::Kept(text.to_owned()))
    }
    fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
        Ok(Found::Kept(text))
    }
    drop_other_types!(seq map);
}

/// A string field; any other type reads as missing.
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match deserializer.deserialize_any(StringVisitor)? {
        Found::Kept(text) => Some(text),
        Found::Dropped => None,
    })
}

struct BoolVisitor;

impl<'de> Visitor<'de> for BoolVisitor {
    type Value = Found<bool>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Found::Kept(value))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Found::Dropped)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Found::Dropped)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Found::Dropped)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Found::Dropped)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Found::Dropped)
    }
    drop_other_types!(@ str);
    drop_other_types!(@ seq);
    drop_other_types!(@ map);
}

/// A boolean field; any other type reads as missing.
pub fn boolean<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(match deserializer.deserialize_any(BoolVisitor)? {
        Found::Kept(value) => Some(value),
        Found::Dropped => None,
    })
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = Found<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Found::Kept)
    }
    drop_other_types!(str seq);
}

/// An object field (`T`'s own fields must all be lenient); any other type reads as missing.
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    Ok(match deserializer.deserialize_any(ObjectVisitor(PhantomData))? {
        Found::Kept(value) => Some(value),
        Found::Dropped => None,
    })
}

/// One list element: an object, or nothing.
struct Element<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Element<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object(deserializer).map(Element)
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Found<Vec<T>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Element(item)) = seq.next_element::<Element<T>>()? {
            items.extend(item);
        }
        Ok(Found::Kept(items))
    }
    drop_other_types!(str map);
}

/// A list of objects; `null`, a missing list or any other type reads as empty, and non-objects are skipped.
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    Ok(match deserializer.deserialize_any(ListVisitor(PhantomData))? {
        Found::Kept(items) => items,
        Found::Dropped => Vec::new(),
    })
}

/// The top level: `None` when the JSON is well-formed but not an object.
pub fn parse(text: &str) -> Result<Option<Summary>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let summary = object(&mut deserializer)?;
    deserializer.end()?;
    Ok(summary)
}

// Every field is optional and lenient, so an object of any shape deserializes; what is missing is decided
// when the wire types become the typed summary.

#[derive(serde::Deserialize)]
pub struct Summary {
    #[serde(default, deserialize_with = "object")]
    pub page: Option<Page>,
    #[serde(default, deserialize_with = "object")]
    pub status: Option<PageStatus>,
    #[serde(default, deserialize_with = "list")]
    pub components: Vec<Component>,
    #[serde(default, deserialize_with = "list")]
    pub incidents: Vec<Incident>,
    #[serde(default, deserialize_with = "list")]
    pub scheduled_maintenances: Vec<Maintenance>,
}

#[derive(serde::Deserialize)]
pub struct Page {
    #[serde(default, deserialize_with = "string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub url: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct PageStatus {
    #[serde(default, deserialize_with = "string")]
    pub indicator: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct Component {
    #[serde(default, deserialize_with = "string")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "boolean")]
    pub group: Option<bool>,
    #[serde(default, deserialize_with = "string")]
    pub updated_at: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct Incident {
    #[serde(default, deserialize_with = "string")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub impact: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub shortlink: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub started_at: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub incident_updates: Vec<Update>,
    #[serde(default, deserialize_with = "list")]
    pub components: Vec<ComponentRef>,
}

#[derive(serde::Deserialize)]
pub struct Update {
    #[serde(default, deserialize_with = "string")]
    pub body: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub affected_components: Vec<Affected>,
}

#[derive(serde::Deserialize)]
pub struct ComponentRef {
    #[serde(default, deserialize_with = "string")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub name: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct Affected {
    #[serde(default, deserialize_with = "string")]
    pub code: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub name: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct Maintenance {
    #[serde(default, deserialize_with = "string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub scheduled_for: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub scheduled_until: Option<String>,
    #[serde(default, deserialize_with = "string")]
    pub shortlink: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub components: Vec<ComponentRef>,
}
