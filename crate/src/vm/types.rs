//! Types and attributes: classes defined by the program, instances, bound
//! methods, `super()`, and the attributes of built-in objects.

use super::{PyErr, Vm};
use crate::dict::{Dict, Key};
use crate::heap::{flags, ObjRef};
use crate::object::{Builtin, Instance, Obj, TypeObj, TypeTag};
use crate::profile::Python;
use std::rc::Rc;

impl Vm {
    /// `type(x)`.
    pub(crate) fn class_of(&self, r: ObjRef) -> ObjRef {
        match self.heap.get(r) {
            Obj::Instance(i) => i.class,
            other => self.types[&other.tag()],
        }
    }

    /// The classes of a type's MRO.
    pub(crate) fn mro(&self, t: ObjRef) -> Vec<ObjRef> {
        if t.is_null() {
            return Vec::new();
        }
        match self.heap.get(t) {
            // a class being cleared by the collector has no mro any more
            Obj::Type(tt) if tt.mro.is_null() => vec![t],
            Obj::Type(tt) => match self.heap.get(tt.mro) {
                Obj::Tuple(m) => m.to_vec(),
                _ => vec![t],
            },
            _ => Vec::new(),
        }
    }

    pub(crate) fn is_subclass(&self, cls: ObjRef, of: ObjRef) -> bool {
        cls == of || self.mro(cls).contains(&of)
    }

    pub(crate) fn isinstance(&self, obj: ObjRef, cls: ObjRef) -> bool {
        let c = self.class_of(obj);
        if self.is_subclass(c, cls) {
            return true;
        }
        // bool is an int
        matches!(self.heap.get(obj), Obj::Bool(_)) && cls == self.types[&TypeTag::Int]
    }

    /// Look a name up along a class's MRO (borrowed result).
    pub(crate) fn lookup_in_mro(&self, cls: ObjRef, name: &str) -> Option<ObjRef> {
        let key = Key::Str(name.into());
        for t in self.mro(cls) {
            if let Obj::Type(tt) = self.heap.get(t) {
                if tt.dict.is_null() {
                    continue;
                }
                if let Obj::Dict(d) = self.heap.get(tt.dict) {
                    if let Some(v) = d.get(&key) {
                        return Some(v);
                    }
                }
            }
        }
        None
    }

    /// A special method of the object's class, defined by the program (new reference).
    pub(crate) fn lookup_special(&mut self, obj: ObjRef, name: &str) -> Option<ObjRef> {
        if !matches!(self.heap.get(obj), Obj::Instance(_)) {
            return None;
        }
        let cls = self.class_of(obj);
        let f = self.lookup_in_mro(cls, name)?;
        if matches!(self.heap.get(f), Obj::Function(_)) {
            self.incref(f);
            Some(f)
        } else {
            None
        }
    }

    /// Call a special method if the class defines one: Some(result) or None.
    pub(crate) fn call_special(&mut self, obj: ObjRef, name: &str, args: &[ObjRef]) -> Option<Result<ObjRef, PyErr>> {
        let f = self.lookup_special(obj, name)?;
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(obj);
        all.extend_from_slice(args);
        let r = self.call_object(f, &all, &[]);
        self.decref(f);
        Some(r)
    }

    /// A method descriptor of a built-in type (immortal, shared).
    fn builtin_descriptor(&mut self, f: Builtin) -> ObjRef {
        if let Some(&d) = self.method_descrs.get(&f) {
            return d;
        }
        let d = self.alloc_immortal(Obj::Builtin { f, this: ObjRef::NULL });
        self.method_descrs.insert(f, d);
        d
    }

    /// LOAD_ATTR's method form: Some(callable) when `obj.name(...)` can skip the
    /// bound method (a function in the class, or a built-in type's method).
    /// The result is a new reference.
    pub(crate) fn get_method(&mut self, obj: ObjRef, name: &Rc<str>) -> Result<Option<ObjRef>, PyErr> {
        match self.heap.get(obj) {
            Obj::Instance(i) => {
                if i.attrs.iter().any(|(n, _)| n == name) {
                    return Ok(None);
                }
                let cls = i.class;
                // a class with an attribute hook makes a bound method, as CPython's
                // _PyObject_GetMethod does for any tp_getattro but the generic one
                if self.attr_hooks
                    && (self.lookup_in_mro(cls, "__getattribute__").is_some()
                        || self.lookup_in_mro(cls, "__getattr__").is_some())
                {
                    return Ok(None);
                }
                let Obj::Instance(i) = self.heap.get(obj) else { unreachable!() };
                if !i.dict.is_null() && self.dict_lookup_str(i.dict, name).is_some() {
                    return Ok(None);
                }
                let cls = i.class;
                match self.lookup_in_mro(cls, name) {
                    Some(f) if matches!(self.heap.get(f), Obj::Function(_)) => {
                        self.incref(f);
                        Ok(Some(f))
                    }
                    _ => Ok(None),
                }
            }
            Obj::Type(_) | Obj::Module { .. } | Obj::Super { .. } => Ok(None),
            other => {
                let tag = other.tag();
                match builtin_method(tag, name) {
                    Some(f) => Ok(Some(self.builtin_descriptor(f))),
                    None => Ok(None),
                }
            }
        }
    }

    fn no_attribute(&self, obj: ObjRef, name: &str) -> PyErr {
        if self.cpython_has_attr(obj, name) {
            // CPython's type has it, gcplay does not model it
            let what = match self.heap.get(obj) {
                Obj::Type(t) => format!("the attribute '{name}' of the class '{}'", t.name),
                _ => format!("the attribute '{name}' of '{}' objects", self.type_name(obj)),
            };
            return PyErr::refusal(&what);
        }
        let e = self.no_attribute_error(obj, name);
        self.note_attribute_hint(&e, obj, name);
        e
    }

