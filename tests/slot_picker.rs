//! The messages between the widget in pick mode and the staff app: what the
//! staff app accepts as a picked slot or a height, and what it ignores.

#![cfg(target_arch = "wasm32")]

use frontdesk::embed::{reported_height, slot_picked, slot_picked_message};
use frontdesk_core::model::AppointmentSlot;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(value: &serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap()
}

#[wasm_bindgen_test]
fn a_picked_slot_round_trips_and_nothing_else_counts() {
    let slot = AppointmentSlot {
        type_id: 2,
        resource_id: Some("4".into()),
        start: "2026-03-02T10:00:00+01:00".into(),
        end: "2026-03-02T11:00:00+01:00".into(),
    };
    assert_eq!(slot_picked(&js(&slot_picked_message(&slot))), Some(slot));
    let any = serde_json::json!({"type": "frontdesk:slot-picked",
        "slot": {"type_id": 1, "resource_id": null, "start": "s", "end": "e"}});
    assert_eq!(slot_picked(&js(&any)).unwrap().resource_id, None);
    for other in [
        serde_json::json!({"type": "frontdesk:booked", "slot": {"type_id": 1, "start": "s", "end": "e"}}),
        serde_json::json!({"type": "frontdesk:slot-picked", "slot": {"start": "s"}}),
        serde_json::json!({"type": "frontdesk:slot-picked", "slot": {"type_id": 1, "start": "s", "end": "e", "admin": true}}),
        serde_json::json!("frontdesk:slot-picked"),
    ] {
        assert_eq!(slot_picked(&js(&other)), None, "{other}");
    }
    assert_eq!(slot_picked(&JsValue::UNDEFINED), None);
}

#[wasm_bindgen_test]
fn heights_come_only_from_the_widgets_resize_message() {
    let resize =
        serde_json::json!({"source": "frontdesk", "type": "resize", "detail": {"height": 640}});
    assert_eq!(reported_height(&js(&resize)), Some(640));
    let foreign =
        serde_json::json!({"source": "other", "type": "resize", "detail": {"height": 640}});
    assert_eq!(reported_height(&js(&foreign)), None);
    let booked =
        serde_json::json!({"source": "frontdesk", "type": "booked", "detail": {"height": 640}});
    assert_eq!(reported_height(&js(&booked)), None);
}

#[wasm_bindgen_test]
fn anything_else_a_page_may_post_is_ignored() {
    for data in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_str("hello"),
        js_sys::Function::new_no_args("").into(),
    ] {
        assert_eq!(slot_picked(&data), None);
        assert_eq!(reported_height(&data), None);
        assert!(!frontdesk::embed::is_pick_cancel(&data));
    }
    let cancel = serde_json::json!({"type": frontdesk::embed::PICK_CANCEL});
    assert!(frontdesk::embed::is_pick_cancel(&js(&cancel)));
}
