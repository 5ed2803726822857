//! The exported wasm API, called as the page calls it, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use gcplay::wasm::run;
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

#[wasm_bindgen_test]
fn run_records_a_list_freed_by_del() {
    let mut s = run("lst = []\ndel lst\n", JsValue::UNDEFINED).expect("run");
    let summary = s.summary().expect("summary");
    // before the first statement, two statements, then interpreter exit (with its collection's phases)
    assert!(get(&summary, "steps").as_f64().unwrap_or(0.0) >= 4.0);
    assert_eq!(get(&summary, "exitCode").as_f64(), Some(0.0));

    let after_assign = s.snapshot(1).expect("snapshot 1");
    let objects = js_sys::Array::from(&get(&after_assign, "objects"));
    assert_eq!(objects.length(), 1);
    let list = objects.get(0);
    assert_eq!(get(&list, "type").as_string().as_deref(), Some("list"));
    assert_eq!(get(&list, "refcount").as_f64(), Some(1.0));

    let after_del = s.snapshot(2).expect("snapshot 2");
    assert_eq!(js_sys::Array::from(&get(&after_del, "objects")).length(), 0);
    let events = js_sys::Array::from(&get(&after_del, "events"));
    let free = events.iter().find(|e| get(e, "kind").as_string().as_deref() == Some("free")).expect("a free event");
    assert_eq!(get(&free, "cause").as_string().as_deref(), Some("refcount"));
}

#[wasm_bindgen_test]
fn syntax_errors_come_back_as_data() {
    let s = run("x = (\n", JsValue::UNDEFINED).expect("run");
    let summary = s.summary().expect("summary");
    assert_eq!(get(&summary, "exitCode").as_f64(), Some(1.0));
    let error = get(&summary, "error");
    assert_eq!(get(&error, "kind").as_string().as_deref(), Some("SyntaxError"));
    assert_eq!(get(&error, "message").as_string().as_deref(), Some("'(' was never closed"));
    // an IndentationError is a syntax error of its own type
    let s = run("if True:\npass\n", JsValue::UNDEFINED).expect("run");
    let error = get(&s.summary().expect("summary"), "error");
    assert_eq!(get(&error, "kind").as_string().as_deref(), Some("SyntaxError"));
    assert_eq!(get(&error, "type").as_string().as_deref(), Some("IndentationError"));
}

#[wasm_bindgen_test]
fn every_snapshot_of_a_collection_crosses_into_javascript() {
    let src = "import gc\na = {}\nb = {'a': a}\na['b'] = b\ndel a, b\nprint(gc.collect())\n";
    let mut s = run(src, JsValue::UNDEFINED).expect("run");
    let steps = get(&s.summary().expect("summary"), "steps").as_f64().expect("steps") as u32;
    let mut phases = Vec::new();
    for step in 0..steps {
        let snap = s.snapshot(step).expect("every step serializes");
        let c = get(&snap, "collection");
        if !c.is_null() && !c.is_undefined() {
            phases.push(get(&c, "phase").as_string().expect("phase"));
        }
    }
    assert!(
        phases.starts_with(&["update_refs".into(), "subtract_refs".into(), "move_unreachable".into()]),
        "{phases:?}"
    );
}

#[wasm_bindgen_test]
fn run_reads_its_options_from_a_plain_object() {
    let options = js_sys::Object::new();
    Reflect::set(&options, &"python".into(), &"3.12".into()).expect("set");
    Reflect::set(&options, &"maxSteps".into(), &JsValue::from_f64(1e9)).expect("set");
    Reflect::set(&options, &"trace".into(), &JsValue::NULL).expect("set");
    let s = run("print(1)\n", options.into()).expect("run");
    let summary = s.summary().expect("summary");
    assert_eq!(get(&summary, "python").as_string().as_deref(), Some("3.12"));
    assert_eq!(get(&summary, "stdout").as_string().as_deref(), Some("1\n"));
    assert!(get(&summary, "error").is_null());

    for (key, value) in [("python", JsValue::from("3.11")), ("maxSteps", "many".into()), ("trace", 1.into())] {
        let options = js_sys::Object::new();
        Reflect::set(&options, &key.into(), &value).expect("set");
        assert!(run("pass\n", options.into()).is_err(), "{key}");
    }
    assert!(run("pass\n", JsValue::from(3)).is_err());
}
