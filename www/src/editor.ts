// The code editor: CodeMirror 6 in Python mode, mounted inside the element's
// shadow root, with decorations for the line that just ran, the line that runs
// next and the span of the program's error.
import { minimalSetup } from "codemirror";
import { python } from "@codemirror/lang-python";
import { indentWithTab } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState, RangeSetBuilder, StateEffect, StateField, type Extension, type Text } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, keymap, lineNumbers, type DecorationSet } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { NO_MARKS, type CodeView, type TraceMarks } from "./code-view";


/** The error's message, written under its line. */
class ErrorMessage extends WidgetType {
  constructor(private readonly text: string) {
    super();
  }

  override eq(other: ErrorMessage): boolean {
    return other.text === this.text;
  }

  toDOM(): HTMLElement {
    const el = document.createElement("div");
    el.className = "gc-error-message";
    el.textContent = this.text;
    return el;
  }
}


const setMarks = StateEffect.define<TraceMarks>();

function lineStart(doc: Text, line: number): number | null {
  return line >= 1 && line <= doc.lines ? doc.line(line).from : null;
}

/** A 1-based line and 0-based column as a document offset, clamped to the line. */
function offset(doc: Text, line: number, col: number): number | null {
  if (line < 1 || line > doc.lines) return null;
  const l = doc.line(line);
  return Math.min(l.from + Math.max(col, 0), l.to);
}

function decorate(doc: Text, marks: TraceMarks): DecorationSet {
  const lines = new Map<number, string[]>();
  const add = (line: number, cls: string): void => {
    if (lineStart(doc, line) === null) return;
    lines.set(line, [...(lines.get(line) ?? []), cls]);
  };
  add(marks.ran, "gc-line-ran");
  if (marks.next !== marks.ran) add(marks.next, "gc-line-next");
  if (marks.error) add(marks.error.line, "gc-line-error");

  const ranges: { from: number; to: number; deco: Decoration }[] = [];
  for (const [line, classes] of lines) {
    const from = lineStart(doc, line) as number;
    ranges.push({ from, to: from, deco: Decoration.line({ class: classes.join(" ") }) });
  }
  if (marks.error) {
    const { line, col, endLine, endCol } = marks.error;
    const from = offset(doc, line, col);
    let to = offset(doc, endLine || line, endCol);
    if (from !== null) {
      // A zero-width error (e.g. "unexpected EOF") still gets one visible character.
      if (to === null || to <= from) to = Math.min(from + 1, doc.line(line).to);
      if (to > from) {
        ranges.push({ from, to, deco: Decoration.mark({ class: "gc-error-span", attributes: { title: marks.error.message } }) });
      }
      const end = doc.line(Math.min(Math.max(endLine || line, line), doc.lines)).to;
      ranges.push({ from: end, to: end, deco: Decoration.widget({ widget: new ErrorMessage(marks.error.message), side: 1, block: true }) });
    }
  }
  ranges.sort((a, b) => a.from - b.from || a.deco.startSide - b.deco.startSide);
  const builder = new RangeSetBuilder<Decoration>();
  for (const r of ranges) builder.add(r.from, r.to, r.deco);
  return builder.finish();
}

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setMarks)) return decorate(tr.state.doc, effect.value);
    }
    // After an edit the trace no longer describes this text: drop the marks.
    return tr.docChanged ? Decoration.none : decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
});

// Colours come from the element's custom properties, so one highlight style
// serves the light and the dark theme.
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--gc-syn-keyword)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--gc-syn-string)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--gc-syn-number)" },
  { tag: tags.comment, color: "var(--gc-syn-comment)", fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "var(--gc-syn-function)" },
  { tag: [tags.definition(tags.variableName), tags.className, tags.definition(tags.className)], color: "var(--gc-syn-definition)" },
  { tag: [tags.self, tags.standard(tags.variableName)], color: "var(--gc-syn-builtin)" },
  { tag: [tags.operator, tags.punctuation, tags.bracket], color: "var(--gc-syn-punct)" },
]);

