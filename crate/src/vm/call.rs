//! Calls: binding arguments into a Python frame, calling built-ins and
//! types, and calling back into Python from native code.

use super::{Frame, PyErr, Vm};
use crate::dict::{Dict, Key};
use crate::heap::ObjRef;
use crate::object::{Function, Obj};
use crate::trace::Event;
use std::rc::Rc;

impl Vm {
    /// CALL: [callable, self_or_null, args...] → [result].
    pub(crate) fn call_op(&mut self, argc: usize, kwnames: Option<Vec<Rc<str>>>) -> Result<(), PyErr> {
        let base = self.stack.len() - argc - 2;
        // a bound method unpacks into its function and self, as CPython's CALL does
        if self.stack[base + 1].is_null() {
            if let Obj::Method { func, this } = *self.heap.get(self.stack[base]) {
                let m = self.stack[base];
                self.incref(func);
                self.incref(this);
                self.stack[base] = func;
                self.stack[base + 1] = this;
                self.decref(m);
            }
        }
        let callable = self.stack[base];
        if let Obj::Function(_) = self.heap.get(callable) {
            return self.call_python(base, kwnames.unwrap_or_default());
        }
        let this = self.stack[base + 1];
        let check_breaker = kwnames.is_some() || !self.specialized_call(callable, this, argc);
        let mut args: Vec<ObjRef> = Vec::with_capacity(argc + 1);
        if !this.is_null() {
            args.push(this);
        }
        args.extend_from_slice(&self.stack[base + 2..]);
        let nkw = kwnames.as_ref().map(|k| k.len()).unwrap_or(0);
        let npos = args.len() - nkw;
        let kwargs: Vec<(Rc<str>, ObjRef)> =
            kwnames.unwrap_or_default().into_iter().zip(args[npos..].iter().copied()).collect();
        let result = self.call_native(callable, &args[..npos], &kwargs);
        // CPython drops the callable, then each argument in order.
        self.stack.truncate(base);
        self.decref(callable);
        for a in args {
            self.decref(a);
        }
        let r = result?;
        self.push(r);
        if check_breaker {
            self.eval_breaker()
        } else {
            Ok(())
        }
    }

    /// The calls CPython specializes (on a call site's second run) into
    /// instructions that do not check the eval breaker: `len(x)` (CALL_LEN),
    /// `isinstance(x, t)` (CALL_ISINSTANCE), `type(x)` (CALL_TYPE_1) and
    /// `lst.append(x)` whose result is dropped (CALL_LIST_APPEND). A collection
    /// their allocations scheduled waits for the next call or backward jump.
    fn specialized_call(&mut self, callable: ObjRef, this: ObjRef, argc: usize) -> bool {
        use crate::object::{Builtin as B, TypeTag};
        let Some(f) = self.frames.last() else { return false };
        let next = f.code.ops.get(f.pc).copied();
        let specialized = match *self.heap.get(callable) {
            Obj::Builtin { f: B::Len, this: bound } => bound.is_null() && this.is_null() && argc == 1,
            Obj::Builtin { f: B::Isinstance, this: bound } => bound.is_null() && this.is_null() && argc == 2,
            Obj::Type(ref t) => t.builtin == Some(TypeTag::Type) && this.is_null() && argc == 1,
            Obj::Builtin { f: B::ListAppend, this: bound } => {
                let lst = if this.is_null() { bound } else { this };
                argc == 1
                    && !lst.is_null()
                    && matches!(self.heap.get(lst), Obj::List(_))
                    && next == Some(crate::code::Op::PopTop)
            }
            _ => false,
        };
        // the call instruction's own flag: set by its first run
        specialized && f.code.warm_calls.get(f.pc - 1).is_some_and(|warm| warm.replace(true))
    }

