// The program's text. Two implementations of one interface: the full editor
// (CodeMirror, in editor.ts, loaded on demand) and this light read-only view,
// which a read-only embed uses alone and every playground shows until the
// editor has loaded. Both show the line that ran, the line that runs next and
// the error's span with its message.
import { h } from "./dom";

export interface TraceMarks {
  /** 1-based line numbers; 0 means none. */
  ran: number;
  next: number;
  error: { line: number; col: number; endLine: number; endCol: number; message: string } | null;
}

export const NO_MARKS: TraceMarks = { ran: 0, next: 0, error: null };

export interface CodeView {
  readonly element: HTMLElement;
  code: string;
  mark(marks: TraceMarks): void;
  /** True when the event happened inside the code (its keys are the editor's). */
  contains(event: Event): boolean;
  destroy(): void;
}

const KEYWORDS = new Set(
  (
    "False None True and as assert async await break class continue def del elif else except finally for from " +
    "global if import in is lambda nonlocal not or pass raise return try while with yield"
  ).split(" "),
);
const BUILTINS = new Set(
  (
    "print len range id type isinstance repr str int float bool list tuple dict set sorted reversed min max sum abs " +
    "any all enumerate zip iter next hasattr getattr setattr delattr object super self"
  ).split(" "),
);

/** One token class per stretch of a line: enough colour to read Python, no parser needed. */
const TOKEN = /(#.*$)|([rRbBfFuU]{0,2}(?:'''|"""|'(?:\\.|[^'\\])*'?|"(?:\\.|[^"\\])*"?))|(\b\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?j?\b)|([A-Za-z_]\w*)/g;

function highlightLine(text: string, into: HTMLElement): void {
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) into.append(text.slice(last, at));
    const [word, comment, string, number, name] = m;
    let cls = "";
    if (comment) cls = "tok-comment";
    else if (string) cls = "tok-string";
    else if (number) cls = "tok-number";
    else if (name && KEYWORDS.has(name)) cls = "tok-keyword";
    else if (name && BUILTINS.has(name)) cls = "tok-builtin";
    into.append(cls ? h("span", { class: cls }, word) : word);
    last = at + word.length;
  }
  if (last < text.length) into.append(text.slice(last));
}

export class PlainCodeView implements CodeView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private text = "";
  private marks: TraceMarks = NO_MARKS;

  constructor(label: string) {
    this.body = h("div", { class: "plain-lines" });
    this.element = h(
      "div",
      { class: "plain-code", part: "code", attrs: { role: "region", "aria-label": label, tabindex: 0 } },
      this.body,
    );
  }

  get code(): string {
    return this.text;
  }

  set code(text: string) {
    if (text === this.text) return;
    this.text = text;
    this.render();
  }

  mark(marks: TraceMarks): void {
    this.marks = marks;
    this.render();
    const ran = this.body.querySelector<HTMLElement>(".plain-line.ran, .plain-line.error");
    if (ran) this.reveal(ran);
  }

  contains(): boolean {
    return false; // nothing to type into: the playground's keys work here too
  }

  destroy(): void {
    this.element.remove();
  }

  private render(): void {
    const lines = this.text.replace(/\n$/, "").split("\n");
    const { ran, next, error } = this.marks;
    const rows: HTMLElement[] = [];
    lines.forEach((line, i) => {
      const n = i + 1;
      const classes = ["plain-line"];
      if (n === ran) classes.push("ran");
      if (n === next && next !== ran) classes.push("next");
      if (error && n === error.line) classes.push("error");
      const code = h("span", { class: "plain-text" });
      if (error && n >= error.line && n <= (error.endLine || error.line)) {
        // The error's span on this line, underlined; the rest highlighted as usual.
        const from = n === error.line ? Math.min(error.col, line.length) : 0;
        const to = n === (error.endLine || error.line) ? Math.max(from + 1, Math.min(error.endCol, line.length)) : line.length;
        highlightLine(line.slice(0, from), code);
        code.append(h("span", { class: "error-span", attrs: { title: error.message } }, line.slice(from, to) || " "));
        highlightLine(line.slice(to), code);
      } else {
        highlightLine(line, code);
      }
      rows.push(h("div", { class: classes.join(" ") }, h("span", { class: "plain-no", attrs: { "aria-hidden": "true" } }, n), code));
      if (error && n === (error.endLine || error.line)) rows.push(h("div", { class: "plain-error" }, error.message));
    });
    this.body.replaceChildren(...rows);
    // Every line number as wide as the longest, so the code lines up.
    this.body.style.setProperty("--digits", String(Math.max(2, String(lines.length).length)));
  }

  private reveal(line: HTMLElement): void {
    const box = this.element.getBoundingClientRect();
    const at = line.getBoundingClientRect();
    if (at.top < box.top) this.element.scrollTop -= box.top - at.top + at.height;
    else if (at.bottom > box.bottom) this.element.scrollTop += at.bottom - box.bottom + at.height;
  }
}
