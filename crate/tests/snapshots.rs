//! The heap after any step, rebuilt from the trace for the view.

use gcplay::session::Session;
use gcplay::Options;

const SEED: &str = "import gc\nobject_1 = {}\nobject_2 = {}\nobject_1['obj2'] = object_2\n\
object_2['obj1'] = object_1\ndel object_1, object_2\nprint(gc.collect())\n";

fn json(s: &mut Session, step: usize) -> serde_json::Value {
    serde_json::to_value(s.snapshot(step)).expect("snapshot json")
}

/// The first step at or after `from` whose snapshot satisfies `pred`.
fn find(s: &mut Session, from: usize, pred: impl Fn(&serde_json::Value) -> bool) -> (usize, serde_json::Value) {
    (from..s.steps()).map(|i| (i, json(s, i))).find(|(_, j)| pred(j)).expect("a matching step")
}

#[test]
fn a_dict_cycle_is_shown_with_its_arrows_then_collected_phase_by_phase() {
    let mut s = Session::start(SEED, &Options::default());
    let (_, cycle) = find(&mut s, 0, |j| j["line"] == 5);
    let dicts: Vec<&serde_json::Value> =
        cycle["objects"].as_array().unwrap().iter().filter(|o| o["type"] == "dict").collect();
    assert_eq!(dicts.len(), 2);
    assert!(dicts.iter().all(|d| d["refcount"] == 2));
    let labels: Vec<&str> = cycle["edges"].as_array().unwrap().iter().map(|e| e["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"['obj2']") && labels.contains(&"['obj1']"), "{labels:?}");
    let ids: Vec<u64> = dicts.iter().map(|d| d["id"].as_u64().unwrap()).collect();

    let (after_del, deleted) = find(&mut s, 0, |j| j["line"] == 6);
    assert!(deleted["narration"].as_str().unwrap().contains("cycle"), "{}", deleted["narration"]);
    let names: Vec<&str> =
        deleted["frames"][0]["vars"].as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["gc"]);

    // the collection's phases are steps of their own
    let phase = |p: &'static str| move |j: &serde_json::Value| j["collection"]["phase"] == p;
    let (i1, update) = find(&mut s, after_del, phase("update_refs"));
    for id in &ids {
        assert_eq!(update["collection"]["gcRefs"][id.to_string()], 1, "gc_refs starts as the refcount");
    }
    let (i2, subtract) = find(&mut s, i1, phase("subtract_refs"));
    for id in &ids {
        assert_eq!(subtract["collection"]["gcRefs"][id.to_string()], 0, "only references from each other");
    }
    assert_eq!(subtract["collection"]["internal"].as_array().unwrap().len(), 2);
    let (i3, unreachable) = find(&mut s, i2, phase("move_unreachable"));
    let mut marked: Vec<u64> =
        unreachable["collection"]["marked"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    marked.sort();
    assert_eq!(marked, ids);
    let (_, deleted) = find(&mut s, i3, phase("delete_garbage"));
    let causes: Vec<&str> = deleted["events"]
        .as_array()
        .unwrap()
        .iter()
        // (print's argument tuple is freed by refcount in the same step)
        .filter(|e| e["kind"] == "free" && e["type"] != "tuple")
        .map(|e| e["cause"].as_str().unwrap())
        .collect();
    assert_eq!(causes, vec!["gc", "gc"]);
    assert!(deleted["objects"].as_array().unwrap().iter().all(|o| o["type"] != "dict"));
    assert_eq!(deleted["stdout"], "2\n");
}

#[test]
fn stepping_back_restores_the_exact_earlier_heap() {
    let mut s = Session::start(SEED, &Options::default());
    let forward: Vec<String> = (0..s.steps()).map(|i| json(&mut s, i).to_string()).collect();
    for i in (0..s.steps()).rev() {
        assert_eq!(json(&mut s, i).to_string(), forward[i], "step {i}");
    }
}

#[test]
fn names_bound_to_hidden_objects_carry_their_repr() {
    let mut s = Session::start("import sys\nx = 5\n", &Options::default());
    let snap = json(&mut s, 2);
    let vars = snap["frames"][0]["vars"].as_array().unwrap();
    assert_eq!(vars[0]["repr"], "<module 'sys'>");
    assert_eq!(vars[1]["repr"], "5");
}

#[test]
fn reprs_show_immortal_items_and_self_reference_as_cpython_does() {
    let mut s = Session::start("x = [1, None, 'ab', 5000]\nd = {}\nd['k'] = d\n", &Options::default());
    let snap = json(&mut s, 3);
    let reprs: Vec<&str> = snap["objects"].as_array().unwrap().iter().map(|o| o["repr"].as_str().unwrap()).collect();
    assert!(reprs.contains(&"[1, None, 'ab', 5000]"), "{reprs:?}");
    assert!(reprs.contains(&"{'k': {...}}"), "{reprs:?}");
}

#[test]
fn interpreter_exit_is_a_step_and_finalizers_run_in_it() {
    let src = "class X:\n    def __del__(self):\n        print('bye')\nx = X()\n";
    let mut s = Session::start(src, &Options::default());
    let n = s.steps();
    let exit = (1..n).find(|&i| json(&mut s, i)["line"] == 0).expect("an exit step");
    let at_exit = json(&mut s, exit);
    assert!(at_exit["narration"].as_str().unwrap().contains("exit"), "{}", at_exit["narration"]);
    // __del__ runs after it: its line is a step of its own
    assert_eq!(json(&mut s, n - 1)["line"], 3);
    assert_eq!(json(&mut s, n - 1)["stdout"], "bye\n");
}

#[test]
fn the_collector_settings_and_the_exit_follow_the_program() {
    let src = "import gc\ngc.disable()\ngc.set_threshold(5, 3, 2)\ngc.enable()\nx = 1\n";
    let mut s = Session::start(src, &Options::default());
    let at = |s: &mut Session, line: u64| find(s, 0, move |j| j["line"] == line).1;
    let start = json(&mut s, 0);
    assert_eq!(start["gc"]["enabled"], true);
    assert_eq!(start["gc"]["threshold"], serde_json::json!([2000, 10, 10]));
    let disabled = at(&mut s, 2);
    assert_eq!(disabled["gc"]["enabled"], false);
    assert!(disabled["narration"].as_str().unwrap().contains("disabled"), "{}", disabled["narration"]);
    assert_eq!(at(&mut s, 3)["gc"]["threshold"], serde_json::json!([5, 3, 2]));
    assert_eq!(at(&mut s, 4)["gc"]["enabled"], true);
    // stepping back replays from the start: the profile's settings again
    assert_eq!(json(&mut s, 0)["gc"]["enabled"], true);
    assert_eq!(json(&mut s, 2)["gc"]["enabled"], false);
    // at exit the module's names are gone with its frame
    let last = s.steps() - 1;
    assert_eq!(json(&mut s, last)["frames"], serde_json::json!([]));
}

#[test]
fn a_collection_says_why_it_started() {
    let auto =
        "import gc\ngc.set_threshold(5, 10, 10)\nclass A: pass\nfor i in range(30):\n    a = A()\n    a.me = a\n";
    let mut s = Session::start(auto, &Options::default());
    let (_, first) = find(&mut s, 0, |j| j["collection"]["phase"] == "update_refs");
    assert_eq!(first["collection"]["generation"], 0);
    let reason = first["collection"]["reason"].as_str().unwrap();
    assert!(reason.starts_with("automatic: generation 0 count"), "{reason}");
    let narration = first["narration"].as_str().unwrap();
    assert!(
        narration.starts_with("A collection of generation 0 starts on its own, because generation 0 count"),
        "{narration}"
    );

    let mut s = Session::start(SEED, &Options::default());
    let (i, explicit) = find(&mut s, 0, |j| j["collection"]["phase"] == "update_refs");
    assert_eq!(explicit["collection"]["reason"], "gc.collect(2)");
    let narration = explicit["narration"].as_str().unwrap();
    assert!(narration.starts_with("A collection of generation 2 and the younger ones starts because the program called gc.collect(2). update_refs:"), "{narration}");
    // later phases carry no reason of their own
    let (_, next) = find(&mut s, i + 1, |j| j["collection"]["phase"] == "subtract_refs");
    assert!(next["collection"]["reason"].is_null());
}

/// The generation a snapshot gives each object is where the collector keeps
/// it: a collection of an older generation takes the younger ones in, its
/// survivors move up (or stay in the oldest), and gc.unfreeze() brings the
/// permanent generation back into the oldest.
#[test]
fn generations_follow_collections_freeze_and_unfreeze() {
    let src = "import gc\na = []\na.append(a)\ngc.collect(0)\nb = []\nb.append(b)\ngc.collect()\n\
               gc.freeze()\ngc.unfreeze()\nc = 1\n";
    let mut s = Session::start(src, &Options::default());
    let generation_on = |s: &mut Session, line: u64| {
        let (_, j) = find(s, 0, |j| j["line"] == line && j["collection"].is_null());
        let lists: Vec<Option<u64>> = j["objects"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["type"] == "list")
            .map(|o| o["generation"].as_u64())
            .collect();
        lists
    };
    assert_eq!(generation_on(&mut s, 3), vec![Some(0)]);
    // the step of the statement that ran the collection shows where it left them
    let (young, _) = find(&mut s, 0, |j| j["collection"]["phase"] == "move_unreachable");
    let j = json(&mut s, young);
    let narration = j["narration"].as_str().unwrap();
    assert!(narration.contains("0 objects reached by nothing outside are unreachable"), "{narration}");
    assert!(narration.contains("survivor moves from generation 0 to generation 1"), "{narration}");
    assert_eq!(generation_on(&mut s, 5), vec![Some(1), Some(0)]);
    let (full, _) = find(&mut s, young + 1, |j| j["collection"]["phase"] == "move_unreachable");
    let narration = json(&mut s, full)["narration"].as_str().unwrap().to_string();
    assert!(narration.contains("stay in generation 2"), "{narration}");
    // a full collection: generations 0 and 1 join generation 2 as it starts
    assert_eq!(generation_on(&mut s, 7), vec![Some(2), Some(2)]);
    assert_eq!(generation_on(&mut s, 8), vec![Some(3), Some(3)]);
    assert_eq!(generation_on(&mut s, 9), vec![Some(2), Some(2)]);
}
