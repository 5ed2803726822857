// The toolbar: Run, the Python version, the step buttons and the step counter.
// It only reports what the reader asked for; the element decides what happens.
import { h, svg } from "./dom";
import { PYTHON_VERSIONS, type PythonVersion } from "./engine/types";

export interface ControlActions {
  run: () => void;
  first: () => void;
  back: () => void;
  forward: () => void;
  last: () => void;
  python: (version: PythonVersion) => void;
}

export interface ControlState {
  /** The engine is loading or running: Run waits. */
  busy: boolean;
  /** A trace exists and describes the code in the editor. */
  steppable: boolean;
  step: number;
  /** Index of the last step (steps - 1), or -1 without a trace. */
  last: number;
  python: PythonVersion;
}

// Icons are fixed geometry, drawn with DOM calls like everything else.
const ICONS: Record<string, string[]> = {
  run: ["M7 4.5v15l12-7.5z"],
  first: ["M6 5h2v14H6z", "M20 5v14l-10-7z"],
  back: ["M17 5v14L6 12z"],
  forward: ["M7 5v14l11-7z"],
  last: ["M16 5h2v14h-2z", "M4 5v14l10-7z"],
};

function icon(name: keyof typeof ICONS): SVGSVGElement {
  return svg(
    "svg",
    { class: "icon", attrs: { viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" } },
    ...(ICONS[name] ?? []).map((d) => svg("path", { attrs: { d } })),
  );
}

function button(name: keyof typeof ICONS, label: string, shortcut: string, onClick: () => void): HTMLButtonElement {
  const b = h("button", {
    class: `step-button ${name}`,
    part: `button ${name}-button`,
    attrs: { type: "button", "aria-label": label, title: `${label} (${shortcut})` },
  });
  b.appendChild(icon(name));
  b.addEventListener("click", onClick);
  return b;
}

export class Controls {
  readonly element: HTMLElement;
  private readonly runButton: HTMLButtonElement;
  private readonly python: HTMLSelectElement;
  private readonly firstButton: HTMLButtonElement;
  private readonly backButton: HTMLButtonElement;
  private readonly forwardButton: HTMLButtonElement;
  private readonly lastButton: HTMLButtonElement;
  private readonly counter: HTMLElement;
  private readonly status: HTMLElement;

  constructor(actions: ControlActions) {
    this.runButton = h("button", {
      class: "run",
      part: "button run-button",
      attrs: { type: "button", title: "Run the program and record every step (Ctrl+Enter)" },
    });
    this.runButton.append(icon("run"), h("span", {}, "Run"));
    this.runButton.addEventListener("click", actions.run);

    this.python = h(
      "select",
      { class: "python", attrs: { "aria-label": "Python version", title: "Which CPython's memory management to model" } },
      ...PYTHON_VERSIONS.map((v) => h("option", { attrs: { value: v } }, `Python ${v}`)),
    );
    this.python.addEventListener("change", () => actions.python(this.python.value as PythonVersion));

    this.firstButton = button("first", "Go to start", "Home", actions.first);
    this.backButton = button("back", "Step back", "←", actions.back);
    this.forwardButton = button("forward", "Step forward", "→", actions.forward);
    this.lastButton = button("last", "Go to end", "End", actions.last);
    this.counter = h("output", { class: "counter", part: "counter", attrs: { tabindex: -1 } });

    this.status = h("p", { class: "status", part: "status", attrs: { role: "status" } });

    this.element = h(
      "div",
      { class: "toolbar panel", part: "toolbar", attrs: { role: "group", "aria-label": "Run and step" } },
      h("div", { class: "toolbar-group" }, this.runButton, this.python),
      this.status,
      h(
        "div",
        { class: "toolbar-group stepper" },
        this.firstButton,
        this.backButton,
        this.counter,
        this.forwardButton,
        this.lastButton,
      ),
    );
  }

  /** One short line about the engine or the last run; errors in red. */
  setStatus(text: string, error = false): void {
    this.status.textContent = text;
    this.status.classList.toggle("error", error);
  }

  update(state: ControlState): void {
    const root = this.element.getRootNode();
    const focused = root instanceof ShadowRoot || root instanceof Document ? root.activeElement : null;
    this.runButton.disabled = state.busy;
    this.runButton.classList.toggle("busy", state.busy);
    this.python.value = state.python;
    const canBack = state.steppable && state.step > 0;
    const canForward = state.steppable && state.step < state.last;
    this.firstButton.disabled = !canBack;
    this.backButton.disabled = !canBack;
    this.forwardButton.disabled = !canForward;
    this.lastButton.disabled = !canForward;
    this.counter.textContent = state.last >= 0 ? `step ${state.step} / ${state.last}` : "step – / –";
    this.counter.classList.toggle("stale", !state.steppable);
    // A button disabled under the keyboard focus would drop focus to the page
    // and end arrow-key stepping; keep the focus in the toolbar instead.
    if (focused instanceof HTMLButtonElement && focused.disabled) this.counter.focus();
  }
}