    /// `_PyObject_FunctionStr`: how a call's errors name the callable (`this`:
    /// the object a method was loaded from, or NULL).
    pub(crate) fn function_str(&self, f: ObjRef, this: ObjRef) -> String {
        match self.heap.get(f) {
            Obj::Builtin { f, .. } if !this.is_null() => format!("{}.{}()", self.type_name(this), f.name()),
            Obj::Function(func) => format!("__main__.{}()", func.qualname),
            Obj::Method { func, .. } => self.function_str(*func, ObjRef::NULL),
            Obj::Type(t) if t.builtin.is_none() => format!("__main__.{}()", t.qualname),
            Obj::Type(t) => format!("{}()", t.name),
            Obj::Builtin { f, this } if !this.is_null() && !matches!(self.heap.get(*this), Obj::Module { .. }) => {
                format!("{}.{}()", self.type_name(*this), f.name())
            }
            Obj::Builtin { f, .. } => format!("{}()", f.name()),
            _ => format!("{} object", self.type_name(f)),
        }
    }

    /// A `*x` that is not iterable: CPython says so in its own words (`what`
    /// names the display or the call); other errors pass through.
    pub(crate) fn star_error(&self, e: PyErr, it: ObjRef, what: &str) -> PyErr {
        let ty = self.type_name(it);
        match &e.lazy {
            Some((t, m)) if &**t == "TypeError" && *m == format!("'{ty}' object is not iterable") => {
                PyErr::type_error(format!("{what} after * must be an iterable, not {ty}"))
            }
            _ => e,
        }
    }

    /// DICT_MERGE: `**other` into a call's keywords `d`.
    pub(crate) fn dict_merge(&mut self, callable: [ObjRef; 2], d: ObjRef, other: ObjRef) -> Result<(), PyErr> {
        let pairs: Vec<(ObjRef, ObjRef)> = match self.heap.get(other) {
            Obj::Dict(o) => o.iter().collect(),
            _ => {
                let (f, ty) = (self.function_str(callable[0], callable[1]), self.type_name(other));
                return Err(PyErr::type_error(format!("{f} argument after ** must be a mapping, not {ty}")));
            }
        };
        for (k, v) in pairs {
            if let Obj::Str(s) = self.heap.get(k) {
                if self.dict_lookup_str(d, &s.clone()).is_some() {
                    let f = self.function_str(callable[0], callable[1]);
                    return Err(PyErr::type_error(format!("{f} got multiple values for keyword argument '{s}'")));
                }
            }
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }

    /// CALL_FUNCTION_EX: [callable, self_or_null, args tuple, kwargs dict?].
    pub(crate) fn call_ex(&mut self, has_kwargs: bool) -> Result<(), PyErr> {
        let kwargs = if has_kwargs { self.pop() } else { ObjRef::NULL };
        let args = self.pop();
        let this = self.pop();
        let callable = self.pop();
        let mut pos: Vec<ObjRef> = Vec::new();
        if !this.is_null() {
            pos.push(this);
        }
        if let Obj::Tuple(t) = self.heap.get(args) {
            pos.extend(t.iter().copied());
        }
        let mut kw: Vec<(Rc<str>, ObjRef)> = Vec::new();
        if !kwargs.is_null() {
            let entries: Vec<(ObjRef, ObjRef)> = match self.heap.get(kwargs) {
                Obj::Dict(d) => d.iter().collect(),
                _ => Vec::new(),
            };
            for (k, v) in entries {
                match self.heap.get(k) {
                    Obj::Str(s) => kw.push((s.clone(), v)),
                    _ => {
                        self.decref(args);
                        self.decref(kwargs);
                        self.decref(callable);
                        self.xdecref(this);
                        return Err(PyErr::type_error("keywords must be strings".into()));
                    }
                }
            }
        }
        // re-lay the call on the stack as a plain CALL with keyword names
        self.push(callable);
        self.push(ObjRef::NULL);
        for &p in &pos {
            self.incref(p);
            self.push(p);
        }
        let names: Vec<Rc<str>> = kw.iter().map(|(n, _)| n.clone()).collect();
        for &(_, v) in &kw {
            self.incref(v);
            self.push(v);
        }
        self.xdecref(this);
        self.decref(args);
        self.xdecref(kwargs);
        let argc = pos.len() + names.len();
        self.call_op(argc, if names.is_empty() { None } else { Some(names) })
    }

    /// Call anything from native code with borrowed arguments; the result is a new reference.
    pub fn call_object(
        &mut self,
        callable: ObjRef,
        args: &[ObjRef],
        kwargs: &[(Rc<str>, ObjRef)],
    ) -> Result<ObjRef, PyErr> {
        match *self.heap.get(callable) {
            Obj::Function(_) => {
                let entry = self.frames.len();
                self.incref(callable);
                self.push(callable);
                self.push(ObjRef::NULL);
                for &a in args {
                    self.incref(a);
                    self.push(a);
                }
                let names: Vec<Rc<str>> = kwargs.iter().map(|(n, _)| n.clone()).collect();
                for &(_, v) in kwargs {
                    self.incref(v);
                    self.push(v);
                }
                let base = self.stack.len() - args.len() - kwargs.len() - 2;
                if self.recursion_exceeded() {
                    let items: Vec<ObjRef> = self.stack.drain(base..).collect();
                    for r in items {
                        self.xdecref(r);
                    }
                    return Err(PyErr::new("RecursionError", "maximum recursion depth exceeded".into()));
                }
                self.call_python(base, names)?;
                if self.frames.len() == entry {
                    // a generator function: the generator is on the stack
                    return Ok(self.pop());
                }
                self.native_depth += 1;
                let r = self.eval(entry);
                self.native_depth -= 1;
                r
            }
            Obj::Method { func, this } => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(this);
                all.extend_from_slice(args);
                self.call_object(func, &all, kwargs)
            }
            _ => self.call_native(callable, args, kwargs),
        }
    }

