//! Exception objects: making them, raising, matching, tracebacks and their text.

use super::carets::{self, CaretStyle};
use super::{PyErr, Vm};
use crate::heap::ObjRef;
use crate::object::{ExcState, FrameObj, Hint, HintOn, Instance, Obj};
use std::rc::Rc;

// "Did you mean" on uncaught tracebacks, and the names it chooses from
#[path = "suggest.rs"]
mod suggest;
#[path = "suggest_db.rs"]
mod suggest_db;

impl Vm {
    /// An exception instance of class `ty` with these args (references move in).
    pub(crate) fn new_exception(&mut self, ty: ObjRef, args: Vec<ObjRef>) -> ObjRef {
        // StopIteration_init: `value` is the first argument, or None
        let value = if self.is_subclass(ty, self.exc_types["StopIteration"]) {
            let v = args.first().copied().unwrap_or(self.none);
            self.incref(v);
            v
        } else {
            ObjRef::NULL
        };
        let args = if args.is_empty() { self.empty_tuple } else { self.new_tuple(args) };
        self.incref(ty);
        self.alloc(Obj::Instance(Box::new(Instance {
            class: ty,
            attrs: Vec::new(),
            dict: ObjRef::NULL,
            dict_embedded: false,
            exc: Some(Box::new(ExcState { args, value, ..ExcState::default() })),
        })))
    }

    /// The StopIteration a finished generator's `next()`, `send()` or
    /// `throw()` raises: with the value it returned, unless that was None
    /// (_PyGen_SetStopIterationValue).
    pub(crate) fn stop_iteration(&mut self) -> PyErr {
        let v = std::mem::replace(&mut self.stop_value, ObjRef::NULL);
        if v.is_null() {
            return PyErr::new("StopIteration", String::new());
        }
        let cls = self.exc_types["StopIteration"];
        let exc = self.new_exception(cls, vec![v]);
        self.chain_context(exc);
        PyErr { lazy: None, exc, tb: Vec::new(), limit: false, reraise_frame: None }
    }

    /// The exception object of an error, made now if it was lazy. The error keeps its reference.
    pub(crate) fn materialize(&mut self, e: &mut PyErr) -> ObjRef {
        if !e.exc.is_null() {
            return e.exc;
        }
        let (ty, msg) = e.lazy.take().unwrap_or_else(|| ("SystemError".into(), String::new()));
        let cls = self.exc_types.get(&*ty).copied().unwrap_or_else(|| self.exc_types["RuntimeError"]);
        let args = if msg.is_empty() && !matches!(&*ty, "KeyError") { Vec::new() } else { vec![self.str(&msg)] };
        let exc = self.new_exception(cls, args);
        let mut hint = None;
        if !suggest::ENABLED {
        } else if &*ty == "NameError" {
            // the interpreter's own NameError: CPython sets its `name`
            if let Some(name) = msg.strip_prefix("name '").and_then(|m| m.strip_suffix("' is not defined")) {
                hint = Some(Box::new(Hint { name: name.into(), on: HintOn::Frame }));
            }
        } else if &*ty == "AttributeError" {
            hint = suggest::take_attribute_hint(&msg);
        }
        if hint.is_some() {
            if let Obj::Instance(i) = self.heap.get_mut(exc) {
                if let Some(st) = &mut i.exc {
                    st.hint = hint;
                }
            }
        }
        self.chain_context(exc);
        e.exc = exc;
        exc
    }

    /// _PyErr_GetTopmostException: the innermost exception being handled,
    /// looking past running generators that handle none themselves.
    pub(crate) fn handled_exception(&self) -> ObjRef {
        if !self.exc_info.is_null() {
            return self.exc_info;
        }
        self.exc_stack.iter().rev().copied().find(|r| !r.is_null()).unwrap_or(ObjRef::NULL)
    }

    /// Implicit chaining: a new exception raised while another is handled gets it as `__context__`.
    pub(crate) fn chain_context(&mut self, exc: ObjRef) {
        let ctx = self.handled_exception();
        if ctx.is_null() || ctx == exc {
            return;
        }
        let old = match self.heap.get_mut(exc) {
            Obj::Instance(i) => match &mut i.exc {
                Some(st) => std::mem::replace(&mut st.context, ctx),
                None => return,
            },
            _ => return,
        };
        self.incref(ctx);
        self.xdecref(old);
    }