    /// Whether the object has the attribute in CPython by its type alone:
    /// a name of the built-in types along its class's MRO (module_dir.rs),
    /// of `type` for a class, or one type_new gives every class.
    fn cpython_has_attr(&self, obj: ObjRef, name: &str) -> bool {
        use super::module_dir::type_has;
        match self.heap.get(obj) {
            Obj::Module { .. } => false,
            Obj::Type(_) => type_has("type", name) || self.mro(obj).iter().any(|&c| self.class_has_attr(c, name)),
            Obj::Instance(i) => {
                let cls = i.class;
                self.mro(cls).iter().any(|&c| self.class_has_attr(c, name))
            }
            Obj::Method { .. } => type_has("method", name) || type_has("function", name),
            _ => type_has(&self.type_name(obj), name),
        }
    }

    /// Whether `cls` is a built-in type whose row in module_dir.rs has the name.
    fn builtin_class_has_attr(&self, cls: ObjRef, name: &str) -> bool {
        match self.heap.get(cls) {
            Obj::Type(t) if t.builtin.is_some() || self.exc_types.get(&*t.name) == Some(&cls) => {
                super::module_dir::type_has(&t.name, name)
            }
            _ => false,
        }
    }

    /// A class's own names that gcplay may not hold: a built-in type's (its
    /// row in module_dir.rs), or those type_new gives a class of the program.
    fn class_has_attr(&self, cls: ObjRef, name: &str) -> bool {
        let Obj::Type(t) = self.heap.get(cls) else { return false };
        if t.builtin.is_some() || self.exc_types.get(&*t.name) == Some(&cls) {
            return super::module_dir::type_has(&t.name, name);
        }
        matches!(name, "__module__" | "__dict__" | "__weakref__" | "__doc__")
            || (self.profile.python == Python::P313 && matches!(name, "__firstlineno__" | "__static_attributes__"))
    }

    fn no_attribute_error(&self, obj: ObjRef, name: &str) -> PyErr {
        match self.heap.get(obj) {
            Obj::Type(t) => PyErr::new("AttributeError", format!("type object '{}' has no attribute '{name}'", t.name)),
            Obj::Module { name: m, .. } => {
                PyErr::new("AttributeError", format!("module '{m}' has no attribute '{name}'"))
            }
            _ => PyErr::new("AttributeError", format!("'{}' object has no attribute '{name}'", self.type_name(obj))),
        }
    }

    /// `obj.name` (a new reference): the class's `__getattribute__` if it
    /// defines one, else `object.__getattribute__`; on AttributeError, its
    /// `__getattr__` (CPython's slot_tp_getattr_hook).
    pub(crate) fn get_attr(&mut self, obj: ObjRef, name: &Rc<str>) -> Result<ObjRef, PyErr> {
        if !self.attr_hooks || !matches!(self.heap.get(obj), Obj::Instance(_)) {
            return self.object_getattribute(obj, name);
        }
        let r = match self.lookup_special(obj, "__getattribute__") {
            Some(f) => {
                let n = self.str(name);
                let r = self.call_object(f, &[obj, n], &[]);
                self.decref(n);
                self.decref(f);
                r
            }
            None => self.object_getattribute(obj, name),
        };
        match r {
            Err(e) if self.err_is(&e, "AttributeError") => match self.lookup_special(obj, "__getattr__") {
                Some(f) => {
                    self.discard(e);
                    let n = self.str(name);
                    let r = self.call_object(f, &[obj, n], &[]);
                    self.decref(n);
                    self.decref(f);
                    r
                }
                None => Err(e),
            },
            r => r,
        }
    }

    /// `object.__getattribute__`: the object's own attributes, then its class's.
    pub(crate) fn object_getattribute(&mut self, obj: ObjRef, name: &Rc<str>) -> Result<ObjRef, PyErr> {
        if let Some(r) = self.special_attr(obj, name)? {
            return Ok(r);
        }
        match self.heap.get(obj) {
            Obj::Module { dict, name: module } => {
                let d = *dict;
                match self.dict_lookup_str(d, name) {
                    Some(v) => {
                        self.incref(v);
                        Ok(v)
                    }
                    // CPython's module has it, gcplay's does not model it
                    None if super::module_dir::has(module, name) => Err(PyErr::refusal(&format!("{module}.{name}"))),
                    None => Err(self.no_attribute(obj, name)),
                }
            }
            Obj::Instance(i) => {
                if let Some((_, v)) = i.attrs.iter().find(|(n, _)| n == name) {
                    let v = *v;
                    self.incref(v);
                    return Ok(v);
                }
                let (cls, dict) = (i.class, i.dict);
                if let Some(v) = self.dict_lookup_str(dict, name) {
                    self.incref(v);
                    return Ok(v);
                }
                match self.lookup_in_mro(cls, name) {
                    Some(v) => Ok(self.bind_class_attr(v, obj)),
                    None => Err(self.no_attribute(obj, name)),
                }
            }
            Obj::Type(t) => {
                let builtin = t.builtin;
                match self.lookup_in_mro(obj, name) {
                    Some(v) => {
                        self.incref(v);
                        Ok(v)
                    }
                    None => {
                        // built-in types: their methods as descriptors (`list.append`)
                        if let Some(f) = builtin.and_then(|tag| builtin_method(tag, name)) {
                            return Ok(self.builtin_descriptor(f));
                        }
                        Err(self.no_attribute(obj, name))
                    }
                }
            }
            Obj::Super { class, this } => {
                let (class, this) = (*class, *this);
                let start = self.class_of(this);
                let mro = if matches!(self.heap.get(this), Obj::Type(_)) { self.mro(this) } else { self.mro(start) };
                let after = mro.iter().position(|&c| c == class).map(|p| p + 1).unwrap_or(mro.len());
                let key = Key::Str(name.clone());
                for &t in &mro[after..] {
                    if let Obj::Type(tt) = self.heap.get(t) {
                        if let Obj::Dict(d) = self.heap.get(tt.dict) {
                            if let Some(v) = d.get(&key) {
                                return Ok(self.bind_class_attr(v, this));
                            }
                        }
                        if let Some(f) = tt.builtin.and_then(|tag| builtin_method(tag, name)) {
                            self.incref(this);
                            return Ok(self.alloc(Obj::Builtin { f, this }));
                        }
                    }
                }
                // object.__init__ and friends
                if let Some(f) = object_method(name) {
                    self.incref(this);
                    return Ok(self.alloc(Obj::Builtin { f, this }));
                }
                // a built-in class after `class` has it in CPython, or super itself does
                if mro[after..].iter().any(|&c| self.builtin_class_has_attr(c, name))
                    || super::module_dir::type_has("super", name)
                {
                    return Err(PyErr::refusal(&format!("the attribute '{name}' through super()")));
                }
                Err(PyErr::new("AttributeError", format!("'super' object has no attribute '{name}'")))
            }
            Obj::Function(f) => {
                let d = f.dict;
                match self.dict_lookup_str(d, name) {
                    Some(v) => {
                        self.incref(v);
                        Ok(v)
                    }
                    None => Err(self.no_attribute(obj, name)),
                }
            }
            other => {
                let tag = other.tag();
                match builtin_method(tag, name) {
                    Some(f) => {
                        // a bound built-in method: a new object holding its self
                        self.incref(obj);
                        Ok(self.alloc(Obj::Builtin { f, this: obj }))
                    }
                    None => Err(self.no_attribute(obj, name)),
                }
            }
        }
    }

