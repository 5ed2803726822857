//! Python exceptions as the interpreter raises them, and their tracebacks.

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
#[derive(Clone, Debug)]
pub struct PyErr {
    pub ty: Rc<str>,
    pub msg: String,
    pub tb: Vec<TbEntry>,
    /// Set for the interpreter's own limits (step budget), which are not Python exceptions.
    pub limit: bool,
}

impl PyErr {
    pub fn new(ty: &str, msg: String) -> PyErr {
        PyErr { ty: ty.into(), msg, tb: Vec::new(), limit: false }
    }
    pub fn limit(msg: String) -> PyErr {
        PyErr { ty: "StepLimitExceeded".into(), msg, tb: Vec::new(), limit: true }
    }
    pub fn type_error(msg: String) -> PyErr {
        PyErr::new("TypeError", msg)
    }
    /// The last line of a traceback: `TypeName: message`.
    pub fn last_line(&self) -> String {
        if self.msg.is_empty() {
            self.ty.to_string()
        } else {
            format!("{}: {}", self.ty, self.msg)
        }
    }
}
