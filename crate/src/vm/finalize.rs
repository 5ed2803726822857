//! Finalizers and weak references: `__del__` (PEP 442, at most once),
//! weakref callbacks, and `weakref.finalize`.

use super::eval::Resume;
use super::{PyErr, Vm};
use crate::heap::ObjRef;
use crate::object::Obj;

impl Vm {
    /// Does the object's class define `__del__`?
    pub(crate) fn has_finalizer(&self, r: ObjRef) -> bool {
        match self.heap.get(r) {
            // _PyGen_Finalize closes a suspended generator
            Obj::Generator(g) => g.started && g.frame.is_some(),
            Obj::Instance(i) => {
                matches!(self.lookup_in_mro(i.class, "__del__"), Some(f) if matches!(self.heap.get(f), Obj::Function(_)))
            }
            _ => false,
        }
    }

    /// Run `__del__`; an exception in it is reported and ignored.
    pub(crate) fn call_del(&mut self, r: ObjRef) {
        if let Obj::Generator(_) = self.heap.get(r) {
            // _PyGen_Finalize: an error while closing is reported and ignored
            if let Err(e) = self.close_generator(r) {
                let what = self.func_repr(r);
                self.report_ignored(&what, e);
            }
            return;
        }
        let Some(f) = self.lookup_special(r, "__del__") else { return };
        let saved_exc = self.exc_info;
        let result = self.call_object(f, &[r], &[]);
        self.exc_info = saved_exc;
        match result {
            Ok(v) => self.decref(v),
            Err(e) => {
                let what = self.func_repr(f);
                self.report_ignored(&what, e);
            }
        }
        self.decref(f);
    }

    pub(crate) fn func_repr(&mut self, f: ObjRef) -> String {
        match self.repr(f) {
            Ok(s) => s,
            Err(e) => {
                self.discard(e);
                "<function>".into()
            }
        }
    }

    /// What a weak reference refers to, or NULL once its target is dead or
    /// dying: an object whose count reached 0 may wait in the trashcan before
    /// it is freed, and CPython's PyWeakref_GET_OBJECT gives None for it too.
    pub(crate) fn weakref_target(&self, w: ObjRef) -> ObjRef {
        match *self.heap.get(w) {
            Obj::WeakRef { target, .. } if !target.is_null() && self.heap.slot(target).rc > 0 => target,
            _ => ObjRef::NULL,
        }
    }

    /// `weakref.ref(obj, callback)`.
    pub(crate) fn new_weakref(&mut self, target: ObjRef, callback: ObjRef) -> Result<ObjRef, PyErr> {
        if !self.weakrefable(target) {
            return Err(PyErr::type_error(format!(
                "cannot create weak reference to '{}' object",
                self.type_name(target)
            )));
        }
        // without a callback, an existing plain weakref is shared
        if callback.is_null() || callback == self.none {
            if let Some(list) = self.weakrefs.get(&target.0) {
                if let Some(&w) = list
                    .iter()
                    .find(|&&w| matches!(self.heap.get(w), Obj::WeakRef { callback, .. } if callback.is_null()))
                {
                    self.incref(w);
                    return Ok(w);
                }
            }
        }
        let cb = if callback.is_null() || callback == self.none { ObjRef::NULL } else { callback };
        if !cb.is_null() {
            self.incref(cb);
        }
        let w = self.alloc(Obj::WeakRef { target, callback: cb });
        self.weakrefs.entry(target.0).or_default().push(w);
        Ok(w)
    }

    fn weakrefable(&self, r: ObjRef) -> bool {
        match self.heap.get(r) {
            Obj::Instance(i) => i.exc.is_none() || !self.heap.slot(i.class).is(crate::heap::flags::IMMORTAL),
            Obj::Function(_) | Obj::Type(_) | Obj::Set(_) | Obj::Generator(_) | Obj::Method { .. } => true,
            _ => false,
        }
    }

    pub(crate) fn forget_weakref(&mut self, target: ObjRef, w: ObjRef) {
        if target.is_null() {
            return;
        }
        if let Some(list) = self.weakrefs.get_mut(&target.0) {
            list.retain(|&x| x != w);
            if list.is_empty() {
                self.weakrefs.remove(&target.0);
            }
        }
    }