    /// Drop an error nobody will see (hasattr, StopIteration ending a loop, ...).
    pub(crate) fn discard(&mut self, e: PyErr) {
        self.xdecref(e.exc);
    }

    /// Does an error match this exception type name (lazy or materialised)?
    pub(crate) fn err_is(&self, e: &PyErr, ty: &str) -> bool {
        if e.lazy.is_some() {
            return e.is(ty);
        }
        let Some(&t) = self.exc_types.get(ty) else { return false };
        let cls = self.class_of(e.exc);
        self.is_subclass(cls, t)
    }

    /// Prepend a traceback entry for frame `fi` (CPython's PyTraceBack_Here).
    pub(crate) fn add_traceback(&mut self, exc: ObjRef, fi: usize, line: u32) {
        let frame_obj = self.frame_object(fi);
        let span = {
            let f = &self.frames[fi];
            f.code.spans.get(f.pc.saturating_sub(1)).copied().unwrap_or((0, 0))
        };
        let prev = match self.heap.get(exc) {
            Obj::Instance(i) => i.exc.as_ref().map(|s| s.traceback).unwrap_or(ObjRef::NULL),
            _ => ObjRef::NULL,
        };
        self.incref(frame_obj);
        let tb = self.alloc(Obj::Traceback { next: prev, frame: frame_obj, line, span });
        if let Obj::Instance(i) = self.heap.get_mut(exc) {
            if let Some(st) = &mut i.exc {
                st.traceback = tb;
                return;
            }
        }
        self.decref(tb);
    }

    /// The frame object of frame `fi`, made on first need.
    pub(crate) fn frame_object(&mut self, fi: usize) -> ObjRef {
        if !self.frames[fi].frame_obj.is_null() {
            return self.frames[fi].frame_obj;
        }
        let code = self.frames[fi].code.clone();
        let line = code.lines.get(self.frames[fi].pc.saturating_sub(1)).copied().unwrap_or(0);
        let fo = self.alloc(Obj::Frame(Box::new(FrameObj {
            code,
            line,
            func: ObjRef::NULL,
            locals: Vec::new(),
            back: ObjRef::NULL,
        })));
        self.frames[fi].frame_obj = fo;
        fo
    }

    /// RAISE_VARARGS: 0 re-raises the handled exception, 1 raises TOS, 2 raises TOS1 from TOS.
    pub(crate) fn raise_op(&mut self, n: u32) -> PyErr {
        let fi = self.frames.len() - 1;
        if n == 0 {
            let e = self.handled_exception();
            if e.is_null() {
                return PyErr::new("RuntimeError", "No active exception to reraise".into());
            }
            self.incref(e);
            return PyErr::reraise(e, fi);
        }
        let cause = if n == 2 { self.pop() } else { ObjRef::NULL };
        let v = self.pop();
        let exc = match self.make_raisable(v) {
            Ok(e) => e,
            Err(err) => {
                self.xdecref(cause);
                return err;
            }
        };
        if n == 2 {
            let cause = if cause == self.none {
                self.decref(cause);
                ObjRef::NULL
            } else {
                match self.make_raisable(cause) {
                    Ok(c) => c,
                    Err(err) => {
                        self.decref(exc);
                        return err;
                    }
                }
            };
            if let Obj::Instance(i) = self.heap.get_mut(exc) {
                if let Some(st) = &mut i.exc {
                    let old = std::mem::replace(&mut st.cause, cause);
                    st.suppress_context = true;
                    self.xdecref(old);
                }
            }
        }
        // a raised instance keeps a context it already has
        let has_ctx = match self.heap.get(exc) {
            Obj::Instance(i) => i.exc.as_ref().map(|s| !s.context.is_null()).unwrap_or(true),
            _ => true,
        };
        if !has_ctx {
            self.chain_context(exc);
        }
        PyErr::object(exc)
    }