    /// A class attribute seen through an instance: functions become bound methods.
    fn bind_class_attr(&mut self, v: ObjRef, obj: ObjRef) -> ObjRef {
        if matches!(self.heap.get(v), Obj::Function(_)) {
            self.incref(v);
            self.incref(obj);
            return self.alloc(Obj::Method { func: v, this: obj });
        }
        self.incref(v);
        v
    }

    /// Attributes every object of a kind has (`__class__`, `__name__`, `args`, ...).
    fn special_attr(&mut self, obj: ObjRef, name: &str) -> Result<Option<ObjRef>, PyErr> {
        if let Obj::Finalizer { alive, atexit, .. } = *self.heap.get(obj) {
            match name {
                "alive" => return Ok(Some(self.bool(alive))),
                "atexit" => return Ok(Some(self.bool(atexit))),
                _ => {}
            }
        }
        if !name.starts_with("__")
            && !matches!(name, "args" | "cell_contents" | "value" | "tb_next" | "tb_frame" | "tb_lineno")
        {
            return Ok(None);
        }
        if name == "value" {
            // StopIteration's member (None until its __init__ set it)
            let stop = self.is_subclass(self.class_of(obj), self.exc_types["StopIteration"]);
            return Ok(match self.heap.get(obj) {
                Obj::Instance(i) if stop => {
                    let v = i.exc.as_ref().map_or(ObjRef::NULL, |e| e.value);
                    let v = if v.is_null() { self.none } else { v };
                    self.incref(v);
                    Some(v)
                }
                _ => None,
            });
        }
        let r = match (self.heap.get(obj), name) {
            (_, "__class__") => Some(self.class_of(obj)),
            // a built-in type's tp_name may name its module: 'weakref.ReferenceType'
            (Obj::Type(t), "__name__" | "__qualname__" | "__module__") => {
                let builtin = self.heap.slot(obj).is(flags::IMMORTAL);
                let (module, base) = t.qualname.rsplit_once('.').unwrap_or(("builtins", &t.qualname));
                let n = match name {
                    "__module__" if builtin => module.to_string(),
                    "__module__" => return Ok(None),
                    _ if builtin => base.to_string(),
                    "__qualname__" => t.qualname.to_string(),
                    _ => t.name.to_string(),
                };
                return Ok(Some(self.str(&n)));
            }
            (Obj::Type(t), "__mro__") => Some(t.mro),
            (Obj::Type(t), "__bases__") => Some(t.bases),
            (Obj::Type(t), "__base__") => Some(if t.base.is_null() { self.none } else { t.base }),
            (Obj::Type(t), "__dict__") => Some(t.dict),
            (Obj::Function(f), "__name__") => {
                let n = f.name.clone();
                return Ok(Some(self.str(&n)));
            }
            (Obj::Function(f), "__qualname__") => {
                let n = f.qualname.clone();
                return Ok(Some(self.str(&n)));
            }
            (Obj::Function(f), "__defaults__") => Some(if f.defaults.is_null() { self.none } else { f.defaults }),
            (Obj::Function(f), "__closure__") => Some(if f.closure.is_null() { self.none } else { f.closure }),
            (Obj::Function(f), "__globals__") => Some(f.globals),
            (Obj::Function(_), "__dict__") => {
                let d = self.function_dict(obj);
                Some(d)
            }
            (Obj::Method { func, .. }, "__func__") => Some(*func),
            (Obj::Method { this, .. }, "__self__") => Some(*this),
            (Obj::Builtin { this, .. }, "__self__") => Some(if this.is_null() { self.none } else { *this }),
            (Obj::Cell(v), "cell_contents") => {
                if v.is_null() {
                    return Err(PyErr::new("ValueError", "Cell is empty".into()));
                }
                Some(*v)
            }
            (Obj::Instance(_), "__dict__") => {
                let d = self.instance_dict(obj);
                Some(d)
            }
            (Obj::Instance(i), "args") if i.exc.is_some() => i.exc.as_ref().map(|e| e.args),
            (Obj::Instance(i), "__traceback__") if i.exc.is_some() => {
                i.exc.as_ref().map(|e| if e.traceback.is_null() { self.none } else { e.traceback })
            }
            (Obj::Instance(i), "__cause__") if i.exc.is_some() => {
                i.exc.as_ref().map(|e| if e.cause.is_null() { self.none } else { e.cause })
            }
            (Obj::Instance(i), "__suppress_context__") if i.exc.is_some() => {
                let b = i.exc.as_ref().is_some_and(|e| e.suppress_context);
                return Ok(Some(self.bool(b)));
            }
            (Obj::Instance(i), "__context__") if i.exc.is_some() => {
                i.exc.as_ref().map(|e| if e.context.is_null() { self.none } else { e.context })
            }
            (&Obj::Traceback { next, .. }, "tb_next") => Some(if next.is_null() { self.none } else { next }),
            (&Obj::Traceback { frame, .. }, "tb_frame") if !frame.is_null() => Some(frame),
            (&Obj::Traceback { line, .. }, "tb_lineno") => return Ok(Some(self.int(line as i64))),
            (Obj::Generator(g), "__name__" | "__qualname__") => {
                let n = if name == "__name__" { g.name.clone() } else { g.qualname.clone() };
                return Ok(Some(self.str(&n)));
            }
            (Obj::Module { name: m, .. }, "__name__") => {
                let n = m.clone();
                return Ok(Some(self.str(&n)));
            }
            _ => None,
        };
        if let Some(r) = r {
            self.incref(r);
        }
        Ok(r)
    }