const theme = EditorView.theme({
  "&": {
    color: "var(--gc-text)",
    backgroundColor: "var(--gc-surface)",
    fontSize: "0.9rem",
    height: "100%",
  },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--gc-mono)", lineHeight: "1.6" },
  ".cm-content": { caretColor: "var(--gc-accent)", padding: "0.6rem 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--gc-accent)", borderLeftWidth: "2px" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection":
    { backgroundColor: "var(--gc-selection)" },
  ".cm-gutters": {
    backgroundColor: "var(--gc-surface)",
    color: "var(--gc-faint)",
    border: "none",
    paddingLeft: "0.25rem",
  },
  ".cm-lineNumbers .cm-gutterElement": { padding: "0 0.6rem 0 0.4rem", minWidth: "2ch" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "var(--gc-accent-soft)", outline: "none" },
  ".cm-line": { padding: "0 0.75rem 0 0.5rem" },
  ".gc-line-ran": { backgroundColor: "var(--gc-line-ran)", boxShadow: "inset 3px 0 0 var(--gc-accent)" },
  ".gc-line-next": { boxShadow: "inset 3px 0 0 var(--gc-line-next)" },
  ".gc-line-error": { backgroundColor: "var(--gc-danger-soft)" },
  ".gc-error-message": {
    padding: "1px 8px 2px 12px",
    color: "var(--gc-danger)",
    backgroundColor: "var(--gc-danger-soft)",
    fontFamily: "var(--gc-font)",
    fontSize: "0.85em",
  },
  ".gc-error-span": { textDecoration: "underline wavy var(--gc-danger)", textUnderlineOffset: "3px" },
});

export interface EditorOptions {
  parent: HTMLElement;
  root: ShadowRoot;
  doc: string;
  label: string;
  /** Called after every edit the user (or `code = ...`) makes. */
  onChange: () => void;
  /** Mod-Enter inside the editor. */
  onRun: () => void;
}

export class CodeEditor implements CodeView {
  readonly view: EditorView;
  readonly element: HTMLElement;

  constructor(options: EditorOptions) {
    const extensions: Extension[] = [
      minimalSetup,
      lineNumbers(),
      indentOnInput(),
      bracketMatching(),
      indentUnit.of("    "),
      EditorState.tabSize.of(4),
      python(),
      syntaxHighlighting(highlight),
      theme,
      marksField,
      keymap.of([
        { key: "Mod-Enter", preventDefault: true, run: () => (options.onRun(), true) },
        indentWithTab,
      ]),
      EditorView.contentAttributes.of({ "aria-label": options.label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange();
      }),
    ];
    this.view = new EditorView({
      parent: options.parent,
      root: options.root,
      state: EditorState.create({ doc: options.doc, extensions }),
    });
    this.element = this.view.dom;
  }

  get code(): string {
    return this.view.state.doc.toString();
  }

  set code(text: string) {
    if (text === this.code) return;
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  /** True when the event's target is inside the editor. */
  contains(event: Event): boolean {
    return event.composedPath().includes(this.view.dom);
  }

  /** Shows where the trace is and scrolls the line that just ran into view. */
  mark(marks: TraceMarks): void {
    this.view.dispatch({ effects: setMarks.of(marks) });
    const at = lineStart(this.view.state.doc, marks.ran || marks.error?.line || 0);
    if (at !== null) this.reveal(at);
  }

  // Scrolls only the editor's own scroller. CodeMirror's scrollIntoView also
  // scrolls the page, which would yank a reader away from the heap on every step.
  private reveal(pos: number): void {
    const scroller = this.view.scrollDOM;
    if (scroller.scrollHeight <= scroller.clientHeight) return;
    const block = this.view.lineBlockAt(pos);
    const box = scroller.getBoundingClientRect();
    const top = this.view.documentTop + block.top;
    const bottom = this.view.documentTop + block.bottom;
    const margin = block.height * 2;
    if (top < box.top + margin) scroller.scrollTop -= box.top + margin - top;
    else if (bottom > box.bottom - margin) scroller.scrollTop += bottom - (box.bottom - margin);
  }

  clearMarks(): void {
    this.mark(NO_MARKS);
  }

  destroy(): void {
    this.view.destroy();
  }
}