    /// The target is dying: clear its weakrefs, then call their callbacks,
    /// newest first (PyObject_ClearWeakRefs).
    pub(crate) fn clear_weakrefs(&mut self, target: ObjRef) {
        let Some(list) = self.weakrefs.remove(&target.0) else { return };
        for &w in &list {
            if let Obj::WeakRef { target: t, .. } = self.heap.get_mut(w) {
                *t = ObjRef::NULL;
            }
        }
        for &w in list.iter().rev() {
            let cb = match self.heap.get(w) {
                Obj::WeakRef { callback, .. } => *callback,
                _ => ObjRef::NULL,
            };
            if cb.is_null() {
                continue;
            }
            // the weakref stays alive during its callback
            self.incref(w);
            self.run_weakref_callback(w, cb);
            self.decref(w);
        }
    }

    fn run_weakref_callback(&mut self, w: ObjRef, cb: ObjRef) {
        // weakref.finalize: the callback is the finalizer object itself
        if matches!(self.heap.get(cb), Obj::Finalizer { .. }) {
            self.run_finalizer(cb);
            return;
        }
        let saved_exc = self.exc_info;
        let r = self.call_object(cb, &[w], &[]);
        self.exc_info = saved_exc;
        match r {
            Ok(v) => self.decref(v),
            Err(e) => {
                let what = self.func_repr(cb);
                self.report_ignored(&what, e);
            }
        }
    }

    /// `weakref.finalize(obj, func, *args)`: alive until it runs or its object dies.
    pub(crate) fn new_finalizer(
        &mut self,
        target: ObjRef,
        func: ObjRef,
        args: &[ObjRef],
        kwargs: &[(std::rc::Rc<str>, ObjRef)],
    ) -> Result<ObjRef, PyErr> {
        for &a in args {
            self.incref(a);
        }
        let args_t = if args.is_empty() { self.empty_tuple } else { self.new_tuple(args.to_vec()) };
        let kw = if kwargs.is_empty() {
            ObjRef::NULL
        } else {
            let d = self.alloc(Obj::Dict(Box::new(crate::dict::Dict::new())));
            for (k, v) in kwargs {
                let key = self.str(k);
                let _ = self.dict_set(d, key, *v);
                self.decref(key);
            }
            d
        };
        self.incref(func);
        let fin = self.alloc(Obj::Finalizer {
            weakref: ObjRef::NULL,
            func,
            args: args_t,
            kwargs: kw,
            alive: true,
            atexit: true,
        });
        let w = match self.new_weakref_with_finalizer(target, fin) {
            Ok(w) => w,
            Err(e) => {
                self.decref(fin);
                return Err(e);
            }
        };
        if let Obj::Finalizer { weakref, .. } = self.heap.get_mut(fin) {
            *weakref = w;
        }
        // the registry keeps the finalizer and its weakref alive
        self.incref(fin);
        self.finalizers.push((fin, w));
        Ok(fin)
    }

    fn new_weakref_with_finalizer(&mut self, target: ObjRef, fin: ObjRef) -> Result<ObjRef, PyErr> {
        if !self.weakrefable(target) {
            return Err(PyErr::type_error(format!(
                "cannot create weak reference to '{}' object",
                self.type_name(target)
            )));
        }
        let w = self.alloc(Obj::WeakRef { target, callback: fin });
        // the weakref holds the finalizer as its callback (a counted reference)
        self.incref(fin);
        self.weakrefs.entry(target.0).or_default().push(w);
        Ok(w)
    }