    /// Call a non-Python callable: a built-in, a method descriptor or a type.
    pub(crate) fn call_native(
        &mut self,
        callable: ObjRef,
        args: &[ObjRef],
        kwargs: &[(Rc<str>, ObjRef)],
    ) -> Result<ObjRef, PyErr> {
        // Callables without vectorcall get their arguments as a tuple (and a
        // dict for keywords), made for the call and dropped after it.
        // a method descriptor called with its self first: the tuple holds the others
        let unbound_self = usize::from(
            matches!(self.heap.get(callable), Obj::Builtin { f, this } if this.is_null() && set_varargs(*f)),
        );
        let tupled = args.get(unbound_self..).unwrap_or(&[]);
        let transient = if self.takes_args_tuple(callable) && (!tupled.is_empty() || !kwargs.is_empty()) {
            let t = self.hidden_tuple(tupled);
            let d = if kwargs.is_empty() { ObjRef::NULL } else { self.alloc_hidden(Obj::Dict(Box::new(Dict::new()))) };
            Some((t, d))
        } else {
            None
        };
        let r = self.call_native_inner(callable, args, kwargs);
        if let Some((t, d)) = transient {
            self.xdecref(t);
            self.xdecref(d);
        }
        r
    }

    /// CPython's METH_VARARGS functions and types called through tp_call.
    fn takes_args_tuple(&self, callable: ObjRef) -> bool {
        use crate::object::Builtin as B;
        match self.heap.get(callable) {
            Obj::Builtin { f, .. } => {
                matches!(f, B::GcSetThreshold | B::GcGetReferrers | B::GcGetReferents) || set_varargs(*f)
            }
            Obj::Type(t) => t.builtin.is_none() || t.builtin == Some(crate::object::TypeTag::WeakRef),
            _ => false,
        }
    }