    /// An instance's `__dict__`, made on first use: the inline values move into it.
    pub(crate) fn instance_dict(&mut self, obj: ObjRef) -> ObjRef {
        if let Obj::Instance(i) = self.heap.get(obj) {
            if !i.dict.is_null() {
                return i.dict;
            }
        }
        if self.profile.python == Python::P313 {
            // 3.13: the dict shows the inline values, which the instance keeps owning
            let attrs: Vec<(Rc<str>, ObjRef)> = match self.heap.get(obj) {
                Obj::Instance(i) => i.attrs.clone(),
                _ => Vec::new(),
            };
            let d = self.alloc(Obj::Dict(Box::new(Dict::new())));
            let mut track = false;
            for (n, v) in &attrs {
                let k = self.name_str(n);
                track |= self.may_be_tracked(*v);
                if let Obj::Dict(dd) = self.heap.get_mut(d) {
                    dd.set(Key::Str(n.clone()), k, *v);
                }
            }
            if let Obj::Dict(dd) = self.heap.get_mut(d) {
                dd.embedded = obj;
            }
            if track {
                self.track(d);
            }
            if let Obj::Instance(i) = self.heap.get_mut(obj) {
                i.dict = d;
                i.dict_embedded = true;
            }
            if self.tracing {
                self.trace_items(d);
            }
            return d;
        }
        let attrs = match self.heap.get_mut(obj) {
            Obj::Instance(i) => std::mem::take(&mut i.attrs),
            _ => Vec::new(),
        };
        let d = self.alloc(Obj::Dict(Box::new(Dict::new())));
        for (n, v) in attrs {
            let k = self.str(&n);
            let _ = self.dict_set(d, k, v);
            self.decref(k);
            self.decref(v);
        }
        if let Obj::Instance(i) = self.heap.get_mut(obj) {
            i.dict = d;
        }
        d
    }

    fn function_dict(&mut self, f: ObjRef) -> ObjRef {
        if let Obj::Function(func) = self.heap.get(f) {
            if !func.dict.is_null() {
                return func.dict;
            }
        }
        let d = self.alloc(Obj::Dict(Box::new(Dict::new())));
        if let Obj::Function(func) = self.heap.get_mut(f) {
            func.dict = d;
        }
        d
    }

    /// `obj.name = v` (v borrowed): the class's `__setattr__` if it defines one.
    pub(crate) fn set_attr(&mut self, obj: ObjRef, name: &Rc<str>, v: ObjRef) -> Result<(), PyErr> {
        self.attr_hook(obj, "__setattr__", name, Some(v)).unwrap_or_else(|| self.object_setattr(obj, name, v))
    }

    /// `del obj.name`: the class's `__delattr__` if it defines one.
    pub(crate) fn del_attr(&mut self, obj: ObjRef, name: &Rc<str>) -> Result<(), PyErr> {
        self.attr_hook(obj, "__delattr__", name, None).unwrap_or_else(|| self.object_delattr(obj, name))
    }

    /// A program class's `__setattr__` or `__delattr__`, called with the name (and value).
    fn attr_hook(&mut self, obj: ObjRef, hook: &str, name: &Rc<str>, v: Option<ObjRef>) -> Option<Result<(), PyErr>> {
        if !self.attr_hooks || !matches!(self.heap.get(obj), Obj::Instance(_)) {
            return None;
        }
        let f = self.lookup_special(obj, hook)?;
        let n = self.str(name);
        let r = match v {
            Some(v) => self.call_object(f, &[obj, n, v], &[]),
            None => self.call_object(f, &[obj, n], &[]),
        };
        self.decref(n);
        self.decref(f);
        Some(r.map(|r| self.decref(r)))
    }

    /// `object.__setattr__`: the instance's own attributes (or a class's, a function's dict).
    pub(crate) fn object_setattr(&mut self, obj: ObjRef, name: &Rc<str>, v: ObjRef) -> Result<(), PyErr> {
        match self.heap.get(obj) {
            Obj::Instance(i) => {
                if !i.dict.is_null() && !i.dict_embedded {
                    let d = i.dict;
                    let k = self.str(name);
                    let r = self.dict_set(d, k, v);
                    self.decref(k);
                    return r;
                }
                let mirror = if i.dict_embedded { i.dict } else { ObjRef::NULL };
                if !mirror.is_null() {
                    let k = self.name_str(name);
                    if let Obj::Dict(dd) = self.heap.get_mut(mirror) {
                        dd.set(Key::Str(name.clone()), k, v);
                    }
                    if !self.heap.slot(mirror).is(flags::TRACKED) && self.may_be_tracked(v) {
                        self.track(mirror);
                    }
                }
                self.incref(v);
                let old = match self.heap.get_mut(obj) {
                    Obj::Instance(i) => match i.attrs.iter_mut().find(|(n, _)| n == name) {
                        Some(slot) => Some(std::mem::replace(&mut slot.1, v)),
                        None => {
                            i.attrs.push((name.clone(), v));
                            None
                        }
                    },
                    _ => None,
                };
                if self.tracing {
                    self.trace_attrs(obj);
                }
                if let Some(old) = old {
                    self.decref(old);
                }
                Ok(())
            }
            Obj::Type(t) if !self.heap.slot(obj).is(flags::IMMORTAL) => {
                let d = t.dict;
                self.attr_hooks |= is_attr_hook(name);
                let k = self.str(name);
                let r = self.dict_set(d, k, v);
                self.decref(k);
                if self.tracing {
                    self.trace_class(obj);
                }
                r
            }
            Obj::Function(_) => {
                let d = self.function_dict(obj);
                let k = self.str(name);
                let r = self.dict_set(d, k, v);
                self.decref(k);
                r
            }
            Obj::Type(t) => {
                Err(PyErr::type_error(format!("cannot set '{name}' attribute of immutable type '{}'", t.name)))
            }
            _ => {
                let tn = self.type_name(obj);
                let has = builtin_method(self.heap.tag(obj), name).is_some();
                if !has && super::module_dir::type_has(&tn, name) {
                    // CPython's message depends on the kind of attribute
                    return Err(PyErr::refusal(&format!("setting the attribute '{name}' of '{tn}' objects")));
                }
                Err(PyErr::new(
                    "AttributeError",
                    if has {
                        format!("'{tn}' object attribute '{name}' is read-only")
                    } else if self.profile.python == Python::P313 {
                        format!("'{tn}' object has no attribute '{name}' and no __dict__ for setting new attributes")
                    } else {
                        format!("'{tn}' object has no attribute '{name}'")
                    },
                ))
            }
        }
    }

