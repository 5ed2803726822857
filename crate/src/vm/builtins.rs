//! Built-in functions, module functions and methods of built-in types.

use super::{PyErr, Vm};
use crate::heap::{flags, ObjRef};
use crate::object::{Builtin, Obj};
use crate::trace::Event;
use std::rc::Rc;

impl Vm {
    /// Call a non-Python callable. `args` are borrowed from the value stack.
    pub fn call_builtin_value(
        &mut self,
        callable: ObjRef,
        args: &[ObjRef],
        kwargs: &[(Rc<str>, ObjRef)],
    ) -> Result<ObjRef, PyErr> {
        let (f, this) = match self.heap.get(callable) {
            Obj::Builtin { f, this } => (*f, *this),
            Obj::Function(_) => {
                return Err(PyErr::type_error("keyword arguments to Python functions are not supported yet".into()))
            }
            _ => return Err(PyErr::type_error(format!("'{}' object is not callable", self.type_name(callable)))),
        };
        if !this.is_null() {
            let mut with_self = Vec::with_capacity(args.len() + 1);
            with_self.push(this);
            with_self.extend_from_slice(args);
            return self.call_builtin(f, &with_self, kwargs);
        }
        self.call_builtin(f, args, kwargs)
    }

    fn no_kwargs(&self, f: Builtin, kwargs: &[(Rc<str>, ObjRef)]) -> Result<(), PyErr> {
        if kwargs.is_empty() {
            Ok(())
        } else {
            Err(PyErr::type_error(format!("{}() takes no keyword arguments", f.name())))
        }
    }

