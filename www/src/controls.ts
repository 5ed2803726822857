// The toolbar: Run, the Python version, the step buttons and the step counter.
// It only reports what the reader asked for; the element decides what happens.
import { h, svg } from "./dom";
import { PYTHON_VERSIONS, type PythonVersion } from "./engine/types";

export interface ControlActions {
  run: () => void;
  stop: () => void;
  play: () => void;
  speed: (stepsPerSecond: number) => void;
  example: (index: number) => void;
  help: () => void;
  first: () => void;
  back: () => void;
  forward: () => void;
  last: () => void;
  python: (version: PythonVersion) => void;
}

export interface ControlState {
  /** The engine is loading or running: Run waits. */
  busy: boolean;
  /** A program is running: Run turns into Stop. */
  running: boolean;
  playing: boolean;
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
  play: ["M8 5v14l11-7z"],
  pause: ["M7 5h4v14H7z", "M13 5h4v14h-4z"],
  stop: ["M6 6h12v12H6z"],
  help: [
    "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 2a7 7 0 1 1 0 14 7 7 0 0 1 0-14z",
    "M11 15.5h2v2h-2z",
    "M12 6.5c-1.9 0-3.3 1.3-3.4 3.1h2c.1-.8.6-1.2 1.4-1.2.8 0 1.3.4 1.3 1.1 0 .6-.3.9-1.1 1.4-1 .6-1.4 1.3-1.3 2.6h1.9c0-.8.2-1.1 1-1.6 1-.6 1.5-1.4 1.5-2.5 0-1.7-1.4-2.9-3.3-2.9z",
  ],
};

/** Playback speeds, in steps per second. */
export const SPEEDS = [1, 2, 4, 8, 16, 60] as const;
export const DEFAULT_SPEED = 4;

export interface Example {
  title: string;
  blurb: string;
  code: string;
}

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
  private readonly runLabel: HTMLSpanElement;
  private readonly runIcon: SVGSVGElement;
  private readonly stopIcon: SVGSVGElement;
  private running = false;
  private readonly python: HTMLSelectElement;
  private readonly examples: HTMLSelectElement;
  private readonly playButton: HTMLButtonElement;
  private readonly speed: HTMLSelectElement;
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
    this.runIcon = icon("run");
    this.stopIcon = icon("stop");
    this.runLabel = h("span", {}, "Run");
    this.runButton.append(this.runIcon, this.runLabel);
    this.runButton.addEventListener("click", () => (this.running ? actions.stop() : actions.run()));

    this.examples = h(
      "select",
      { class: "examples", part: "examples", attrs: { "aria-label": "Open an example", hidden: true } },
    );
    this.examples.addEventListener("change", () => {
      const index = Number(this.examples.value);
      this.examples.value = "";
      if (index >= 0) actions.example(index);
    });

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
    this.playButton = button("play", "Play", "Space", actions.play);
    this.speed = h(
      "select",
      { class: "speed", part: "speed", attrs: { "aria-label": "Playback speed", title: "Steps per second while playing" } },
      ...SPEEDS.map((n) => h("option", { attrs: { value: n, selected: n === DEFAULT_SPEED } }, `${n}/s`)),
    );
    this.speed.addEventListener("change", () => actions.speed(Number(this.speed.value)));
    const helpButton = button("help", "Keyboard shortcuts", "?", actions.help);

    this.status = h("p", { class: "status", part: "status", attrs: { role: "status" } });

    this.element = h(
      "div",
      { class: "toolbar panel", part: "toolbar", attrs: { role: "group", "aria-label": "Run and step" } },
      h("div", { class: "toolbar-group" }, this.runButton, this.python, this.examples),
      this.status,
      h(
        "div",
        { class: "toolbar-group stepper" },
        this.firstButton,
        this.backButton,
        this.counter,
        this.forwardButton,
        this.lastButton,
        this.playButton,
        this.speed,
        helpButton,
      ),
    );
  }

  /** One short line about the engine or the last run; errors in red. */
  setStatus(text: string, error = false): void {
    this.status.textContent = text;
    this.status.classList.toggle("error", error);
  }

  /** The gallery: an "Examples" menu appears once there are some. */
  setExamples(examples: readonly Example[]): void {
    this.examples.replaceChildren(
      h("option", { attrs: { value: "", selected: true, disabled: true } }, "Examples…"),
      ...examples.map((e, i) => h("option", { attrs: { value: i, title: e.blurb } }, e.title)),
    );
    this.examples.hidden = examples.length === 0;
  }

  update(state: ControlState): void {
    const root = this.element.getRootNode();
    const focused = root instanceof ShadowRoot || root instanceof Document ? root.activeElement : null;
    this.running = state.running;
    // While a program runs the button stops it; while the engine loads it waits.
    this.runButton.disabled = state.busy && !state.running;
    this.runButton.classList.toggle("busy", state.busy && !state.running);
    this.runButton.classList.toggle("stop", state.running);
    this.runButton.title = state.running
      ? "Stop the program (Esc)"
      : "Run the program and record every step (Ctrl+Enter)";
    this.runLabel.textContent = state.running ? "Stop" : "Run";
    this.runButton.replaceChild(state.running ? this.stopIcon : this.runIcon, this.runButton.firstChild as Node);
    this.python.value = state.python;
    const canBack = state.steppable && state.step > 0;
    const canForward = state.steppable && state.step < state.last;
    this.firstButton.disabled = !canBack;
    this.backButton.disabled = !canBack;
    this.forwardButton.disabled = !canForward;
    this.lastButton.disabled = !canForward;
    this.playButton.disabled = !state.steppable || state.last <= 0;
    this.playButton.replaceChildren(icon(state.playing ? "pause" : "play"));
    this.playButton.setAttribute("aria-label", state.playing ? "Pause" : "Play");
    this.playButton.title = `${state.playing ? "Pause" : "Play"} (Space)`;
    this.playButton.setAttribute("aria-pressed", String(state.playing));
    this.counter.textContent = state.last >= 0 ? `step ${state.step} / ${state.last}` : "step – / –";
    this.counter.classList.toggle("stale", !state.steppable);
    // A button disabled under the keyboard focus would drop focus to the page
    // and end arrow-key stepping; keep the focus in the toolbar instead.
    if (focused instanceof HTMLButtonElement && focused.disabled) this.counter.focus();
  }
}