    fn call_native_inner(
        &mut self,
        callable: ObjRef,
        args: &[ObjRef],
        kwargs: &[(Rc<str>, ObjRef)],
    ) -> Result<ObjRef, PyErr> {
        match *self.heap.get(callable) {
            Obj::Builtin { f, this } => {
                if !this.is_null() {
                    let mut with_self = Vec::with_capacity(args.len() + 1);
                    with_self.push(this);
                    with_self.extend_from_slice(args);
                    self.bound_call = true;
                    let r = self.call_builtin(f, &with_self, kwargs);
                    self.bound_call = false;
                    return r;
                }
                self.call_builtin(f, args, kwargs)
            }
            Obj::Type(_) => self.call_type(callable, args, kwargs),
            Obj::WeakRef { .. } => {
                if !args.is_empty() {
                    return Err(PyErr::type_error(format!(
                        "weakref() takes exactly 0 arguments ({} given)",
                        args.len()
                    )));
                }
                let t = self.weakref_target(callable);
                let t = if t.is_null() { self.none } else { t };
                self.incref(t);
                Ok(t)
            }
            Obj::Finalizer { .. } => Ok(self.run_finalizer(callable)),
            Obj::Function(_) | Obj::Method { .. } => self.call_object(callable, args, kwargs),
            _ => {
                // instances with __call__
                if let Some(call) = self.lookup_special(callable, "__call__") {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(callable);
                    all.extend_from_slice(args);
                    let r = self.call_object(call, &all, kwargs);
                    self.decref(call);
                    return r;
                }
                Err(PyErr::type_error(format!("'{}' object is not callable", self.type_name(callable))))
            }
        }
    }

    /// Push a frame for a Python function called as [func, NULL or self, args..., kwargs...]
    /// at `base`: the arguments move into its locals and the function reference into
    /// the frame, as `_PyEvalFramePushAndInit` does.
    pub(crate) fn call_python(&mut self, base: usize, kwnames: Vec<Rc<str>>) -> Result<(), PyErr> {
        let callable = self.stack[base];
        let (code, globals, defaults, kwdefaults, closure, code_obj) = match self.heap.get(callable) {
            Obj::Function(f) => (f.code.clone(), f.globals, f.defaults, f.kwdefaults, f.closure, f.code_obj),
            _ => unreachable!("checked by caller"),
        };
        let consts = match self.heap.get(code_obj) {
            Obj::Code(_, consts) => consts.clone(),
            _ => unreachable!("a function's code is a code object"),
        };
        // gather the arguments (owned references) off the stack
        let mut items: Vec<ObjRef> = self.stack.drain(base..).collect();
        let func = items.remove(0);
        let this = items.remove(0);
        if !this.is_null() {
            items.insert(0, this);
        }
        let nkw = kwnames.len();
        let kwvals: Vec<ObjRef> = items.split_off(items.len() - nkw);
        let positional = items;
        let nslots = code.varnames.len();
        let mut slots: Vec<ObjRef> = vec![ObjRef::NULL; nslots];
        match self.bind_arguments(&code, defaults, kwdefaults, positional, &kwnames, kwvals, &mut slots) {
            Ok(()) => {}
            Err(e) => {
                for r in slots {
                    self.xdecref(r);
                }
                self.decref(func);
                return Err(e);
            }
        }
        // cells (parameters that are cells move in) and free variables from the closure
        let mut cells: Vec<ObjRef> = Vec::with_capacity(code.cellvars.len() + code.freevars.len());
        for (i, _) in code.cellvars.iter().enumerate() {
            let init = match code.cell2arg[i] {
                Some(a) => std::mem::replace(&mut slots[a as usize], ObjRef::NULL),
                None => ObjRef::NULL,
            };
            let c = self.alloc(Obj::Cell(init));
            cells.push(c);
        }
        cells.extend(self.closure_cells(closure));
        let frame_base = self.stack.len();
        self.stack.extend_from_slice(&slots);
        self.stack.extend_from_slice(&cells);
        let id = self.new_frame_id();
        let frame = Frame {
            code: code.clone(),
            consts,
            pc: 0,
            base: frame_base,
            globals,
            ns: ObjRef::NULL,
            func,
            id,
            frame_obj: ObjRef::NULL,
            gen: ObjRef::NULL,
        };
        if code.is_generator {
            let g = self.new_generator(frame);
            if let Obj::Generator(gs) = self.heap.get_mut(g) {
                if let Some(f) = &mut gs.frame {
                    f.pc = 1; // past RETURN_GENERATOR
                }
            }
            self.push(g);
            return Ok(());
        }
        if self.tracing {
            self.trace.push(Event::FramePush { frame: id, name: code.name.clone() });
            for (i, &v) in slots.iter().enumerate() {
                if !v.is_null() {
                    self.trace_bind(id, code.varnames[i].clone(), Some(v));
                }
            }
        }
        if self.recursion_exceeded() {
            // refused in the caller, as CPython's frame push refuses it
            let items: Vec<ObjRef> = self.stack.drain(frame_base..).collect();
            for r in items {
                self.xdecref(r);
            }
            if self.tracing {
                self.trace.push(Event::FramePop { frame: id });
            }
            self.decref(func);
            return Err(PyErr::new("RecursionError", "maximum recursion depth exceeded".into()));
        }
        self.frames.push(frame);
        self.eval_breaker()
    }