    /// The error `gen.throw(v)` raises in the generator (no implicit chaining, as in CPython).
    pub(crate) fn throw_error(&mut self, v: ObjRef) -> Result<PyErr, PyErr> {
        self.incref(v);
        Ok(PyErr::object(self.make_raisable(v)?))
    }

    /// `raise X`: an exception class is instantiated; an instance is raised as is.
    fn make_raisable(&mut self, v: ObjRef) -> Result<ObjRef, PyErr> {
        if self.is_exception_class(v) {
            let r = self.call_object(v, &[], &[]);
            self.decref(v);
            return r;
        }
        if self.is_exception_instance(v) {
            return Ok(v);
        }
        self.decref(v);
        Err(PyErr::type_error("exceptions must derive from BaseException".into()))
    }

    pub(crate) fn is_exception_class(&self, v: ObjRef) -> bool {
        matches!(self.heap.get(v), Obj::Type(t) if t.exception)
    }

    pub(crate) fn is_exception_instance(&self, v: ObjRef) -> bool {
        matches!(self.heap.get(v), Obj::Instance(i) if i.exc.is_some())
    }

    /// `except T:` matching: T is a class or a tuple of classes.
    pub(crate) fn exception_matches(&mut self, exc: ObjRef, ty: ObjRef) -> Result<bool, PyErr> {
        let cls = self.class_of(exc);
        let types: Vec<ObjRef> = match self.heap.get(ty) {
            Obj::Tuple(t) => t.to_vec(),
            _ => vec![ty],
        };
        for t in types {
            if !self.is_exception_class(t) {
                return Err(PyErr::type_error(
                    "catching classes that do not inherit from BaseException is not allowed".into(),
                ));
            }
            if self.is_subclass(cls, t) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// str(exc), as BaseException.__str__ (or the class's own __str__).
    pub(crate) fn exc_str(&mut self, exc: ObjRef) -> String {
        match self.to_str(exc) {
            Ok(s) => s,
            Err(e) => {
                self.discard(e);
                "<exception str() failed>".into()
            }
        }
    }

    /// The last line of a traceback: `Type: message` (just `Type` without a message).
    pub(crate) fn exc_last_line(&mut self, exc: ObjRef) -> String {
        let name = self.type_qualname(exc);
        let msg = self.exc_str(exc);
        if msg.is_empty() {
            name.to_string()
        } else {
            format!("{name}: {msg}")
        }
    }

    fn type_qualname(&self, r: ObjRef) -> Rc<str> {
        let cls = self.class_of(r);
        match self.heap.get(cls) {
            Obj::Type(t) => t.qualname.clone(),
            _ => self.type_name(r),
        }
    }

    /// The full traceback text of an exception, with its chained causes and contexts.
    pub(crate) fn format_exception(&mut self, exc: ObjRef, style: CaretStyle) -> String {
        let mut seen = Vec::new();
        let mut out = String::new();
        self.format_chain(exc, style, &mut out, &mut seen);
        out
    }

    fn format_chain(&mut self, exc: ObjRef, style: CaretStyle, out: &mut String, seen: &mut Vec<ObjRef>) {
        seen.push(exc);
        let (cause, context, suppress) = match self.heap.get(exc) {
            Obj::Instance(i) => match &i.exc {
                Some(s) => (s.cause, s.context, s.suppress_context),
                None => (ObjRef::NULL, ObjRef::NULL, false),
            },
            _ => (ObjRef::NULL, ObjRef::NULL, false),
        };
        if !cause.is_null() && !seen.contains(&cause) {
            self.format_chain(cause, style, out, seen);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if !context.is_null() && !suppress && !seen.contains(&context) {
            self.format_chain(context, style, out, seen);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
        self.format_one(exc, style, out, true);
    }

    /// One exception's traceback and `Type: message` line (with CPython's
    /// "Did you mean" if `suggest`: uncaught tracebacks have it, unraisable reports not).
    fn format_one(&mut self, exc: ObjRef, style: CaretStyle, out: &mut String, suggest: bool) {
        let tb = match self.heap.get(exc) {
            Obj::Instance(i) => i.exc.as_ref().map_or(ObjRef::NULL, |s| s.traceback),
            _ => ObjRef::NULL,
        };
        if !tb.is_null() {
            out.push_str("Traceback (most recent call last):\n");
            let mut entries: Vec<(u32, Rc<str>, (u32, u32))> = Vec::new();
            let mut cur = tb;
            while !cur.is_null() {
                let Obj::Traceback { next, frame, line, span } = self.heap.get(cur) else { break };
                let name = match self.heap.get(*frame) {
                    Obj::Frame(f) => f.code.name.clone(),
                    _ => "?".into(),
                };
                entries.push((*line, name, *span));
                cur = *next;
            }
            self.format_entries(style, &entries, out);
        }
        let last = self.exc_last_line(exc);
        out.push_str(&last);
        if suggest {
            out.push_str(&self.suggestion(exc));
        }
        out.push('\n');
    }

    /// Frames, with runs of the same line collapsed as CPython does.
    fn format_entries(&self, style: CaretStyle, entries: &[(u32, Rc<str>, (u32, u32))], out: &mut String) {
        let lines = crate::source::LineIndex::new(&self.source);
        let mut i = 0;
        while i < entries.len() {
            let mut run = 1;
            while i + run < entries.len() && entries[i + run].0 == entries[i].0 && entries[i + run].1 == entries[i].1 {
                run += 1;
            }
            let shown = run.min(3);
            for _ in 0..shown {
                let (line, name, span) = &entries[i];
                out.push_str(&format!("  File \"{}\", line {line}, in {name}\n", self.filename));
                out.push_str(&carets::frame_source(style, &self.source, &lines, *line, *span));
            }
            if run > 3 {
                let more = run - 3;
                out.push_str(&format!(
                    "  [Previous line repeated {more} more time{}]\n",
                    if more == 1 { "" } else { "s" }
                ));
            }
            i += run;
        }
    }

    /// "Exception ignored in: ..." for errors in finalizers and callbacks; the program goes on.
    pub(crate) fn report_ignored(&mut self, what: &str, mut e: PyErr) {
        if e.limit {
            // a limit still stops the program: keep it pending
            self.pending_limit = Some(e);
            return;
        }
        let exc = self.materialize(&mut e);
        let style = CaretStyle::unraisable(self.profile.python);
        // the unraisable hook prints this exception alone, not its chain
        let mut text = String::new();
        self.format_one(exc, style, &mut text, false);
        self.stderr.push_str(&format!("Exception ignored in: {what}\n{text}"));
        if !self.unraisable_reported {
            self.unraisable_reported = true;
            for _ in 0..self.profile.first_unraisable_allocs {
                self.gc.alloc_gc_object();
            }
        }
        self.discard(e);
    }
}

/// What the program's uncaught error looks like to the user.
pub struct ErrorReport {
    pub stderr: String,
    pub ty: String,
    pub message: String,
    /// Byte range of the innermost failing expression.
    pub span: Option<(u32, u32)>,
    pub limit: bool,
}

impl Vm {
    /// Format an uncaught error, then release it (its frames' locals are freed after the text).
    pub fn report_uncaught(&mut self, mut e: PyErr) -> ErrorReport {
        if e.limit {
            let (ty, msg) = e.lazy.take().unwrap_or_else(|| ("Limit".into(), String::new()));
            let span = e.tb.first().map(|t| t.span);
            return ErrorReport {
                stderr: format!("gcplay: {msg}\n"),
                ty: ty.to_string(),
                message: msg,
                span,
                limit: true,
            };
        }
        let exc = self.materialize(&mut e);
        let style = CaretStyle::uncaught(self.profile.python);
        let stderr = self.format_exception(exc, style);
        let ty = self.type_qualname(exc).to_string();
        let message = self.exc_str(exc);
        let mut span = None;
        let mut tb = match self.heap.get(exc) {
            Obj::Instance(i) => i.exc.as_ref().map(|s| s.traceback).unwrap_or(ObjRef::NULL),
            _ => ObjRef::NULL,
        };
        while !tb.is_null() {
            let Obj::Traceback { next, span: sp, .. } = self.heap.get(tb) else { break };
            span = Some(*sp);
            tb = *next;
        }
        self.discard(e);
        ErrorReport { stderr, ty, message, span, limit: false }
    }
}
