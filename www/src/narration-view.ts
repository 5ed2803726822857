// The sentence that says what the shown step did. The engine marks source
// snippets with backticks (`del lst`); they are set as code, as text nodes.
import { h } from "./dom";

export type NarrationMood = "" | "idle" | "stale";

export class NarrationView {
  readonly element: HTMLElement;
  private readonly where: HTMLElement;
  private readonly text: HTMLElement;

  constructor() {
    this.where = h("span", { class: "where" });
    this.text = h("span", { class: "text" });
    this.element = h(
      "p",
      { class: "narration panel", part: "narration", attrs: { "aria-live": "polite" } },
      this.where,
      this.text,
    );
  }

  /** `where` is the small label before the sentence ("line 4", "start"). */
  show(where: string, sentence: string, mood: NarrationMood = ""): void {
    this.where.textContent = where;
    this.text.replaceChildren(...withCode(sentence));
    this.element.classList.toggle("idle", mood === "idle");
    this.element.classList.toggle("stale", mood === "stale");
  }
}

/** Splits on backticks: odd pieces are code. An unpaired backtick stays text. */
function withCode(sentence: string): Node[] {
  const pieces = sentence.split("`");
  if (pieces.length % 2 === 0) return [document.createTextNode(sentence)];
  return pieces
    .map((piece, i) => (i % 2 === 1 ? h("code", {}, piece) : document.createTextNode(piece)))
    .filter((node) => node.textContent !== "");
}