    /// CPython's argument binding, with its error messages.
    #[allow(clippy::too_many_arguments)]
    fn bind_arguments(
        &mut self,
        code: &crate::code::Code,
        defaults: ObjRef,
        kwdefaults: ObjRef,
        positional: Vec<ObjRef>,
        kwnames: &[Rc<str>],
        kwvals: Vec<ObjRef>,
        slots: &mut [ObjRef],
    ) -> Result<(), PyErr> {
        let name = code.qualname.clone();
        let argcount = code.argcount as usize;
        let kwonly = code.kwonly as usize;
        let mut idx = argcount + kwonly;
        let varargs_slot = if code.varargs {
            idx += 1;
            Some(idx - 1)
        } else {
            None
        };
        let varkw_slot = if code.varkw { Some(idx) } else { None };
        let npos = positional.len();
        // positional
        let mut extra = Vec::new();
        for (i, a) in positional.into_iter().enumerate() {
            if i < argcount {
                slots[i] = a;
            } else {
                extra.push(a);
            }
        }
        let ndefaults = match (!defaults.is_null()).then(|| self.heap.get(defaults)) {
            Some(Obj::Tuple(t)) => t.len(),
            _ => 0,
        };
        if !extra.is_empty() && varargs_slot.is_none() {
            for a in extra {
                self.decref(a);
            }
            for v in kwvals {
                self.decref(v);
            }
            let takes = if ndefaults > 0 {
                format!("from {} to {} positional arguments", argcount - ndefaults, argcount)
            } else {
                format!("{argcount} positional argument{}", if argcount == 1 { "" } else { "s" })
            };
            return Err(PyErr::type_error(format!(
                "{name}() takes {takes} but {npos} {} given",
                if npos == 1 { "was" } else { "were" }
            )));
        }
        if let Some(s) = varargs_slot {
            slots[s] = if extra.is_empty() { self.empty_tuple } else { self.new_tuple(extra) };
        }
        let kwdict = if let Some(s) = varkw_slot {
            let d = self.alloc(Obj::Dict(Box::new(Dict::new())));
            slots[s] = d;
            d
        } else {
            ObjRef::NULL
        };
        // keywords
        let mut err = None;
        for (n, v) in kwnames.iter().zip(kwvals) {
            if err.is_some() {
                self.decref(v);
                continue;
            }
            let pos = code.varnames[code.posonly as usize..argcount + kwonly].iter().position(|p| p == n);
            match pos {
                Some(p) => {
                    let i = p + code.posonly as usize;
                    if !slots[i].is_null() {
                        err = Some(PyErr::type_error(format!("{name}() got multiple values for argument '{n}'")));
                        self.decref(v);
                    } else {
                        slots[i] = v;
                    }
                }
                None if !kwdict.is_null() => {
                    let k = self.str(n);
                    let r = self.dict_set(kwdict, k, v);
                    self.decref(k);
                    self.decref(v);
                    if let Err(e) = r {
                        err = Some(e);
                    }
                }
                None => {
                    // positional_only_passed_as_keyword, in parameter order
                    let posonly: Vec<&str> = code.varnames[..code.posonly as usize]
                        .iter()
                        .filter(|p| kwnames.iter().any(|k| k == *p))
                        .map(|p| &**p)
                        .collect();
                    err = Some(PyErr::type_error(if posonly.is_empty() {
                        format!("{name}() got an unexpected keyword argument '{n}'")
                    } else {
                        format!(
                            "{name}() got some positional-only arguments passed as keyword arguments: '{}'",
                            posonly.join(", ")
                        )
                    }));
                    self.decref(v);
                }
            }
        }
        if let Some(e) = err {
            return Err(e);
        }
        // defaults for missing positionals
        let mut missing = Vec::new();
        for i in 0..argcount {
            if slots[i].is_null() {
                let first_default = argcount - ndefaults;
                if i >= first_default {
                    let d = match self.heap.get(defaults) {
                        Obj::Tuple(t) => t[i - first_default],
                        _ => unreachable!("defaults is a tuple"),
                    };
                    self.incref(d);
                    slots[i] = d;
                } else {
                    missing.push(format!("'{}'", code.varnames[i]));
                }
            }
        }
        if !missing.is_empty() {
            return Err(PyErr::type_error(format!(
                "{name}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
        let mut missing_kw = Vec::new();
        #[allow(clippy::needless_range_loop)]
        for i in argcount..argcount + kwonly {
            if slots[i].is_null() {
                let d = if kwdefaults.is_null() {
                    None
                } else {
                    match self.heap.get(kwdefaults) {
                        Obj::Dict(d) => d.get(&Key::Str(code.varnames[i].clone())),
                        _ => None,
                    }
                };
                match d {
                    Some(d) => {
                        self.incref(d);
                        slots[i] = d;
                    }
                    None => missing_kw.push(format!("'{}'", code.varnames[i])),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(PyErr::type_error(format!(
                "{name}() missing {} required keyword-only argument{}: {}",
                missing_kw.len(),
                if missing_kw.len() == 1 { "" } else { "s" },
                join_names(&missing_kw)
            )));
        }
        Ok(())
    }

    /// COPY_FREE_VARS: new references to the cells of a function's closure.
    pub(crate) fn closure_cells(&mut self, closure: ObjRef) -> Vec<ObjRef> {
        if closure.is_null() {
            return Vec::new();
        }
        let cells: Vec<ObjRef> = match self.heap.get(closure) {
            Obj::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        };
        for &c in &cells {
            self.incref(c);
        }
        cells
    }

    /// MAKE_FUNCTION: the new function takes the references to its parts.
    pub(crate) fn make_function(
        &mut self,
        code_obj: ObjRef,
        globals: ObjRef,
        defaults: ObjRef,
        kwdefaults: ObjRef,
        closure: ObjRef,
    ) -> ObjRef {
        let code = match self.heap.get(code_obj) {
            Obj::Code(c, _) => c.clone(),
            _ => unreachable!("MAKE_FUNCTION takes a code object"),
        };
        self.incref(globals);
        let f = self.alloc(Obj::Function(Box::new(Function {
            name: code.name.clone(),
            qualname: code.qualname.clone(),
            code,
            code_obj,
            globals,
            defaults,
            kwdefaults,
            closure,
            dict: ObjRef::NULL,
        })));
        if self.tracing {
            self.trace_items(f);
        }
        f
    }
}

/// The set methods taking `*others`: a tuple of them in 3.12's METH_VARARGS
/// and 3.13's argument clinic.
fn set_varargs(f: crate::object::Builtin) -> bool {
    use crate::object::Builtin as B;
    matches!(
        f,
        B::SetUnion
            | B::SetIntersection
            | B::SetDifference
            | B::SetUpdate
            | B::SetIntersectionUpdate
            | B::SetDifferenceUpdate
    )
}

pub(crate) fn join_names(names: &[String]) -> String {
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}