    /// `object.__delattr__`.
    pub(crate) fn object_delattr(&mut self, obj: ObjRef, name: &Rc<str>) -> Result<(), PyErr> {
        if let Obj::Instance(i) = self.heap.get(obj) {
            if i.dict_embedded {
                let d = i.dict;
                if let Obj::Dict(dd) = self.heap.get_mut(d) {
                    dd.remove(&Key::Str(name.clone()));
                }
            }
        }
        match self.heap.get(obj) {
            Obj::Instance(i) => {
                if !i.dict.is_null() && !i.dict_embedded {
                    let d = i.dict;
                    let k = self.str(name);
                    let r = self.dict_pop(d, k);
                    self.decref(k);
                    return match r? {
                        Some(v) => {
                            self.decref(v);
                            Ok(())
                        }
                        None => Err(self.no_attribute(obj, name)),
                    };
                }
                let removed = match self.heap.get_mut(obj) {
                    Obj::Instance(i) => i.attrs.iter().position(|(n, _)| n == name).map(|p| i.attrs.remove(p).1),
                    _ => None,
                };
                match removed {
                    Some(v) => {
                        if self.tracing {
                            self.trace_attrs(obj);
                        }
                        self.decref(v);
                        Ok(())
                    }
                    None => Err(self.no_attribute(obj, name)),
                }
            }
            Obj::Type(t) if t.builtin.is_none() => {
                let d = t.dict;
                let k = self.str(name);
                let r = self.delitem(d, k);
                self.decref(k);
                r.map_err(|_| self.no_attribute(obj, name))
            }
            _ => Err(self.no_attribute(obj, name)),
        }
    }

    /// Record an instance's attributes for the view.
    pub(crate) fn trace_attrs(&mut self, obj: ObjRef) {
        use crate::trace::{Event, Label};
        let items: Vec<(Label, u32)> = match self.heap.get(obj) {
            Obj::Instance(i) => i.attrs.iter().map(|(n, v)| (Label::Attr(n.clone()), self.heap.serial(*v))).collect(),
            _ => return,
        };
        let id = self.heap.serial(obj);
        self.trace.push(Event::Items { id, items: items.into() });
    }

