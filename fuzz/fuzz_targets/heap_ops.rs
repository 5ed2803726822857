//! Random heap operations, written as a Python program: containers and
//! instances linked by index, key and attribute, names dropped, collections
//! run with changing thresholds, finalizers that resurrect or raise, weakref
//! callbacks, `weakref.finalize`, `gc.callbacks`, `gc.freeze`, DEBUG_SAVEALL.
//! The heap's invariants are checked before every statement the eval loop
//! runs (the crate's `check` feature) and at the end, after the names are
//! dropped and a full collection: every count equals the references that
//! exist, nothing refers to a freed object, the generation lists match the
//! tracked flags, everything alive is reachable. The program must end
//! normally and run no `__del__` twice.
#![no_main]

use arbitrary::Arbitrary;
use gcplay::profile::Python;
use gcplay::Options;
use libfuzzer_sys::fuzz_target;
use std::fmt::Write;

/// Names the program works with.
const NAMES: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
/// Operations in one program, at most.
const MAX_OPS: usize = 200;

#[derive(Arbitrary, Debug)]
struct Program {
    python_312: bool,
    ops: Vec<Op>,
}

/// A name, by index into NAMES.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct N(u8);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(NAMES[self.0 as usize % NAMES.len()])
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Class {
    Plain,
    Resurrect,
    Raise,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Callback {
    None,
    Print,
    Keep,
    Raise,
    Collect,
}

#[derive(Arbitrary, Debug)]
enum Op {
    List(N),
    ListOf(N, N, u8),
    Dict(N),
    Tuple(N, N, N),
    New(N, Class),
    Append(N, N),
    SetIndex(N, u8, N),
    SetKey(N, u8, N),
    SetObjKey(N, N, N),
    SetAttr(N, u8, N),
    Pop(N),
    Clear(N),
    Nest(N, u8, bool),
    Rebind(N, N),
    Del(N),
    Weakref(N, N, Callback),
    Call(N, N),
    Finalize(N, N),
    Generator(N, N),
    Next(N),
    Catch(N, N),
    Referrers(N, N),
    Referents(N, N),
    Collect(Option<u8>),
    Threshold(u8, u8, u8),
    Enable(bool),
    Freeze(bool),
    GcCallback(bool),
    SaveAll(bool),
    ClearKept,
}

/// Classes and callbacks every program starts with. A finalizer that runs
/// twice on one object prints "finalized twice".
const PRELUDE: &str = r#"import gc
import weakref

keep = []


class Plain:
    pass


class Resurrect(Plain):
    def __del__(self):
        if getattr(self, "done", False):
            print("finalized twice")
        self.done = True
        keep.append(self)


class Raise(Plain):
    def __del__(self):
        if getattr(self, "done", False):
            print("finalized twice")
        self.done = True
        raise ValueError("from __del__")


def cb_print(w):
    print("callback")


def cb_keep(w):
    keep.append(w)


def cb_raise(w):
    raise KeyError("from a callback")


def cb_collect(w):
    gc.collect()


def on_gc(phase, info):
    keep.append(phase)


def gen(v):
    yield v
    yield [v]


a = b = c = d = e = f = None
"#;

impl Op {
    fn write(&self, out: &mut String) -> std::fmt::Result {
        match *self {
            Op::List(x) => writeln!(out, "{x} = []"),
            Op::ListOf(x, y, n) => writeln!(out, "{x} = [{y}] * {}", n % 8),
            Op::Dict(x) => writeln!(out, "{x} = {{}}"),
            Op::Tuple(x, y, z) => writeln!(out, "{x} = ({y}, {z})"),
            Op::New(x, class) => writeln!(out, "{x} = {class:?}()"),
            Op::Append(x, y) => writeln!(out, "if type({x}) is list:\n    {x}.append({y})"),
            Op::SetIndex(x, i, y) => writeln!(out, "if type({x}) is list and {x}:\n    {x}[{i} % len({x})] = {y}"),
            Op::SetKey(x, k, y) => writeln!(out, "if type({x}) is dict:\n    {x}[\"k{}\"] = {y}", k % 4),
            Op::SetObjKey(x, y, z) => writeln!(out, "try:\n    {x}[{y}] = {z}\nexcept TypeError:\n    pass"),
            Op::SetAttr(x, n, y) => writeln!(out, "if isinstance({x}, Plain):\n    {x}.attr{} = {y}", n % 3),
            Op::Pop(x) => writeln!(
                out,
                "if type({x}) is list and {x}:\n    {x}.pop()\nelif type({x}) is dict and {x}:\n    {x}.popitem()"
            ),
            Op::Clear(x) => writeln!(
                out,
                "if type({x}) is list or type({x}) is dict:\n    {x}.clear()\nelif isinstance({x}, Plain):\n    {x}.__dict__.clear()"
            ),
            // one statement, nested up to 100 deep: past the trashcan's 50
            Op::Nest(x, depth, tuple) => {
                let depth = depth as usize % 100 + 1;
                let (open, close) = if tuple { ("(", ",)") } else { ("[", "]") };
                writeln!(out, "{x} = {}{x}{}", open.repeat(depth), close.repeat(depth))
            }
            Op::Rebind(x, y) => writeln!(out, "{x} = {y}"),
            Op::Del(x) => writeln!(out, "del {x}\n{x} = None"),
            Op::Weakref(x, y, callback) => {
                let cb = match callback {
                    Callback::None => String::new(),
                    other => format!(", cb_{}", format!("{other:?}").to_lowercase()),
                };
                writeln!(out, "if isinstance({y}, Plain):\n    {x} = weakref.ref({y}{cb})")
            }
            Op::Call(x, y) => writeln!(out, "if type({y}) is weakref.ref:\n    {x} = {y}()"),
            Op::Finalize(x, y) => {
                writeln!(out, "if isinstance({y}, Plain):\n    {x} = weakref.finalize({y}, print, \"finalize\")")
            }
            Op::Generator(x, y) => writeln!(out, "{x} = gen({y})"),
            Op::Next(x) => writeln!(out, "try:\n    {x} = next({x}, None)\nexcept TypeError:\n    pass"),
            Op::Catch(x, y) => {
                writeln!(out, "try:\n    raise ValueError({y})\nexcept ValueError as err:\n    {x} = err")
            }
            Op::Referrers(x, y) => writeln!(out, "{x} = gc.get_referrers({y})"),
            Op::Referents(x, y) => writeln!(out, "{x} = gc.get_referents({y})"),
            Op::Collect(None) => writeln!(out, "gc.collect()"),
            Op::Collect(Some(g)) => writeln!(out, "gc.collect({})", g % 3),
            Op::Threshold(t0, t1, t2) => writeln!(out, "gc.set_threshold({}, {}, {})", t0 % 30, t1 % 12, t2 % 12),
            Op::Enable(true) => writeln!(out, "gc.enable()"),
            Op::Enable(false) => writeln!(out, "gc.disable()"),
            Op::Freeze(true) => writeln!(out, "gc.freeze()"),
            Op::Freeze(false) => writeln!(out, "gc.unfreeze()"),
            Op::GcCallback(true) => writeln!(out, "gc.callbacks.append(on_gc)"),
            Op::GcCallback(false) => writeln!(out, "gc.callbacks.clear()"),
            Op::SaveAll(on) => writeln!(out, "gc.set_debug({})", if on { "gc.DEBUG_SAVEALL" } else { "0" }),
            Op::ClearKept => writeln!(out, "keep.clear()"),
        }
    }
}

/// The program: the prelude, the operations, then every name dropped and a
/// full collection of everything (frozen objects included).
fn source(ops: &[Op]) -> String {
    let mut src = String::from(PRELUDE);
    for op in ops {
        op.write(&mut src).expect("write to a String");
    }
    src.push_str("a = b = c = d = e = f = err = None\ngc.unfreeze()\ngc.callbacks.clear()\ngc.collect()\n");
    src
}

fuzz_target!(|program: Program| {
    let src = source(&program.ops[..program.ops.len().min(MAX_OPS)]);
    // to see the program an input stands for: HEAP_OPS_PRINT=1 cargo fuzz run heap_ops FILE
    if std::env::var_os("HEAP_OPS_PRINT").is_some() {
        eprintln!("{src}");
    }
    let python = if program.python_312 { Python::P312 } else { Python::P313 };
    // the native stack the CLI gives the interpreter
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || check(&src, python))
        .expect("start the interpreter thread")
        .join()
        .expect("no panic");
});

fn check(src: &str, python: Python) {
    let opts = Options { python, max_steps: 100_000, trace: false, check: true, ..Options::default() };
    let out = gcplay::run(src, &opts);
    assert_eq!(out.exit_code, 0, "the program ends normally\n{src}\n{}", out.stderr);
    assert!(!out.stdout.contains("finalized twice"), "a finalizer ran twice\n{src}");
    assert!(out.problems.is_empty(), "heap invariants\n{src}\n{:#?}", out.problems);
}
