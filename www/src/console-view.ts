// The program's output: stdout printed up to the shown step, and stderr (the
// traceback or SyntaxError text) once the reader reaches the step it belongs to.
// Each line is linked to the step that printed it: a click goes there.
import { h } from "./dom";

export interface OutputSteps {
  /** Pairs: step, length of stdout after that write (see TimelineData). */
  output: Uint32Array;
  /** The step stderr belongs to. */
  lastStep: number;
}

/** Lines kept in the console; earlier ones are counted, not drawn. */
const MAX_LINES = 400;

/** The step whose write put text at `offset` (binary search over write ends). */
function stepAt(output: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = output.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((output[mid * 2 + 1] ?? 0) > offset) hi = mid;
    else lo = mid + 1;
  }
  return output[lo * 2] ?? 0;
}

export class ConsoleView {
  readonly element: HTMLElement;
  private readonly out: HTMLElement;
  private shownStdout: string | null = null;
  private shownStderr: string | null = null;

  constructor(private readonly onSeek: (step: number) => void) {
    this.out = h("pre", { class: "console-out", part: "console-output", attrs: { tabindex: 0 } });
    this.out.addEventListener("click", (event) => {
      const line = (event.target as Element | null)?.closest?.("[data-step]");
      const step = line?.getAttribute("data-step");
      if (step) this.onSeek(Number(step));
    });
    this.element = h(
      "section",
      { class: "console", part: "console", attrs: { "aria-label": "Console output" } },
      h("h3", { class: "col-title" }, "Console"),
      this.out,
    );
    this.show("", "", null);
  }

  show(stdout: string, stderr: string, steps: OutputSteps | null): void {
    if (stdout === this.shownStdout && stderr === this.shownStderr) return;
    this.shownStdout = stdout;
    this.shownStderr = stderr;
    const lines: HTMLElement[] = [];
    let offset = 0;
    const parts = stdout.split("\n");
    // A last line without its newline (print(..., end="")) is shown as printed.
    const unterminated = parts.pop() ?? "";
    const skipped = Math.max(0, parts.length - MAX_LINES);
    for (let i = 0; i < parts.length; i++) {
      const text = parts[i] ?? "";
      if (i >= skipped) {
        const step = steps ? stepAt(steps.output, offset) : null;
        lines.push(this.line(`${text}\n`, step, "stdout"));
      }
      offset += text.length + 1;
    }
    if (unterminated) lines.push(this.line(unterminated, steps ? stepAt(steps.output, offset) : null, "stdout"));
    if (stderr) {
      const step = steps ? steps.lastStep : null;
      for (const text of stderr.split(/(?<=\n)/)) lines.push(this.line(text, step, "stderr"));
    }
    this.out.replaceChildren(
      ...(skipped ? [h("span", { class: "line faint" }, `… ${skipped} earlier lines\n`)] : []),
      ...lines,
    );
    this.out.classList.toggle("is-empty", stdout === "" && stderr === "");
    // Follow the newest output, as a terminal does.
    this.out.scrollTop = this.out.scrollHeight;
  }

  private line(text: string, step: number | null, stream: "stdout" | "stderr"): HTMLElement {
    return h(
      "span",
      {
        class: `line ${stream}`,
        ...(stream === "stderr" ? { part: "stderr" } : {}),
        attrs: step === null ? {} : { "data-step": step, title: `Printed at step ${step}: click to go there` },
      },
      // Newlines stay in the text, so the output reads (and copies) as printed.
      text,
    );
  }
}
