// The program's output: stdout printed up to the shown step, and stderr (the
// traceback or SyntaxError text) once the reader reaches the step it belongs to.
import { h } from "./dom";

export class ConsoleView {
  readonly element: HTMLElement;
  private readonly out: HTMLElement;
  private readonly stdout: Text;
  private readonly stderr: HTMLElement;

  constructor() {
    this.stdout = document.createTextNode("");
    this.stderr = h("span", { class: "stderr", part: "stderr" });
    this.out = h("pre", { class: "console-out", part: "console-output", attrs: { tabindex: 0 } }, this.stdout, this.stderr);
    this.element = h(
      "section",
      { class: "console", part: "console", attrs: { "aria-label": "Console output" } },
      h("h3", { class: "col-title" }, "Console"),
      this.out,
    );
    this.show("", "");
  }

  show(stdout: string, stderr: string): void {
    this.stdout.data = stdout;
    this.stderr.textContent = stderr;
    this.out.classList.toggle("is-empty", stdout === "" && stderr === "");
    // Follow the newest output, as a terminal does.
    this.out.scrollTop = this.out.scrollHeight;
  }
}
