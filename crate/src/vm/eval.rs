//! The eval loop: one instruction at a time over the frame stack.
//!
//! Python → Python calls push a frame and continue in the same loop; only
//! native → Python calls (finalizers, `__init__` from a type call, repr) nest
//! a new loop, as in CPython.

use super::{Frame, PyErr, TbEntry, Vm};
use crate::code::{Code, Const, NameCache, Op};
use crate::dict::{Dict, Key};
use crate::heap::{flags, Heap, ObjRef};
use crate::object::{GenState, Obj, SavedFrame};
use crate::trace::Event;
use hashbrown::HashMap;
use std::rc::Rc;

/// Statements between two returns of the instruction loop to its caller.
const REENTER_STATEMENTS: u32 = 4096;

impl Vm {
    #[inline]
    pub(crate) fn push(&mut self, r: ObjRef) {
        self.stack.push(r);
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> ObjRef {
        self.stack.pop().expect("value stack underflow")
    }

    #[inline]
    fn top(&self) -> ObjRef {
        *self.stack.last().expect("value stack empty")
    }

    pub(crate) fn new_frame_id(&mut self) -> u32 {
        let id = self.next_frame_id;
        self.next_frame_id += 1;
        id
    }

    /// Run module code to completion.
    pub fn run_module(&mut self, code: Rc<Code>) -> Result<(), PyErr> {
        // what compiling left (crate::startup): the module's own set-up below
        // was counted there, as CPython's start-up and compiler make it
        let start = (self.gc.count, self.gc.free_lists.clone(), self.gc.scheduled);
        // the __main__ module's dict: made at start-up after the last start-up
        // collection, so it is young, and tracked (it holds __builtins__)
        let globals = self.alloc_hidden(Obj::Dict(Box::new(Dict::new())));
        self.track(globals);
        let name_key = self.alloc_internal(Obj::Str("__name__".into()));
        let main = self.alloc_internal(Obj::Str("__main__".into()));
        if let Obj::Dict(d) = self.heap.get_mut(globals) {
            d.set(Key::Str("__name__".into()), name_key, main);
        }
        let id = self.new_frame_id();
        if self.tracing {
            self.trace.push(Event::FramePush { frame: id, name: "<module>".into() });
        }
        self.module_frame = id;
        self.main_globals = globals;
        let consts = self.materialize_consts(&code);
        // the module's code object holds its constants while the program runs
        self.module_consts = consts.clone();
        let base = self.stack.len();
        for _ in 0..code.varnames.len() {
            self.stack.push(ObjRef::NULL);
        }
        // the cells of inlined comprehensions
        for _ in 0..code.cellvars.len() {
            let c = self.alloc(Obj::Cell(ObjRef::NULL));
            self.stack.push(c);
        }
        self.frames.push(Frame {
            code,
            consts,
            pc: 0,
            base,
            globals,
            ns: globals,
            func: ObjRef::NULL,
            id,
            frame_obj: ObjRef::NULL,
            gen: ObjRef::NULL,
        });
        (self.gc.count, self.gc.free_lists, self.gc.scheduled) = start;
        self.end_step();
        // the module's RESUME: a collection compiling scheduled runs here
        self.eval_breaker()?;
        let result = self.eval(self.frames.len() - 1);
        if let Ok(r) = result {
            self.decref(r);
        }
        self.end_step();
        result.map(|_| ())
    }

    /// Interpreter exit, as Py_FinalizeEx does it: pending `weakref.finalize`
    /// calls (newest first), then the module's names go, then a full collection
    /// finalizes what only cycles kept alive.
    pub fn shutdown(&mut self) {
        if self.main_globals.is_null() {
            return;
        }
        if self.tracing {
            self.end_step();
            self.trace.begin_step(0);
        }
        self.frames.clear();
        let pending: Vec<ObjRef> = self
            .finalizers
            .iter()
            .rev()
            .map(|&(f, _)| f)
            .filter(|&f| matches!(self.heap.get(f), crate::object::Obj::Finalizer { atexit: true, .. }))
            .collect();
        for f in pending {
            let r = self.run_finalizer(f);
            self.decref(r);
        }
        // Py_FinalizeEx: a full collection while the modules still hold their
        // names (it reorders the survivors, as any collection does), then
        // `__main__` goes and a last collection finalizes what it held.
        if self.collect_before_exit() && self.tracing {
            // the module's release is a step of its own after that collection's phases
            self.end_step();
            self.trace.begin_step(0);
        }
        let g = std::mem::replace(&mut self.main_globals, ObjRef::NULL);
        if self.tracing {
            // the module's names go with its globals
            self.trace.push(Event::FramePop { frame: self.module_frame });
        }
        self.decref(g);
        self.gc.collecting = false;
        self.collect_at_exit();
        self.end_step();
    }

    /// Run frames from `entry` until it returns (or yields); the result is a new reference.
    pub(crate) fn eval(&mut self, entry: usize) -> Result<ObjRef, PyErr> {
        loop {
            match self.eval_inner(entry) {
                Ok(Some(r)) => return Ok(r),
                Ok(None) => continue,
                Err(mut e) => {
                    if e.limit {
                        // limits are not Python exceptions: nothing catches them;
                        // the report shows where the innermost frame stopped
                        if let (true, Some(f)) = (e.tb.is_empty(), self.frames.last()) {
                            let pc = f.pc.saturating_sub(1);
                            let line = f.code.lines.get(pc).copied().unwrap_or(0);
                            let span = f.code.spans.get(pc).copied().unwrap_or((0, 0));
                            e.tb.push(TbEntry { line, name: f.code.name.clone(), span });
                        }
                        while self.frames.len() > entry {
                            self.pop_frame(true);
                        }
                        return Err(e);
                    }
                    match self.handle_exception(entry, e) {
                        Ok(()) => continue,
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }

    /// An exception in the top frame: record the traceback, then either jump to
    /// this frame's handler or pop frames (down to `entry`) looking for one.
    fn handle_exception(&mut self, entry: usize, mut e: PyErr) -> Result<(), PyErr> {
        let exc = self.materialize(&mut e);
        loop {
            let fi = self.frames.len() - 1;
            let (line, span, name, handler) = {
                let f = &self.frames[fi];
                let pc = f.pc.saturating_sub(1);
                let h = f.code.handler_of.get(pc).copied().unwrap_or(u32::MAX);
                (
                    f.code.lines.get(pc).copied().unwrap_or(0),
                    f.code.spans.get(pc).copied().unwrap_or((0, 0)),
                    f.code.name.clone(),
                    h,
                )
            };
            if !e.reraised_here(fi) {
                e.tb.push(TbEntry { line, name, span });
                self.add_traceback(exc, fi, line);
            }
            e.clear_reraise();
            if handler != u32::MAX {
                let h = self.frames[fi].code.handlers[handler as usize];
                let floor = self.frames[fi].base + self.frames[fi].nslots() + h.depth as usize;
                while self.stack.len() > floor {
                    let r = self.pop();
                    self.xdecref(r);
                }
                self.push(exc);
                self.frames[fi].pc = h.target as usize;
                return Ok(());
            }
            let gen = self.frames[fi].gen;
            if !gen.is_null() {
                self.finish_generator(fi);
            } else {
                self.pop_frame(true);
            }
            if self.frames.len() <= entry {
                e.tb.reverse();
                e.exc = exc;
                e.lazy = None;
                return Err(e);
            }
        }
    }

    /// Pop the top frame: its value stack (top first when unwinding), then its
    /// locals in order, then the function object, as CPython clears frames.
    /// A frame object still referenced (by a traceback) takes the locals over.
    pub(crate) fn pop_frame(&mut self, unwinding: bool) {
        let f = self.frames.pop().expect("frame");
        let nslots = f.nslots();
        let stack_start = f.base + nslots;
        if unwinding {
            while self.stack.len() > stack_start {
                let r = self.pop();
                self.xdecref(r);
            }
        }
        let locals: Vec<ObjRef> = self.stack.drain(f.base..).collect();
        let nlocals = f.code.varnames.len();
        if !f.frame_obj.is_null() && self.heap.slot(f.frame_obj).rc > 1 {
            // the traceback keeps this frame's locals alive; like take_ownership, the
            // frame object links to its caller's, which is made now if need be
            let back = match self.frames.len() {
                0 => ObjRef::NULL,
                n => {
                    let b = self.frame_object(n - 1);
                    self.incref(b);
                    b
                }
            };
            if let Obj::Frame(fo) = self.heap.get_mut(f.frame_obj) {
                fo.locals = locals;
                fo.func = f.func;
                fo.back = back;
            }
            self.track(f.frame_obj);
            if self.tracing && !f.func.is_null() {
                self.trace.push(Event::FramePop { frame: f.id });
            }
            self.decref(f.frame_obj);
            return;
        }
        for (i, r) in locals.into_iter().enumerate() {
            if !r.is_null() {
                if self.tracing && i < nlocals && !f.func.is_null() {
                    let name = f.code.varnames[i].clone();
                    self.trace_bind(f.id, name, None);
                }
                self.decref(r);
            }
        }
        // the module frame stays on the view: its globals outlive the code
        if self.tracing && !f.func.is_null() {
            self.trace.push(Event::FramePop { frame: f.id });
        }
        self.xdecref(f.frame_obj);
        self.xdecref(f.func);
        if f.func.is_null() && f.ns != f.globals {
            // a class body owns its namespace reference
            self.xdecref(f.ns);
        }
    }

    /// The loop over instructions. It returns None now and then, to be called
    /// again: V8 runs a call of a wasm function in the code it started with,
    /// so a long run would otherwise stay in its baseline compilation.
    fn eval_inner(&mut self, entry: usize) -> Result<Option<ObjRef>, PyErr> {
        loop {
            let fi = self.frames.len() - 1;
            let (op, line, next) = {
                let f = &mut self.frames[fi];
                let op = f.code.ops[f.pc];
                let line = f.code.lines[f.pc];
                f.pc += 1;
                (op, line, f.pc)
            };
            match op {
                Op::Stmt => {
                    self.begin_step(line)?;
                    self.reenter = self.reenter.wrapping_sub(1);
                    if self.reenter == 0 {
                        self.reenter = REENTER_STATEMENTS;
                        return Ok(None);
                    }
                }
                Op::Nop | Op::ReturnGenerator => {}
                Op::LoadConst(i) => {
                    let r = self.frames[fi].consts[i as usize];
                    self.incref(r);
                    self.push(r);
                }
                Op::PushNull => self.push(ObjRef::NULL),
                Op::LoadGlobal(i) => self.load_global_cached(fi, i as usize)?,
                Op::LoadName(i) if self.frames[fi].ns == self.frames[fi].globals => {
                    self.load_global_cached(fi, i as usize)?
                }
                Op::LoadName(i) => {
                    // a class body: its namespace, then the module's
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let (ns, globals) = (self.frames[fi].ns, self.frames[fi].globals);
                    let r = match self.dict_lookup_str(ns, &name) {
                        Some(v) => v,
                        None => self.lookup_global(globals, &name)?,
                    };
                    self.incref(r);
                    self.push(r);
                }
                Op::StoreName(i) | Op::StoreGlobal(i) => {
                    let f = &self.frames[fi];
                    let d = if matches!(op, Op::StoreName(_)) { f.ns } else { f.globals };
                    let v = self.pop();
                    self.store_name_cached(fi, i as usize, d, v);
                }
                Op::DeleteName(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let ns = self.frames[fi].ns;
                    self.delete_from_dict(ns, &name)?;
                }
                Op::DeleteGlobal(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let globals = self.frames[fi].globals;
                    self.delete_from_dict(globals, &name)?;
                }
                Op::LoadFast(i) => {
                    let r = self.stack[self.frames[fi].base + i as usize];
                    if r.is_null() {
                        return Err(self.unbound_local(fi, i));
                    }
                    self.incref(r);
                    self.push(r);
                }
                Op::LoadFastAndClear(i) => {
                    let slot = self.frames[fi].base + i as usize;
                    let r = std::mem::replace(&mut self.stack[slot], ObjRef::NULL);
                    self.push(r);
                }
                Op::StoreFast(i) => {
                    let v = self.pop();
                    let slot = self.frames[fi].base + i as usize;
                    let old = std::mem::replace(&mut self.stack[slot], v);
                    let named = |n: &Rc<str>| !n.starts_with('.');
                    if self.tracing && !v.is_null() && self.frames[fi].code.varnames.get(i as usize).is_some_and(named)
                    {
                        let f = &self.frames[fi];
                        let (name, id) = (f.code.varnames[i as usize].clone(), f.id);
                        self.trace_bind(id, name, Some(v));
                    }
                    self.xdecref(old);
                }
                Op::DeleteFast(i) => {
                    let slot = self.frames[fi].base + i as usize;
                    let old = std::mem::replace(&mut self.stack[slot], ObjRef::NULL);
                    if old.is_null() {
                        return Err(self.unbound_local(fi, i));
                    }
                    if self.tracing {
                        let f = &self.frames[fi];
                        let (name, id) = (f.code.varnames[i as usize].clone(), f.id);
                        self.trace_bind(id, name, None);
                    }
                    self.decref(old);
                }
                Op::LoadDeref(i) => {
                    let cell = self.cell_at(fi, i);
                    let v = match self.heap.get(cell) {
                        Obj::Cell(v) => *v,
                        _ => ObjRef::NULL,
                    };
                    if v.is_null() {
                        return Err(self.unbound_deref(fi, i));
                    }
                    self.incref(v);
                    self.push(v);
                }
                Op::StoreDeref(i) => {
                    let v = self.pop();
                    let cell = self.cell_at(fi, i);
                    self.cell_set(cell, v);
                }
                Op::DeleteDeref(i) => {
                    let cell = self.cell_at(fi, i);
                    let old = match self.heap.get(cell) {
                        Obj::Cell(v) => *v,
                        _ => ObjRef::NULL,
                    };
                    if old.is_null() {
                        return Err(self.unbound_deref(fi, i));
                    }
                    self.cell_set(cell, ObjRef::NULL);
                }
                Op::MakeCell(i) => {
                    let f = &self.frames[fi];
                    let slot = f.base + f.code.varnames.len() + i as usize;
                    let c = self.alloc(Obj::Cell(self.stack[slot]));
                    self.stack[slot] = c;
                }
                Op::LoadClosure(i) => {
                    let cell = self.cell_at(fi, i);
                    self.incref(cell);
                    self.push(cell);
                }
                Op::LoadAttr(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let obj = self.pop();
                    let r = self.get_attr(obj, &name);
                    self.decref(obj);
                    let r = r?;
                    self.push(r);
                }
                Op::LoadMethod(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let obj = self.pop();
                    match self.get_method(obj, &name) {
                        Ok(Some(m)) => {
                            // [method, self]: the object's reference moves to the self slot
                            self.push(m);
                            self.push(obj);
                        }
                        Ok(None) => {
                            let r = self.get_attr(obj, &name);
                            self.decref(obj);
                            let r = r?;
                            self.push(r);
                            self.push(ObjRef::NULL);
                        }
                        Err(e) => {
                            self.decref(obj);
                            return Err(e);
                        }
                    }
                }
                Op::StoreAttr(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let obj = self.pop();
                    let v = self.pop();
                    let r = self.set_attr(obj, &name, v);
                    self.decref(v);
                    self.decref(obj);
                    r?;
                }
                Op::DeleteAttr(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let obj = self.pop();
                    let r = self.del_attr(obj, &name);
                    self.decref(obj);
                    r?;
                }
                Op::BinarySubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let r = self.getitem(obj, key);
                    self.decref(obj);
                    self.decref(key);
                    let r = r?;
                    self.push(r);
                }
                Op::StoreSubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let v = self.pop();
                    let r = self.setitem(obj, key, v);
                    self.decref(v);
                    self.decref(obj);
                    self.decref(key);
                    r?;
                }
                Op::DeleteSubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let r = self.delitem(obj, key);
                    self.decref(obj);
                    self.decref(key);
                    r?;
                }
                Op::BinarySlice => {
                    let stop = self.pop();
                    let start = self.pop();
                    let obj = self.pop();
                    let r = self.get_slice(obj, start, stop, self.none);
                    self.decref(obj);
                    self.decref(start);
                    self.decref(stop);
                    let r = r?;
                    self.push(r);
                }
                Op::StoreSlice => {
                    let stop = self.pop();
                    let start = self.pop();
                    let obj = self.pop();
                    let v = self.pop();
                    let r = self.set_slice(obj, start, stop, self.none, v);
                    self.decref(v);
                    self.decref(obj);
                    self.decref(start);
                    self.decref(stop);
                    r?;
                }
                Op::BuildSlice(n) => {
                    let step = if n == 3 { self.pop() } else { self.none };
                    let stop = self.pop();
                    let start = self.pop();
                    let r = self.alloc(Obj::Slice { start, stop, step });
                    self.push(r);
                }
                Op::Binary(b) | Op::InplaceBinary(b) => {
                    let rhs = self.pop();
                    let lhs = self.pop();
                    let inplace = matches!(op, Op::InplaceBinary(_));
                    let r = self.binary(b, lhs, rhs, inplace);
                    self.decref(lhs);
                    self.decref(rhs);
                    let r = r?;
                    self.push(r);
                }
                Op::Unary(u) => {
                    let v = self.pop();
                    let r = self.unary(u, v);
                    self.decref(v);
                    let r = r?;
                    self.push(r);
                }
                Op::Compare(c) => {
                    let rhs = self.pop();
                    let lhs = self.pop();
                    let r = self.compare(c, lhs, rhs);
                    self.decref(lhs);
                    self.decref(rhs);
                    let b = r?;
                    let r = self.bool(b);
                    self.push(r);
                }
                Op::Is(neg) => {
                    let rhs = self.pop();
                    let lhs = self.pop();
                    let r = self.bool((lhs == rhs) != neg);
                    self.decref(lhs);
                    self.decref(rhs);
                    self.push(r);
                }
                Op::Contains(neg) => {
                    let container = self.pop();
                    let item = self.pop();
                    let r = self.contains(container, item);
                    self.decref(item);
                    self.decref(container);
                    let b = r?;
                    let r = self.bool(b != neg);
                    self.push(r);
                }
                Op::BuildList(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    let r = self.new_list(items);
                    self.push(r);
                }
                Op::BuildTuple(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    let r = self.new_tuple(items);
                    self.push(r);
                }
                Op::BuildSet(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    let s = self.alloc(Obj::Set(Box::default()));
                    let mut err = None;
                    for x in items {
                        if err.is_none() {
                            if let Err(e) = self.set_add(s, x) {
                                err = Some(e);
                            }
                        }
                        self.decref(x);
                    }
                    if let Some(e) = err {
                        self.decref(s);
                        return Err(e);
                    }
                    self.push(s);
                }
                Op::BuildMap(n) => {
                    let items = self.stack.split_off(self.stack.len() - 2 * n as usize);
                    let d = self.alloc(Obj::Dict(Box::new(Dict::new())));
                    // _PyDict_FromItems, then the inputs are dropped last to
                    // first (the dict before them when it failed)
                    let mut err = None;
                    for pair in items.chunks(2) {
                        if let Err(e) = self.dict_set(d, pair[0], pair[1]) {
                            err = Some(e);
                            break;
                        }
                    }
                    if err.is_some() {
                        self.decref(d);
                    }
                    for x in items.into_iter().rev() {
                        self.decref(x);
                    }
                    if let Some(e) = err {
                        return Err(e);
                    }
                    self.push(d);
                }
                Op::ListAppend(n) => {
                    let v = self.pop();
                    let list = self.stack[self.stack.len() - n as usize];
                    self.list_push(list, v);
                    self.decref(v);
                }
                Op::SetAdd(n) => {
                    let v = self.pop();
                    let set = self.stack[self.stack.len() - n as usize];
                    let r = self.set_add(set, v);
                    self.decref(v);
                    r?;
                }
                Op::MapAdd(n) => {
                    let v = self.pop();
                    let k = self.pop();
                    let d = self.stack[self.stack.len() - n as usize];
                    let r = self.dict_set_with(d, k, v, false);
                    self.decref(k);
                    self.decref(v);
                    r?;
                }
                Op::ListExtend(n) => {
                    let it = self.pop();
                    let list = self.stack[self.stack.len() - n as usize];
                    let r = self.list_extend(list, it);
                    let r = r.map_err(|e| self.star_error(e, it, "Value"));
                    self.decref(it);
                    r?;
                }
                Op::StarArgs => {
                    let it = self.pop();
                    let r = if matches!(self.heap.get(it), Obj::Tuple(_)) {
                        self.incref(it);
                        Ok(it)
                    } else {
                        self.collect_iterable(it).map(|items| self.new_tuple(items))
                    };
                    let n = self.stack.len();
                    let (callable, this) = (self.stack[n - 2], self.stack[n - 1]);
                    let r = r.map_err(|e| {
                        let f = self.function_str(callable, this);
                        self.star_error(e, it, &format!("{f} argument"))
                    });
                    self.decref(it);
                    let t = r?;
                    self.push(t);
                }
                Op::DictMerge => {
                    let other = self.pop();
                    let d = self.stack[self.stack.len() - 1];
                    let n = self.stack.len();
                    let r = self.dict_merge([self.stack[n - 4], self.stack[n - 3]], d, other);
                    self.decref(other);
                    r?;
                }
                Op::SetUpdate(n) => {
                    let it = self.pop();
                    let set = self.stack[self.stack.len() - n as usize];
                    let r = self.set_update(set, it);
                    self.decref(it);
                    r?;
                }
                Op::DictUpdate(n) => {
                    let other = self.pop();
                    let d = self.stack[self.stack.len() - n as usize];
                    let r = if matches!(self.heap.get(other), Obj::Dict(_)) {
                        self.dict_update(d, other)
                    } else {
                        Err(PyErr::type_error(format!("'{}' object is not a mapping", self.type_name(other))))
                    };
                    self.decref(other);
                    r?;
                }
                Op::ListToTuple => {
                    let list = self.pop();
                    let items = self.seq_items(list);
                    for &x in &items {
                        self.incref(x);
                    }
                    let t = self.new_tuple(items);
                    self.decref(list);
                    self.push(t);
                }
                Op::FormatValue(conv, has_spec) => {
                    let spec = if has_spec { self.pop() } else { ObjRef::NULL };
                    let v = self.pop();
                    let r = self.format_value(v, conv, spec);
                    self.decref(v);
                    self.xdecref(spec);
                    let r = r?;
                    self.push(r);
                }
                Op::BuildString(n) => {
                    let parts = self.stack.split_off(self.stack.len() - n as usize);
                    let mut s = String::new();
                    for &p in &parts {
                        if let Obj::Str(t) = self.heap.get(p) {
                            s.push_str(t);
                        }
                    }
                    for p in parts {
                        self.decref(p);
                    }
                    let r = self.str(&s);
                    self.push(r);
                }
                Op::Call(argc) => self.call_op(argc as usize, None)?,
                Op::CallKw(argc, k) => {
                    let names = match &self.frames[fi].code.consts[k as usize] {
                        Const::Tuple(t) => t
                            .iter()
                            .map(|c| match c {
                                Const::Str(s) => s.clone(),
                                _ => Rc::from(""),
                            })
                            .collect::<Vec<_>>(),
                        _ => Vec::new(),
                    };
                    self.call_op(argc as usize, Some(names))?
                }
                Op::CallEx(has_kwargs) => self.call_ex(has_kwargs)?,
                Op::PopTop => {
                    let r = self.pop();
                    self.xdecref(r);
                }
                Op::Copy(n) => {
                    let r = self.stack[self.stack.len() - n as usize];
                    self.xincref(r);
                    self.push(r);
                }
                Op::Swap(n) => {
                    let len = self.stack.len();
                    self.stack.swap(len - 1, len - n as usize);
                }
                Op::Jump(t) => {
                    if (t as usize) < self.frames[fi].pc {
                        // checked while this instruction is current: an exception belongs to it
                        self.check_memory()?;
                        self.eval_breaker()?;
                    }
                    self.frames[fi].pc = t as usize;
                }
                Op::PopJumpIfFalse(t) | Op::PopJumpIfTrue(t) => {
                    let v = self.pop();
                    let truth = self.truthy(v);
                    self.decref(v);
                    if truth? == matches!(op, Op::PopJumpIfTrue(_)) {
                        self.frames[fi].pc = t as usize;
                    }
                }
                Op::PopJumpIfNone(t) | Op::PopJumpIfNotNone(t) => {
                    let v = self.pop();
                    let is_none = v == self.none;
                    self.decref(v);
                    if is_none == matches!(op, Op::PopJumpIfNone(_)) {
                        self.frames[fi].pc = t as usize;
                    }
                }
                Op::JumpIfOrPop(keep, t) => {
                    let v = self.top();
                    if self.truthy(v)? == keep {
                        self.frames[fi].pc = t as usize;
                    } else {
                        let v = self.pop();
                        self.decref(v);
                    }
                }
                Op::GetIter => {
                    let v = self.pop();
                    let r = self.get_iter(v);
                    self.decref(v);
                    let r = r?;
                    self.push(r);
                }
                Op::ForIter(t) => {
                    let it = self.top();
                    match self.iter_next(it)? {
                        Some(v) => self.push(v),
                        None => {
                            let it = self.pop();
                            self.decref(it);
                            self.frames[fi].pc = t as usize;
                        }
                    }
                }
                Op::ReturnValue => {
                    let r = self.pop();
                    if !self.frames[fi].gen.is_null() {
                        // a generator's return: it is finished
                        self.finish_generator(fi);
                        self.yielded = false;
                    } else {
                        self.pop_frame(false);
                    }
                    if self.frames.len() == entry {
                        return Ok(Some(r));
                    }
                    self.push(r);
                }
                Op::YieldValue => {
                    let v = self.pop();
                    self.suspend_generator(fi);
                    self.yielded = true;
                    if self.frames.len() == entry {
                        return Ok(Some(v));
                    }
                    self.push(v);
                }
                Op::ImportName(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    if &*name == "gc" && !self.gc.imported {
                        self.gc.imported = true;
                        self.import_gc();
                    }
                    let m = *self
                        .modules
                        .get(&*name)
                        .ok_or_else(|| PyErr::new("ModuleNotFoundError", format!("No module named '{name}'")))?;
                    self.incref(m);
                    self.push(m);
                }
                Op::MakeFunction { defaults, kwdefaults, closure } => {
                    let code_obj = self.pop();
                    let closure = if closure { self.pop() } else { ObjRef::NULL };
                    let kwdefaults = if kwdefaults { self.pop() } else { ObjRef::NULL };
                    let defaults = if defaults { self.pop() } else { ObjRef::NULL };
                    let globals = self.frames[fi].globals;
                    let f = self.make_function(code_obj, globals, defaults, kwdefaults, closure);
                    self.push(f);
                }
                Op::LoadBuildClass => {
                    let b = self.builtins["__build_class__"];
                    self.push(b);
                }
                Op::UnpackSequence(n) => {
                    let seq = self.pop();
                    let r = self.unpack(seq, n as usize, None);
                    self.decref(seq);
                    r?;
                }
                Op::UnpackEx(before, after) => {
                    let seq = self.pop();
                    let r = self.unpack(seq, before as usize, Some(after as usize));
                    self.decref(seq);
                    r?;
                }
                Op::Raise(n) => return Err(self.raise_op(n)),
                Op::Reraise => {
                    let exc = self.pop();
                    return Err(PyErr::reraise(exc, fi));
                }
                Op::PushExcInfo => {
                    let exc = self.pop();
                    let prev = std::mem::replace(&mut self.exc_info, exc);
                    self.incref(exc);
                    let prev = if prev.is_null() { self.none } else { prev };
                    self.push(prev);
                    self.push(exc);
                }
                Op::PopExcept => {
                    let prev = self.pop();
                    let old =
                        std::mem::replace(&mut self.exc_info, if prev == self.none { ObjRef::NULL } else { prev });
                    if prev == self.none {
                        self.decref(prev);
                    }
                    self.xdecref(old);
                }
                Op::CheckExcMatch => {
                    let ty = self.pop();
                    let exc = self.top();
                    let r = self.exception_matches(exc, ty);
                    self.decref(ty);
                    let b = r?;
                    let r = self.bool(b);
                    self.push(r);
                }
                Op::LoadAssertionError => {
                    let t = self.exc_types["AssertionError"];
                    self.push(t);
                }
            }
            // MemoryError at the instruction whose allocation passed the bound,
            // while it is still the current one (a call, return or jump that
            // moved on leaves it to the next statement or backward jump)
            if self.out_of_memory && self.frames.len() == fi + 1 && self.frames[fi].pc == next {
                self.check_memory()?;
            }
        }
    }

    fn unbound_local(&self, fi: usize, i: u32) -> PyErr {
        let name = &self.frames[fi].code.varnames[i as usize];
        PyErr::new(
            "UnboundLocalError",
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        )
    }

    fn unbound_deref(&self, fi: usize, i: u32) -> PyErr {
        let code = &self.frames[fi].code;
        let ncell = code.cellvars.len();
        if (i as usize) < ncell {
            let name = &code.cellvars[i as usize];
            PyErr::new(
                "UnboundLocalError",
                format!("cannot access local variable '{name}' where it is not associated with a value"),
            )
        } else {
            let name = &code.freevars[i as usize - ncell];
            PyErr::new(
                "NameError",
                format!(
                    "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                ),
            )
        }
    }

    /// The cell object for deref index `i` of frame `fi`.
    fn cell_at(&self, fi: usize, i: u32) -> ObjRef {
        let f = &self.frames[fi];
        self.stack[f.base + f.code.varnames.len() + i as usize]
    }

    pub(crate) fn cell_set(&mut self, cell: ObjRef, v: ObjRef) {
        let old = match self.heap.get_mut(cell) {
            Obj::Cell(c) => std::mem::replace(c, v),
            _ => ObjRef::NULL,
        };
        if self.tracing {
            let id = self.heap.serial(cell);
            let items: Vec<(crate::trace::Label, u32)> = if v.is_null() {
                Vec::new()
            } else {
                vec![(crate::trace::Label::Attr("cell_contents".into()), self.heap.serial(v))]
            };
            self.trace.push(Event::Items { id, items: items.into() });
        }
        self.xdecref(old);
    }

    /// Where CPython checks its eval breaker (backward jumps, calls, function
    /// entry): a collection scheduled by an allocation runs here.
    pub fn eval_breaker(&mut self) -> Result<(), PyErr> {
        if self.gc.scheduled {
            self.gc.scheduled = false;
            self.collect_generations();
        }
        Ok(())
    }

    pub(crate) fn dict_lookup_str(&self, d: ObjRef, name: &Rc<str>) -> Option<ObjRef> {
        if d.is_null() {
            return None;
        }
        match self.heap.get(d) {
            Obj::Dict(dict) => dict.get(&Key::Str(name.clone())),
            _ => None,
        }
    }

    pub(crate) fn lookup_global(&mut self, globals: ObjRef, name: &Rc<str>) -> Result<ObjRef, PyErr> {
        if let Some(v) = self.dict_lookup_str(globals, name) {
            return Ok(v);
        }
        if let Some(&b) = self.builtins.get(&**name) {
            return Ok(b);
        }
        Err(unbound_name(name))
    }

    /// Push the module-level name `i` of frame `fi`'s code (globals, then built-ins).
    #[inline]
    fn load_global_cached(&mut self, fi: usize, i: usize) -> Result<(), PyErr> {
        let f = &self.frames[fi];
        let Some(r) = cached_global(&self.heap, &self.builtins, &f.code, i, f.globals) else {
            return Err(unbound_name(&f.code.names[i]));
        };
        self.incref(r);
        self.push(r);
        Ok(())
    }

    /// Store the code's name `i` in namespace dict `d` (taking the stack's
    /// reference): in place when the code's cache knows where it is.
    fn store_name_cached(&mut self, fi: usize, i: usize, d: ObjRef, v: ObjRef) {
        let cache = &self.frames[fi].code.name_cache[i];
        let pos = match (cache.get(), self.heap.get(d)) {
            (NameCache::At { layout, pos }, Obj::Dict(dict)) if dict.layout() == layout => pos as usize,
            _ => {
                let code = self.frames[fi].code.clone();
                let name = &code.names[i];
                self.store_in_dict(d, name, v);
                if let Obj::Dict(dict) = self.heap.get(d) {
                    if let Some(pos) = dict.position(&Key::Str(name.clone())) {
                        code.name_cache[i].set(NameCache::At { layout: dict.layout(), pos: pos as u32 });
                    }
                }
                return;
            }
        };
        if self.tracing {
            if let Some(frame) = self.frame_of_ns(d) {
                let name = self.frames[fi].code.names[i].clone();
                self.trace_bind(frame, name, Some(v));
            }
        }
        let old = match self.heap.get_mut(d) {
            Obj::Dict(dict) => dict.replace_at(pos, v),
            _ => unreachable!("a namespace dict"),
        };
        if !self.heap.slot(d).is(flags::TRACKED) && self.may_be_tracked(v) {
            self.track(d);
        }
        self.decref(old);
    }

    /// The trace id of the frame whose names live in dict `d` (module or class body).
    fn frame_of_ns(&self, d: ObjRef) -> Option<u32> {
        self.frames.iter().rev().find(|f| f.ns == d && f.func.is_null()).map(|f| f.id)
    }

    /// Store a name in a namespace dict (module globals or class body): the dict
    /// takes the stack's reference; a replaced value is dropped after.
    pub(crate) fn store_in_dict(&mut self, d: ObjRef, name: &Rc<str>, v: ObjRef) {
        let existing_key = match self.heap.get(d) {
            Obj::Dict(dict) => dict.get_entry(&Key::Str(name.clone())).map(|e| e.key),
            _ => None,
        };
        let key_obj = match existing_key {
            Some(k) => k,
            None => {
                let k = self.heap.alloc(Obj::Str(name.clone()));
                self.heap.slot_mut(k).flags |= flags::INTERNAL | flags::IMMORTAL;
                self.trace_alloc(k);
                k
            }
        };
        if self.tracing {
            if let Some(frame) = self.frame_of_ns(d) {
                self.trace_bind(frame, name.clone(), Some(v));
            }
        }
        let old = match self.heap.get_mut(d) {
            Obj::Dict(dict) => dict.set(Key::Str(name.clone()), key_obj, v),
            _ => None,
        };
        if !self.heap.slot(d).is(flags::TRACKED) && self.may_be_tracked(v) {
            self.track(d);
        }
        if let Some(old) = old {
            self.decref(old);
        }
    }

    pub(crate) fn delete_from_dict(&mut self, d: ObjRef, name: &Rc<str>) -> Result<(), PyErr> {
        let removed = match self.heap.get_mut(d) {
            Obj::Dict(dict) => dict.remove(&Key::Str(name.clone())),
            _ => None,
        };
        match removed {
            Some(e) => {
                if self.tracing {
                    if let Some(frame) = self.frame_of_ns(d) {
                        self.trace_bind(frame, name.clone(), None);
                    }
                }
                self.decref(e.key);
                self.decref(e.value);
                Ok(())
            }
            None => Err(PyErr::new("NameError", format!("name '{name}' is not defined"))),
        }
    }

    /// Save a generator's frame back into its generator object (at a yield).
    fn suspend_generator(&mut self, fi: usize) {
        let f = self.frames.pop().expect("generator frame");
        debug_assert_eq!(fi, self.frames.len());
        let values: Vec<ObjRef> = self.stack.drain(f.base..).collect();
        if self.tracing {
            self.trace.push(Event::FramePop { frame: f.id });
        }
        let gen = f.gen;
        if let Obj::Generator(g) = self.heap.get_mut(gen) {
            g.running = false;
            g.frame = Some(SavedFrame {
                code: f.code,
                consts: f.consts,
                pc: f.pc,
                values,
                globals: f.globals,
                func: f.func,
                frame_obj: f.frame_obj,
            });
        }
    }

    /// A generator's frame ends (return or exception): clear it like any frame.
    fn finish_generator(&mut self, fi: usize) {
        let gen = self.frames[fi].gen;
        if let Obj::Generator(g) = self.heap.get_mut(gen) {
            g.running = false;
            g.frame = None;
        }
        self.pop_frame(true);
    }

    /// Resume a generator: its saved values go back on the stack as a frame.
    /// `send` is pushed as the value of the paused `yield` (not on the first run).
    /// Returns Some(value) for a yield, None when the generator returned.
    pub(crate) fn resume_generator(&mut self, gen: ObjRef, send: ObjRef) -> Result<Option<ObjRef>, PyErr> {
        self.resume_generator_with(gen, Resume::Send(send))
    }

    /// Resume a generator by sending a value or throwing an error in at its paused `yield`
    /// (gen_send_ex). A throw into a generator that never started raises at its first line.
    pub(crate) fn resume_generator_with(&mut self, gen: ObjRef, how: Resume) -> Result<Option<ObjRef>, PyErr> {
        let resumable = matches!(self.heap.get(gen), Obj::Generator(g) if !g.running && g.frame.is_some());
        if resumable && self.recursion_exceeded() {
            // CPython checks on entering the generator's frame, which then unwinds:
            // the generator is finished, without a traceback entry of its own
            if let Resume::Throw(e) = how {
                self.discard(e);
            }
            self.clear_generator_frame(gen);
            return Err(PyErr::new("RecursionError", "maximum recursion depth exceeded".into()));
        }
        let saved = match self.heap.get_mut(gen) {
            Obj::Generator(g) => {
                if g.running {
                    return Err(PyErr::new("ValueError", "generator already executing".into()));
                }
                match g.frame.take() {
                    Some(f) => {
                        g.running = true;
                        let started = g.started;
                        g.started = true;
                        Some((f, started))
                    }
                    None => None,
                }
            }
            _ => None,
        };
        let Some((saved, started)) = saved else {
            return match how {
                Resume::Send(_) => Ok(None),
                Resume::Throw(e) => Err(e),
            };
        };
        let base = self.stack.len();
        self.stack.extend(saved.values);
        let thrown = match how {
            Resume::Send(send) => {
                if started {
                    self.incref(send);
                    self.stack.push(send);
                }
                None
            }
            Resume::Throw(e) => Some(e),
        };
        let id = self.new_frame_id();
        let name = saved.code.name.clone();
        if self.tracing {
            self.trace.push(Event::FramePush { frame: id, name });
        }
        self.frames.push(Frame {
            code: saved.code,
            consts: saved.consts,
            pc: saved.pc,
            base,
            globals: saved.globals,
            ns: ObjRef::NULL,
            func: saved.func,
            id,
            frame_obj: saved.frame_obj,
            gen,
        });
        self.yielded = false;
        self.native_depth += 1;
        let entry = self.frames.len() - 1;
        // gen_send_ex2: the generator's own exception state goes on top of the
        // thread's stack while it runs, and comes off again when it yields or ends
        let own = match self.heap.get_mut(gen) {
            Obj::Generator(g) => std::mem::replace(&mut g.exc_state, ObjRef::NULL),
            _ => ObjRef::NULL,
        };
        let outer = std::mem::replace(&mut self.exc_info, own);
        self.exc_stack.push(outer);
        let r = match thrown {
            None => self.eval(entry),
            // the error is raised at the paused instruction: its handlers see it
            // first, with the exception handled there as its context
            Some(e) => {
                if !e.exc.is_null() && !self.exc_info.is_null() {
                    self.chain_context(e.exc);
                }
                self.handle_exception(entry, e).and_then(|()| self.eval(entry))
            }
        };
        self.native_depth -= 1;
        let outer = self.exc_stack.pop().unwrap_or(ObjRef::NULL);
        let mine = std::mem::replace(&mut self.exc_info, outer);
        match self.heap.get_mut(gen) {
            Obj::Generator(g) if g.frame.is_some() => g.exc_state = mine,
            // finished: _PyErr_ClearExcState
            _ => self.xdecref(mine),
        }
        let r = r?;
        if self.yielded {
            self.yielded = false;
            Ok(Some(r))
        } else {
            let old = if r == self.none {
                self.decref(r);
                std::mem::replace(&mut self.stop_value, ObjRef::NULL)
            } else {
                std::mem::replace(&mut self.stop_value, r)
            };
            self.xdecref(old);
            Ok(None)
        }
    }

    /// Create a generator object for a call to a generator function: the
    /// frame's values (arguments bound) are saved, not run.
    pub(crate) fn new_generator(&mut self, frame: Frame) -> ObjRef {
        let values: Vec<ObjRef> = self.stack.drain(frame.base..).collect();
        let (name, qualname) = match self.heap.get(frame.func) {
            Obj::Function(f) => (f.name.clone(), f.qualname.clone()),
            _ => (frame.code.name.clone(), frame.code.qualname.clone()),
        };
        let g = GenState {
            name,
            qualname,
            frame: Some(SavedFrame {
                code: frame.code,
                consts: frame.consts,
                pc: frame.pc,
                values,
                globals: frame.globals,
                func: frame.func,
                frame_obj: ObjRef::NULL,
            }),
            running: false,
            started: false,
            exc_state: ObjRef::NULL,
        };
        self.alloc(Obj::Generator(Box::new(g)))
    }
}

/// How a paused generator goes on: a value for its `yield`, or an error raised there.
pub(crate) enum Resume {
    Send(ObjRef),
    Throw(PyErr),
}

/// A module-level name through the code's cache (`NameCache`): the globals
/// dict, then the built-ins; None when it is in neither (a NameError).
#[inline]
fn cached_global(
    heap: &Heap,
    builtins: &HashMap<&'static str, ObjRef>,
    code: &Code,
    i: usize,
    globals: ObjRef,
) -> Option<ObjRef> {
    let name = &code.names[i];
    if globals.is_null() {
        return builtins.get(&**name).copied();
    }
    let Obj::Dict(d) = heap.get(globals) else { return None };
    let layout = d.layout();
    let cache = &code.name_cache[i];
    match cache.get() {
        NameCache::At { layout: l, pos } if l == layout => return Some(d.value_at(pos as usize)),
        NameCache::Builtin { layout: l, obj } if l == layout => return Some(obj),
        _ => {}
    }
    if let Some(pos) = d.position(&Key::Str(name.clone())) {
        cache.set(NameCache::At { layout, pos: pos as u32 });
        return Some(d.value_at(pos));
    }
    let obj = *builtins.get(&**name)?;
    cache.set(NameCache::Builtin { layout, obj });
    Some(obj)
}

/// A name found nowhere: CPython's NameError, unless it is one of CPython's
/// built-ins that gcplay does not model (`map`), which is refused.
fn unbound_name(name: &str) -> PyErr {
    if super::module_dir::has("builtins", name) {
        PyErr::refusal(&format!("the built-in '{name}'"))
    } else {
        PyErr::new("NameError", format!("name '{name}' is not defined"))
    }
}
