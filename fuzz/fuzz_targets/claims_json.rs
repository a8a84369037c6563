//! Arbitrary bytes as a claims payload, signed and read back without a key: jwt-core accepts
//! exactly the JSON objects that `serde_json` reads, less those that repeat a member name at
//! any depth or give a registered claim another type, and reads them to what `serde_json`
//! reads, into a claims map and into a typed struct. Signed the other way round, whatever
//! JSON `serde_json` reads from the bytes, and the typed struct, go into a token as exactly the
//! bytes `serde_json` writes for them, if they are claims, and are refused as invalid claims if
//! not. jwt-core reads and writes claims with JSON code of its own when it can; `serde_json` is
//! the reference here. Claims kept as JSON text (`decode_json`, `encode_json`) are accepted
//! exactly when the claims map is.

#![no_main]

use std::collections::BTreeMap;
use std::fmt;

use jwt_core::{Algorithm, Claims, ErrorKind, Header, SigningKey, Validation, dangerous, jws};
use jwt_core_fuzz::signer;
use libfuzzer_sys::fuzz_target;
use serde::de::{Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A claims type of the shapes callers use: optional fields, a unit-variant enum, numbers
/// read as integers and floats, arrays and maps of any JSON.
#[derive(Debug, PartialEq, Deserialize, Serialize)]
struct Typed {
    sub: Option<String>,
    exp: Option<f64>,
    iat: Option<u64>,
    nbf: Option<i64>,
    role: Option<Role>,
    scopes: Option<Vec<String>>,
    extra: Option<Vec<Value>>,
    nested: Option<BTreeMap<String, Value>>,
}

#[derive(Debug, PartialEq, Deserialize, Serialize)]
enum Role {
    #[serde(rename = "admin")]
    Admin,
    #[serde(rename = "user")]
    User,
}

/// A JSON value read by `serde_json`, refused if any object in it repeats a member name.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(v.into())
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(v.into())
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(v.into())
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(v.into())
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(name) = access.next_key::<String>()? {
            let Strict(value) = access.next_value()?;
            if map.insert(name, value).is_some() {
                return Err(A::Error::custom("repeated member name"));
            }
        }
        Ok(Value::Object(map))
    }
}

/// Whether the registered claims of `claims` have their registered types.
fn registered_types(claims: &Map<String, Value>) -> bool {
    let is = |name: &str, test: fn(&Value) -> bool| claims.get(name).is_none_or(test);
    let audience = |aud: &Value| {
        aud.is_string()
            || aud
                .as_array()
                .is_some_and(|auds| auds.iter().all(Value::is_string))
    };
    ["exp", "nbf", "iat"]
        .iter()
        .all(|name| is(name, Value::is_number))
        && ["iss", "sub", "jti"]
            .iter()
            .all(|name| is(name, Value::is_string))
        && is("aud", audience)
}

/// Checks that `encode` signs `claims` as `serde_json` writes them if they are claims (an object
/// whose registered claims have their types), and refuses them as invalid claims otherwise.
fn encodes_as_serde_json<C: Serialize>(key: &SigningKey, claims: &C) {
    let json = serde_json::to_vec(claims).expect("serializes");
    let are_claims = match serde_json::from_slice(&json) {
        Ok(Value::Object(claims)) => registered_types(&claims),
        _ => false,
    };
    let encoded = jwt_core::encode(key, &Header::new(), claims);
    if are_claims {
        let expected = jws::sign(key, br#"{"alg":"HS256","typ":"JWT"}"#, &json);
        assert_eq!(
            encoded.ok(),
            expected.ok(),
            "signed other than serde_json writes"
        );
    } else {
        assert_eq!(
            encoded.map_err(|err| err.kind()),
            Err(ErrorKind::InvalidClaims)
        );
    }
}

fuzz_target!(|payload: &[u8]| {
    let key = signer(Algorithm::HS256);
    let Ok(token) = jws::sign(key, br#"{"alg":"HS256"}"#, payload) else {
        panic!("any payload can be signed");
    };
    if let Ok(value) = serde_json::from_slice::<Value>(payload) {
        encodes_as_serde_json(key, &value);
    }
    let claims = dangerous::decode_unverified::<Claims>(&token).map(|data| data.claims);
    if token.len() > jwt_core::DEFAULT_MAX_TOKEN_BYTES {
        assert!(claims.is_err(), "a token over the size limit is refused");
        return;
    }
    let expected = match serde_json::from_slice::<Strict>(payload) {
        Ok(Strict(Value::Object(claims))) if registered_types(&claims) => Some(claims),
        _ => None,
    };
    assert!(
        claims.as_ref().ok() == expected.as_ref(),
        "jwt-core and serde_json disagree"
    );
    // Claims kept as JSON text (a binding's way) are checked by the same rules, whichever
    // scan reads them.
    let unchecked = Validation::new(Algorithm::HS256)
        .required_claims([])
        .ignore_audience()
        .validate_exp(false)
        .validate_nbf(false)
        .validate_iat(false);
    let json = jwt_core::decode_json(&token, &key.verifying_key(), &unchecked);
    assert_eq!(
        json.map(|data| data.claims).ok().as_deref(),
        expected.is_some().then_some(payload),
        "JSON claims checked otherwise"
    );
    assert_eq!(
        jwt_core::encode_json(key, &Header::new(), payload).is_ok(),
        expected.is_some(),
        "JSON claims signed otherwise"
    );

    let typed = dangerous::decode_unverified::<Typed>(&token).map(|data| data.claims);
    let expected_typed = expected.and_then(|_| serde_json::from_slice::<Typed>(payload).ok());
    if let Some(typed) = &expected_typed {
        encodes_as_serde_json(key, typed);
    }
    assert_eq!(typed.ok(), expected_typed);
});