    /// Calling a class: built-in constructors, exceptions, and program classes
    /// (a new instance, then `__init__`).
    pub(crate) fn call_type(
        &mut self,
        cls: ObjRef,
        args: &[ObjRef],
        kwargs: &[(Rc<str>, ObjRef)],
    ) -> Result<ObjRef, PyErr> {
        let (builtin, exception, name) = match self.heap.get(cls) {
            Obj::Type(t) => (t.builtin, t.exception, t.name.clone()),
            _ => unreachable!("call_type takes a type"),
        };
        if let Some(tag) = builtin {
            if tag != TypeTag::Object || !args.is_empty() || !kwargs.is_empty() {
                return self.construct_builtin(tag, args, kwargs);
            }
        }
        let is_program_class = !self.heap.slot(cls).is(flags::IMMORTAL);
        if !is_program_class && exception {
            let items: Vec<ObjRef> = args.to_vec();
            for &a in &items {
                self.incref(a);
            }
            return Ok(self.new_exception(cls, items));
        }
        // a program class
        self.incref(cls);
        let inst = self.alloc(Obj::Instance(Box::new(Instance {
            class: cls,
            attrs: Vec::new(),
            dict: ObjRef::NULL,
            dict_embedded: false,
            exc: None,
        })));
        if exception {
            let items: Vec<ObjRef> = args.to_vec();
            for &a in &items {
                self.incref(a);
            }
            // StopIteration_init runs unless the class has an __init__ of its own
            let own_init =
                matches!(self.lookup_in_mro(cls, "__init__"), Some(f) if matches!(self.heap.get(f), Obj::Function(_)));
            let value = if !own_init && self.is_subclass(cls, self.exc_types["StopIteration"]) {
                let v = items.first().copied().unwrap_or(self.none);
                self.incref(v);
                v
            } else {
                ObjRef::NULL
            };
            let t = if items.is_empty() { self.empty_tuple } else { self.new_tuple(items) };
            if let Obj::Instance(i) = self.heap.get_mut(inst) {
                i.exc = Some(Box::new(crate::object::ExcState { args: t, value, ..Default::default() }));
            }
        }
        match self.lookup_in_mro(cls, "__init__") {
            Some(init) if matches!(self.heap.get(init), Obj::Function(_)) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(inst);
                all.extend_from_slice(args);
                self.incref(init);
                let r = self.call_object(init, &all, kwargs);
                self.decref(init);
                match r {
                    Ok(v) => {
                        if v != self.none {
                            let tn = self.type_name(v);
                            self.decref(v);
                            self.decref(inst);
                            return Err(PyErr::type_error(format!("__init__() should return None, not '{tn}'")));
                        }
                        Ok(inst)
                    }
                    Err(e) => {
                        self.decref(inst);
                        Err(e)
                    }
                }
            }
            _ => {
                if (!args.is_empty() || !kwargs.is_empty()) && !exception {
                    self.decref(inst);
                    return Err(PyErr::type_error(format!("{name}() takes no arguments")));
                }
                Ok(inst)
            }
        }
    }

    /// `__build_class__(body, name, *bases)`: run the body in a fresh namespace,
    /// then make the class from it.
    pub(crate) fn build_class(&mut self, args: &[ObjRef], kwargs: &[(Rc<str>, ObjRef)]) -> Result<ObjRef, PyErr> {
        if !kwargs.is_empty() {
            return Err(PyErr::type_error("class keyword arguments are not supported".into()));
        }
        let (body, name_obj, bases) = (args[0], args[1], &args[2..]);
        let name: Rc<str> = match self.heap.get(name_obj) {
            Obj::Str(s) => s.clone(),
            _ => "?".into(),
        };
        for &b in bases {
            match self.heap.get(b) {
                Obj::Type(t) if t.builtin.is_none() || t.builtin == Some(TypeTag::Object) => {}
                Obj::Type(t) => {
                    return Err(PyErr::type_error(format!(
                        "subclassing the built-in type '{}' is not supported in gcplay",
                        t.name
                    )))
                }
                _ => return Err(PyErr::type_error("bases must be types".into())),
            }
        }
        // the bases as a tuple (the empty tuple when there are none)
        let bases_t = self.hidden_tuple(bases);
        // the metaclass's __prepare__, looked up as a bound method, makes the namespace
        self.transient_gc_alloc();
        let ns = self.alloc_hidden(Obj::Dict(Box::new(Dict::new())));
        self.transient_gc_free();
        // run the body with the namespace as its locals
        let cell = match self.run_class_body(body, ns) {
            // CPython makes it a classmethod and calls it for each subclass
            Ok(c) if self.dict_lookup_str(ns, &"__init_subclass__".into()).is_some() => {
                self.xdecref(c);
                Err(PyErr::refusal("a class's own __init_subclass__"))
            }
            r => r,
        };
        let cell = match cell {
            Ok(c) => c,
            Err(e) => {
                self.decref(ns);
                self.xdecref(bases_t);
                return Err(e);
            }
        };
        // type(name, bases, ns) gets its arguments as a tuple (tp_call)
        let call_bases = if bases_t.is_null() { self.empty_tuple } else { bases_t };
        for r in [name_obj, call_bases, ns] {
            self.incref(r);
        }
        let call_args = self.alloc_hidden(Obj::Tuple(Box::new([name_obj, call_bases, ns])));
        let cls = self.type_new(&name, bases, ns, bases_t);
        self.decref(call_args);
        self.xdecref(bases_t);
        if !cell.is_null() {
            if cell != self.none {
                self.cell_set(cell, cls);
                self.incref(cls);
            }
            self.decref(cell);
        }
        self.decref(ns);
        Ok(cls)
    }

    fn run_class_body(&mut self, body: ObjRef, ns: ObjRef) -> Result<ObjRef, PyErr> {
        let (code, globals, code_obj, closure) = match self.heap.get(body) {
            Obj::Function(f) => (f.code.clone(), f.globals, f.code_obj, f.closure),
            _ => return Err(PyErr::type_error("__build_class__: func must be a function".into())),
        };
        let consts = match self.heap.get(code_obj) {
            Obj::Code(_, c) => c.clone(),
            _ => unreachable!("function code"),
        };
        let base = self.stack.len();
        for _ in 0..code.varnames.len() {
            self.stack.push(ObjRef::NULL);
        }
        for _ in 0..code.cellvars.len() {
            let c = self.alloc(Obj::Cell(ObjRef::NULL));
            self.stack.push(c);
        }
        let frees = self.closure_cells(closure);
        self.stack.extend(frees);
        let id = self.new_frame_id();
        if self.tracing {
            self.trace.push(crate::trace::Event::FramePush { frame: id, name: code.name.clone() });
        }
        self.incref(ns);
        self.frames.push(super::Frame {
            code,
            consts,
            pc: 0,
            base,
            globals,
            ns,
            func: ObjRef::NULL,
            id,
            frame_obj: ObjRef::NULL,
            gen: ObjRef::NULL,
        });
        if self.tracing {
            self.trace.push(crate::trace::Event::FramePop { frame: id });
        }
        let entry = self.frames.len() - 1;
        self.native_depth += 1;
        let r = self.eval(entry);
        self.native_depth -= 1;
        r
    }

    /// `type(name, bases, ns)`: the class object and what CPython makes with it
    /// (a copy of the namespace, `__mro__`, `__bases__`, and the `__dict__` and
    /// `__weakref__` descriptors when the bases do not provide them).
    fn type_new(&mut self, name: &Rc<str>, bases: &[ObjRef], ns: ObjRef, bases_t: ObjRef) -> ObjRef {
        let object = self.types[&TypeTag::Object];
        let base = bases.first().copied().unwrap_or(object);
        let exception = matches!(self.heap.get(base), Obj::Type(t) if t.exception);
        let qualname: Rc<str> = match self.dict_lookup_str(ns, &"__qualname__".into()) {
            Some(q) => match self.heap.get(q) {
                Obj::Str(s) => s.clone(),
                _ => name.clone(),
            },
            None => name.clone(),
        };
        // __bases__: the given tuple, or (object,) made here
        let bases_t = if bases_t.is_null() {
            self.incref(object);
            self.alloc_hidden(Obj::Tuple(Box::new([object])))
        } else {
            self.incref(bases_t);
            bases_t
        };
        // the class dict: a copy of the namespace without __qualname__ and __classcell__
        let dict = self.alloc_hidden(Obj::Dict(Box::new(Dict::new())));
        let entries: Vec<(ObjRef, ObjRef)> = match self.heap.get(ns) {
            Obj::Dict(d) => d.iter().collect(),
            _ => Vec::new(),
        };
        for (k, v) in entries {
            let skip = matches!(self.heap.get(k), Obj::Str(s) if &**s == "__qualname__" || &**s == "__classcell__");
            self.attr_hooks |= matches!(self.heap.get(k), Obj::Str(s) if is_attr_hook(s));
            if !skip {
                let _ = self.dict_set(dict, k, v);
            }
        }
        self.incref(base);
        let cls = self.alloc(Obj::Type(Box::new(TypeObj {
            name: name.clone(),
            qualname,
            base,
            bases: bases_t,
            mro: ObjRef::NULL,
            dict,
            builtin: None,
            exception,
        })));
        // __mro__: C3 for single inheritance is the chain
        let mut mro = vec![cls];
        for b in self.mro(base) {
            mro.push(b);
        }
        for &m in &mro {
            self.incref(m);
        }
        let mro_t = self.alloc_hidden(Obj::Tuple(mro.into_boxed_slice()));
        if let Obj::Type(t) = self.heap.get_mut(cls) {
            t.mro = mro_t;
        }
        // descriptors for what the bases lack
        let base_has_dict = base != object && !self.heap.slot(base).is(flags::IMMORTAL) || exception;
        let base_has_weakref = base != object && !self.heap.slot(base).is(flags::IMMORTAL);
        let add = |vm: &mut Vm, attr: &str| {
            vm.incref(cls);
            let d = vm.alloc_hidden(Obj::Descr { owner: cls, name: attr.into() });
            let k = vm.name_str(attr);
            let _ = vm.dict_set(dict, k, d);
            vm.decref(d);
        };
        if !base_has_dict {
            add(self, "__dict__");
        }
        if !base_has_weakref {
            add(self, "__weakref__");
        }
        if self.dict_lookup_str(dict, &"__doc__".into()).is_none() {
            let k = self.name_str("__doc__");
            let n = self.none;
            let _ = self.dict_set(dict, k, n);
        }
        self.add_subclass(base, cls);
        // __set_name__ walks a copy of the class dict (only its allocation is modelled)
        let copy = self.alloc_hidden(Obj::Dict(Box::new(Dict::new())));
        self.decref(copy);
        // __init_subclass__ through super(cls, cls): a super object and a bound method
        self.transient_gc_alloc();
        self.transient_gc_alloc();
        self.transient_gc_free();
        self.transient_gc_free();
        if self.tracing {
            self.trace_class(cls);
        }
        cls
    }

    /// `add_subclass`: the base records the new class in its subclasses dict
    /// (made by a class's first subclass; built-in types have theirs from
    /// start-up) as a weak reference, the plain weakref `weakref.ref(cls)` shares.
    fn add_subclass(&mut self, base: ObjRef, cls: ObjRef) {
        let w = self.alloc_hidden(Obj::WeakRef { target: cls, callback: ObjRef::NULL });
        self.weakrefs.entry(cls.0).or_default().push(w);
        match self.subclass_refs.iter_mut().find(|e| e.0 == cls.0) {
            Some(e) => e.1 = w,
            None => self.subclass_refs.push((cls.0, w)),
        }
        if !self.heap.slot(base).is(flags::IMMORTAL) && !self.subclass_dicts.iter().any(|e| e.0 == base.0) {
            let d = self.alloc_hidden(Obj::Dict(Box::new(Dict::new())));
            self.subclass_dicts.push((base.0, d));
        }
    }

    /// A class being freed leaves its base's subclasses dict (its weakref goes)
    /// and frees its own.
    pub(crate) fn remove_subclass(&mut self, cls: ObjRef) {
        for list in [0, 1] {
            let entries = if list == 0 { &mut self.subclass_refs } else { &mut self.subclass_dicts };
            if let Some(i) = entries.iter().position(|e| e.0 == cls.0) {
                let (_, r) = entries.swap_remove(i);
                self.decref(r);
            }
        }
    }

    /// An interned name (immortal, not drawn), as CPython's identifiers are.
    pub(crate) fn name_str(&mut self, s: &str) -> ObjRef {
        let r = self.alloc_immortal(Obj::Str(s.into()));
        self.heap.slot_mut(r).flags |= flags::INTERNAL;
        r
    }

    /// Record a class's own attributes (methods, class attributes) for the view.
    pub(crate) fn trace_class(&mut self, cls: ObjRef) {
        use crate::trace::{Event, Label};
        let dict = match self.heap.get(cls) {
            Obj::Type(t) => t.dict,
            _ => return,
        };
        if dict.is_null() {
            return;
        }
        let items: Vec<(Label, u32)> = match self.heap.get(dict) {
            Obj::Dict(d) => d
                .entries()
                .filter_map(|e| match &e.k {
                    Key::Str(n) if !is_class_plumbing(n) => Some((Label::Attr(n.clone()), self.heap.serial(e.value))),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let id = self.heap.serial(cls);
        self.trace.push(Event::Items { id, items: items.into() });
    }
}

/// Methods of built-in types, by type and name.
pub(crate) fn builtin_method(tag: TypeTag, name: &str) -> Option<Builtin> {
    use Builtin as B;
    Some(match (tag, name) {
        (TypeTag::List, "append") => B::ListAppend,
        (TypeTag::List, "pop") => B::ListPop,
        (TypeTag::List, "extend") => B::ListExtend,
        (TypeTag::List, "insert") => B::ListInsert,
        (TypeTag::List, "remove") => B::ListRemove,
        (TypeTag::List, "index") => B::ListIndex,
        (TypeTag::List, "count") => B::ListCount,
        (TypeTag::List, "clear") => B::ListClear,
        (TypeTag::List, "sort") => B::ListSort,
        (TypeTag::List, "reverse") => B::ListReverse,
        (TypeTag::List, "copy") => B::ListCopy,
        (TypeTag::Dict, "get") => B::DictGet,
        (TypeTag::Dict, "keys") => B::DictKeys,
        (TypeTag::Dict, "values") => B::DictValues,
        (TypeTag::Dict, "items") => B::DictItems,
        (TypeTag::Dict, "pop") => B::DictPop,
        (TypeTag::Dict, "setdefault") => B::DictSetdefault,
        (TypeTag::Dict, "update") => B::DictUpdate,
        (TypeTag::Dict, "clear") => B::DictClear,
        (TypeTag::Dict, "copy") => B::DictCopy,
        (TypeTag::Dict, "popitem") => B::DictPopitem,
        (TypeTag::Set, "add") => B::SetAdd,
        (TypeTag::Set, "discard") => B::SetDiscard,
        (TypeTag::Set, "remove") => B::SetRemove,
        (TypeTag::Set, "pop") => B::SetPop,
        (TypeTag::Set, "clear") => B::SetClear,
        (TypeTag::Set | TypeTag::FrozenSet, "union") => B::SetUnion,
        (TypeTag::Set | TypeTag::FrozenSet, "intersection") => B::SetIntersection,
        (TypeTag::Set | TypeTag::FrozenSet, "difference") => B::SetDifference,
        (TypeTag::Set | TypeTag::FrozenSet, "symmetric_difference") => B::SetSymmetricDifference,
        (TypeTag::Set, "update") => B::SetUpdate,
        (TypeTag::Set, "intersection_update") => B::SetIntersectionUpdate,
        (TypeTag::Set, "difference_update") => B::SetDifferenceUpdate,
        (TypeTag::Set, "symmetric_difference_update") => B::SetSymmetricDifferenceUpdate,
        (TypeTag::Set | TypeTag::FrozenSet, "copy") => B::SetCopy,
        (TypeTag::Set | TypeTag::FrozenSet, "issubset") => B::SetIssubset,
        (TypeTag::Set | TypeTag::FrozenSet, "issuperset") => B::SetIssuperset,
        (TypeTag::Set | TypeTag::FrozenSet, "isdisjoint") => B::SetIsdisjoint,
        (TypeTag::Str, "join") => B::StrJoin,
        (TypeTag::Str, "split") => B::StrSplit,
        (TypeTag::Str, "upper") => B::StrUpper,
        (TypeTag::Str, "lower") => B::StrLower,
        (TypeTag::Str, "strip") => B::StrStrip,
        (TypeTag::Str, "lstrip") => B::StrLstrip,
        (TypeTag::Str, "rstrip") => B::StrRstrip,
        (TypeTag::Str, "replace") => B::StrReplace,
        (TypeTag::Str, "startswith") => B::StrStartswith,
        (TypeTag::Str, "endswith") => B::StrEndswith,
        (TypeTag::Str, "find") => B::StrFind,
        (TypeTag::Str, "rfind") => B::StrRfind,
        (TypeTag::Str, "rindex") => B::StrRindex,
        (TypeTag::Str, "rsplit") => B::StrRsplit,
        (TypeTag::Str, "partition") => B::StrPartition,
        (TypeTag::Str, "rpartition") => B::StrRpartition,
        (TypeTag::Str, "removeprefix") => B::StrRemoveprefix,
        (TypeTag::Str, "removesuffix") => B::StrRemovesuffix,
        (TypeTag::Str, "isascii") => B::StrIsascii,
        (TypeTag::Str, "index") => B::StrIndex,
        (TypeTag::Str, "format") => B::StrFormat,
        (TypeTag::Str, "count") => B::StrCount,
        (TypeTag::Str, "isdigit") => B::StrIsdigit,
        (TypeTag::Str, "isalpha") => B::StrIsalpha,
        (TypeTag::Str, "isalnum") => B::StrIsalnum,
        (TypeTag::Str, "isdecimal") => B::StrIsdecimal,
        (TypeTag::Str, "isnumeric") => B::StrIsnumeric,
        (TypeTag::Str, "isspace") => B::StrIsspace,
        (TypeTag::Str, "isupper") => B::StrIsupper,
        (TypeTag::Str, "islower") => B::StrIslower,
        (TypeTag::Str, "istitle") => B::StrIstitle,
        (TypeTag::Str, "isprintable") => B::StrIsprintable,
        (TypeTag::Str, "swapcase") => B::StrSwapcase,
        (TypeTag::Str, "title") => B::StrTitle,
        (TypeTag::Str, "capitalize") => B::StrCapitalize,
        (TypeTag::Str, "rjust") => B::StrRjust,
        (TypeTag::Str, "ljust") => B::StrLjust,
        (TypeTag::Str, "center") => B::StrCenter,
        (TypeTag::Str, "zfill") => B::StrZfill,
        (TypeTag::Str, "splitlines") => B::StrSplitlines,
        (TypeTag::Tuple, "index") => B::TupleIndex,
        (TypeTag::Tuple, "count") => B::TupleCount,
        (TypeTag::Generator, "send") => B::GenSend,
        (TypeTag::Generator, "close") => B::GenClose,
        (TypeTag::Generator, "throw") => B::GenThrow,
        (TypeTag::Int, "bit_length") => B::IntBitLength,
        (TypeTag::Int, "bit_count") => B::IntBitCount,
        (TypeTag::Float, "is_integer") => B::FloatIsInteger,
        (TypeTag::Finalizer, "detach") => B::FinalizerDetach,
        (TypeTag::Finalizer, "peek") => B::FinalizerPeek,
        (TypeTag::Object, "__setattr__") => B::ObjectSetattr,
        (TypeTag::Object, "__delattr__") => B::ObjectDelattr,
        (TypeTag::Object, "__getattribute__") => B::ObjectGetattribute,
        _ => return None,
    })
}

/// The names whose presence in a class changes how its instances' attributes
/// are looked up or stored (CPython's tp_getattro and tp_setattro slots).
fn is_attr_hook(name: &str) -> bool {
    matches!(name, "__setattr__" | "__delattr__" | "__getattribute__" | "__getattr__")
}

/// `object`'s own methods, reached through `super()`.
fn object_method(name: &str) -> Option<Builtin> {
    match name {
        "__init__" => Some(Builtin::ObjectInit),
        "__new__" => Some(Builtin::ObjectNew),
        "__setattr__" => Some(Builtin::ObjectSetattr),
        "__delattr__" => Some(Builtin::ObjectDelattr),
        "__getattribute__" => Some(Builtin::ObjectGetattribute),
        _ => None,
    }
}

/// Entries every class dict has, which the view leaves out.
fn is_class_plumbing(name: &str) -> bool {
    matches!(
        name,
        "__module__"
            | "__qualname__"
            | "__firstlineno__"
            | "__doc__"
            | "__dict__"
            | "__weakref__"
            | "__static_attributes__"
    )
}