    /// Call a finalizer once: drop it from the registry, call func(*args).
    pub(crate) fn run_finalizer(&mut self, fin: ObjRef) -> ObjRef {
        let (func, args, kwargs, alive) = match self.heap.get_mut(fin) {
            Obj::Finalizer { func, args, kwargs, alive, .. } => {
                let a = *alive;
                *alive = false;
                (*func, *args, *kwargs, a)
            }
            _ => return self.none,
        };
        if !alive {
            return self.none;
        }
        let pos = self.finalizers.iter().position(|&(f, _)| f == fin);
        let items: Vec<ObjRef> = match self.heap.get(args) {
            Obj::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        };
        let kw: Vec<(std::rc::Rc<str>, ObjRef)> = if kwargs.is_null() {
            Vec::new()
        } else {
            match self.heap.get(kwargs) {
                Obj::Dict(d) => d
                    .iter()
                    .filter_map(|(k, v)| match self.heap.get(k) {
                        Obj::Str(s) => Some((s.clone(), v)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
        self.incref(fin);
        let saved_exc = self.exc_info;
        let r = self.call_object(func, &items, &kw);
        self.exc_info = saved_exc;
        let out = match r {
            Ok(v) => v,
            Err(e) => {
                let what = self.func_repr(fin);
                self.report_ignored(&what, e);
                self.none
            }
        };
        if let Some(p) = pos {
            let (f, w) = self.finalizers.remove(p);
            self.decref(f);
            self.decref(w);
        }
        self.decref(fin);
        out
    }
}

impl Vm {
    /// finalize.detach() / finalize.peek(): (obj, func, args, kwargs) while alive, else None.
    pub(crate) fn finalizer_info(&mut self, fin: ObjRef, detach: bool) -> ObjRef {
        let (w, func, args, kwargs, alive) = match self.heap.get(fin) {
            Obj::Finalizer { weakref, func, args, kwargs, alive, .. } => (*weakref, *func, *args, *kwargs, *alive),
            _ => return self.none,
        };
        let target = self.weakref_target(w);
        if !alive || target.is_null() {
            return self.none;
        }
        let kw = if kwargs.is_null() {
            self.alloc(Obj::Dict(Box::new(crate::dict::Dict::new())))
        } else {
            self.incref(kwargs);
            kwargs
        };
        for r in [target, func, args] {
            self.incref(r);
        }
        let t = self.new_tuple(vec![target, func, args, kw]);
        if detach {
            if let Obj::Finalizer { alive, .. } = self.heap.get_mut(fin) {
                *alive = false;
            }
            if let Some(p) = self.finalizers.iter().position(|&(f, _)| f == fin) {
                let (f, w) = self.finalizers.remove(p);
                self.decref(f);
                self.decref(w);
            }
        }
        t
    }
}

impl Vm {
    /// gen.close() (gen_close): a generator paused inside a `try` gets GeneratorExit thrown
    /// in, so its `except` and `finally` blocks run; one that never started, or paused
    /// outside any `try`, just has its frame cleared. Yielding again is a RuntimeError.
    pub(crate) fn close_generator(&mut self, g: ObjRef) -> Result<(), PyErr> {
        if matches!(self.heap.get(g), Obj::Generator(gs) if gs.running) {
            return Err(PyErr::new("ValueError", "generator already executing".into()));
        }
        let in_try = match self.heap.get(g) {
            Obj::Generator(gs) if gs.started && !gs.running => gs
                .frame
                .as_ref()
                .is_some_and(|f| f.code.handler_of.get(f.pc.saturating_sub(1)).is_some_and(|&h| h != u32::MAX)),
            _ => false,
        };
        if !in_try {
            self.clear_generator_frame(g);
            return Ok(());
        }
        match self.resume_generator_with(g, Resume::Throw(PyErr::new("GeneratorExit", String::new()))) {
            Ok(Some(v)) => {
                self.decref(v);
                Err(PyErr::new("RuntimeError", "generator ignored GeneratorExit".into()))
            }
            Ok(None) => Ok(()),
            Err(e) if self.err_is(&e, "GeneratorExit") || self.err_is(&e, "StopIteration") => {
                self.discard(e);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Release a paused generator's frame without running it: the value stack top first,
    /// then the locals in order.
    pub(crate) fn clear_generator_frame(&mut self, g: ObjRef) {
        let frame = match self.heap.get_mut(g) {
            Obj::Generator(gs) if !gs.running => gs.frame.take(),
            _ => None,
        };
        if let Some(fr) = frame {
            let nlocals = fr.code.varnames.len() + fr.code.cellvars.len() + fr.code.freevars.len();
            if !fr.frame_obj.is_null() {
                if self.heap.slot(fr.frame_obj).rc > 1 {
                    // still referenced (by a traceback): the frame object takes the
                    // locals over, as take_ownership does
                    let mut values = fr.values;
                    let stack = values.split_off(nlocals.min(values.len()));
                    for &v in stack.iter().rev() {
                        self.xdecref(v);
                    }
                    if let Obj::Frame(fo) = self.heap.get_mut(fr.frame_obj) {
                        fo.locals = values;
                        fo.func = fr.func;
                    }
                    self.track(fr.frame_obj);
                    self.decref(fr.frame_obj);
                    return;
                }
                self.decref(fr.frame_obj);
            }
            let (locals, stack) = fr.values.split_at(nlocals.min(fr.values.len()));
            for &v in stack.iter().rev() {
                self.xdecref(v);
            }
            for &v in locals {
                self.xdecref(v);
            }
            self.xdecref(fr.func);
        }
    }
}
