// The keyboard shortcuts, in a modal dialog ("?" or the toolbar's help button).
// Esc and the Close button dismiss it; the focus goes back where it was.
import { h } from "./dom";

const SHORTCUTS: [string[], string][] = [
  [["Ctrl", "Enter"], "Run the program (also from the editor)"],
  [["Esc"], "Stop a program that is still running"],
  [["←"], "Step back"],
  [["→"], "Step forward"],
  [["Home"], "Go to the start"],
  [["End"], "Go to the end"],
  [["Space"], "Play or pause"],
  [["["], "Previous collection"],
  [["]"], "Next collection"],
  [["?"], "Show these shortcuts"],
];

export class HelpDialog {
  readonly element: HTMLDialogElement;

  constructor() {
    const close = h("button", { class: "dialog-close", attrs: { type: "button" } }, "Close");
    this.element = h(
      "dialog",
      { class: "help-dialog", part: "help", attrs: { "aria-labelledby": "gc-help-title" } },
      h("h2", { attrs: { id: "gc-help-title" } }, "Keyboard shortcuts"),
      h(
        "p",
        { class: "faint" },
        "Stepping keys work anywhere in the playground except inside the editor; to leave the editor, press Esc, then Tab.",
      ),
      h(
        "dl",
        { class: "shortcuts" },
        ...SHORTCUTS.flatMap(([keys, what]) => [
          h("dt", {}, ...keys.flatMap((k, i) => [i > 0 ? " + " : null, h("kbd", {}, k)])),
          h("dd", {}, what),
        ]),
      ),
      close,
    );
    close.addEventListener("click", () => this.element.close());
    // A click on the backdrop (outside the dialog's box) closes it too.
    this.element.addEventListener("click", (event) => {
      if (event.target === this.element) this.element.close();
    });
  }

  open(): void {
    if (!this.element.open) this.element.showModal();
  }
}
