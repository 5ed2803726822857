//! Python exceptions as they travel through the interpreter.

use crate::heap::ObjRef;
use std::rc::Rc;

/// One line of a traceback: where a frame was when the exception passed.
#[derive(Clone, Debug)]
pub struct TbEntry {
    pub line: u32,
    pub name: Rc<str>,
    /// Byte range of the failing expression.
    pub span: (u32, u32),
}

/// A raised exception, or a limit the interpreter enforces.
///
/// Errors raised inside the interpreter start lazy (a type name and a
/// message); the eval loop makes the exception object as soon as the error
/// reaches it, as CPython does at the raise. Whoever drops a materialised
/// error must release `exc` (`Vm::discard`).
#[derive(Clone, Debug)]
pub struct PyErr {
    pub lazy: Option<(Rc<str>, String)>,
    /// The exception object (owned), once made.
    pub exc: ObjRef,
    pub tb: Vec<TbEntry>,
    /// The interpreter's own limits (step budget), which Python code cannot catch.
    pub limit: bool,
    /// A re-raise adds no traceback entry for the frame it happens in.
    pub reraise_frame: Option<usize>,
}

impl PyErr {
    pub fn new(ty: &str, msg: String) -> PyErr {
        PyErr { lazy: Some((ty.into(), msg)), exc: ObjRef::NULL, tb: Vec::new(), limit: false, reraise_frame: None }
    }
    /// gcplay refuses what the program reached for (CPython has it, gcplay does
    /// not model it): the run stops, as at a limit, with a NotSupported report.
    pub fn refusal(what: &str) -> PyErr {
        PyErr {
            lazy: Some((
                "NotSupported".into(),
                format!("not supported in gcplay: {what} (docs/language.md lists what is)"),
            )),
            exc: ObjRef::NULL,
            tb: Vec::new(),
            limit: true,
            reraise_frame: None,
        }
    }
    pub fn limit(msg: String) -> PyErr {
        PyErr {
            lazy: Some(("StepLimitExceeded".into(), msg)),
            exc: ObjRef::NULL,
            tb: Vec::new(),
            limit: true,
            reraise_frame: None,
        }
    }
    /// An existing exception object raised again (its reference moves in).
    pub fn object(exc: ObjRef) -> PyErr {
        PyErr { lazy: None, exc, tb: Vec::new(), limit: false, reraise_frame: None }
    }
    pub fn reraise(exc: ObjRef, frame: usize) -> PyErr {
        PyErr { lazy: None, exc, tb: Vec::new(), limit: false, reraise_frame: Some(frame) }
    }
    pub fn type_error(msg: String) -> PyErr {
        PyErr::new("TypeError", msg)
    }
    pub fn reraised_here(&self, frame: usize) -> bool {
        self.reraise_frame == Some(frame)
    }
    pub fn clear_reraise(&mut self) {
        self.reraise_frame = None;
    }
    /// For a lazy error: is it of this exact type?
    pub fn is(&self, ty: &str) -> bool {
        matches!(&self.lazy, Some((t, _)) if &**t == ty)
    }
}