    fn arity(&self, f: Builtin, args: &[ObjRef], min: usize, max: usize) -> Result<(), PyErr> {
        let n = args.len();
        if n >= min && n <= max {
            return Ok(());
        }
        let name = f.name();
        Err(PyErr::type_error(if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({n} given)"),
                1 => format!("{name}() takes exactly one argument ({n} given)"),
                _ => format!("{name} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        }))
    }

    pub fn call_builtin(&mut self, f: Builtin, args: &[ObjRef], kwargs: &[(Rc<str>, ObjRef)]) -> Result<ObjRef, PyErr> {
        match f {
            Builtin::Print => {
                let mut sep = " ".to_string();
                let mut end = "\n".to_string();
                for (k, v) in kwargs {
                    let text = match self.heap.get(*v) {
                        Obj::Str(s) => s.to_string(),
                        Obj::None => continue,
                        _ => {
                            return Err(PyErr::type_error(format!(
                                "{k} must be None or a string, not {}",
                                self.type_name(*v)
                            )))
                        }
                    };
                    match &**k {
                        "sep" => sep = text,
                        "end" => end = text,
                        other => {
                            return Err(PyErr::type_error(format!(
                                "'{other}' is an invalid keyword argument for print()"
                            )))
                        }
                    }
                }
                let mut line = String::new();
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        line.push_str(&sep);
                    }
                    line.push_str(&self.to_str(*a)?);
                }
                line.push_str(&end);
                self.write_stdout(&line);
                Ok(self.none)
            }
            Builtin::Len => {
                self.no_kwargs(f, kwargs)?;
                self.arity(f, args, 1, 1)?;
                let n = match self.heap.get(args[0]) {
                    Obj::List(v) => v.len(),
                    Obj::Tuple(v) => v.len(),
                    Obj::Dict(d) => d.len(),
                    Obj::Str(s) => s.chars().count(),
                    Obj::Range { start, stop, step } => super::ops::range_len(*start, *stop, *step) as usize,
                    _ => {
                        return Err(PyErr::type_error(format!(
                            "object of type '{}' has no len()",
                            self.type_name(args[0])
                        )))
                    }
                };
                Ok(self.int(n as i64))
            }
            Builtin::Id => {
                self.no_kwargs(f, kwargs)?;
                self.arity(f, args, 1, 1)?;
                let id = self.id_of(args[0]);
                Ok(self.int_from_big(id.into()))
            }
            Builtin::Repr => {
                self.no_kwargs(f, kwargs)?;
                self.arity(f, args, 1, 1)?;
                let s = self.repr(args[0])?;
                Ok(self.str(&s))
            }
            Builtin::Range => {
                self.no_kwargs(f, kwargs)?;
                self.arity(f, args, 1, 3)?;
                let mut v = [0i64; 3];
                for (i, a) in args.iter().enumerate() {
                    v[i] = self.index_of(*a).ok_or_else(|| {
                        PyErr::type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            self.type_name(*a)
                        ))
                    })?;
                }
                let (start, stop, step) = match args.len() {
                    1 => (0, v[0], 1),
                    2 => (v[0], v[1], 1),
                    _ => (v[0], v[1], v[2]),
                };
                if step == 0 {
                    return Err(PyErr::new("ValueError", "range() arg 3 must not be zero".into()));
                }
                Ok(self.alloc(Obj::Range { start, stop, step }))
            }
            Builtin::SysGetrefcount => {
                self.no_kwargs(f, kwargs)?;
                self.arity(f, args, 1, 1)?;
                let n = self.heap.refcount(args[0]);
                Ok(self.int(n as i64))
            }
            Builtin::GcCollect => {
                let generation = match args.first() {
                    Some(g) => self.index_of(*g).unwrap_or(2),
                    None => 2,
                };
                if !(0..=2).contains(&generation) {
                    return Err(PyErr::new("ValueError", "invalid generation".into()));
                }
                let n = self.collect_explicit(generation as usize);
                Ok(self.int(n as i64))
            }
            Builtin::GcGetCount => {
                let c = self.gc.count;
                let items = c.iter().map(|&x| self.int(x as i64)).collect();
                Ok(self.new_tuple(items))
            }
            Builtin::GcGetThreshold => {
                let t = self.gc.threshold;
                let items = t.iter().map(|&x| self.int(x as i64)).collect();
                Ok(self.new_tuple(items))
            }
            Builtin::GcSetThreshold => {
                self.arity(f, args, 1, 3)?;
                for (i, a) in args.iter().enumerate() {
                    let v = self.index_of(*a).ok_or_else(|| {
                        PyErr::type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            self.type_name(*a)
                        ))
                    })?;
                    self.gc.threshold[i] = v.clamp(0, u32::MAX as i64) as u32;
                }
                Ok(self.none)
            }
            Builtin::GcIsTracked => {
                self.arity(f, args, 1, 1)?;
                Ok(self.bool(self.heap.slot(args[0]).is(flags::TRACKED)))
            }
            Builtin::GcEnable => {
                self.gc.enabled = true;
                Ok(self.none)
            }
            Builtin::GcDisable => {
                self.gc.enabled = false;
                Ok(self.none)
            }
            Builtin::GcIsEnabled => Ok(self.bool(self.gc.enabled)),
            Builtin::ListAppend => {
                self.arity(f, &args[1..], 1, 1)?;
                let (list, item) = (args[0], args[1]);
                self.incref(item);
                let index = match self.heap.get_mut(list) {
                    Obj::List(v) => {
                        v.push(item);
                        v.len() - 1
                    }
                    _ => unreachable!("descriptor checked the type"),
                };
                if self.tracing {
                    let id = self.heap.serial(list);
                    self.trace.push(Event::ListInsert { id, index: index as u32, item: self.heap.serial(item) });
                }
                Ok(self.none)
            }
            Builtin::ListPop => {
                self.arity(f, &args[1..], 0, 1)?;
                let list = args[0];
                let len = match self.heap.get(list) {
                    Obj::List(v) => v.len(),
                    _ => unreachable!("descriptor checked the type"),
                };
                if len == 0 {
                    return Err(PyErr::new("IndexError", "pop from empty list".into()));
                }
                let i = match args.get(1) {
                    Some(a) => {
                        let i = self.index_of(*a).unwrap_or(0);
                        let i = if i < 0 { i + len as i64 } else { i };
                        if i < 0 || i >= len as i64 {
                            return Err(PyErr::new("IndexError", "pop index out of range".into()));
                        }
                        i as usize
                    }
                    None => len - 1,
                };
                let item = match self.heap.get_mut(list) {
                    Obj::List(v) => v.remove(i),
                    _ => unreachable!(),
                };
                if self.tracing {
                    let id = self.heap.serial(list);
                    self.trace.push(Event::ListRemove { id, index: i as u32 });
                }
                // the list's reference becomes the caller's
                Ok(item)
            }
            Builtin::DictGet => {
                self.arity(f, &args[1..], 1, 2)?;
                let k = self.key_of(args[1])?;
                let found = match self.heap.get(args[0]) {
                    Obj::Dict(d) => d.get(&k),
                    _ => None,
                };
                let r = found.or(args.get(2).copied()).unwrap_or(self.none);
                self.incref(r);
                Ok(r)
            }
        }
    }

    pub fn write_stdout(&mut self, text: &str) {
        self.stdout.push_str(text);
        if self.tracing {
            self.trace.push(Event::Stdout { text: text.into() });
        }
    }
}
