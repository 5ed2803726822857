// <gc-playground>: write a snippet, run it through the engine, step through the
// recorded trace and watch the heap. This module owns the state (the trace,
// the shown step) and wires the views together; each view draws one part.
import css from "./playground.css?inline";
import { NO_MARKS, PlainCodeView, type CodeView, type TraceMarks } from "./code-view";
import { Controls, DEFAULT_SPEED, type Example } from "./controls";
import { TimelineView } from "./timeline-view";
import { HelpDialog } from "./help-dialog";
import { ConsoleView } from "./console-view";
import { HeapView, type FreedObject, type Promotion } from "./heap-view";
import { SlotLayout } from "./layout";
import { NarrationView, type NarrationMood } from "./narration-view";
import { h } from "./dom";
import { DEFAULT_EXAMPLE, dedent } from "./source";
import { EngineClient } from "./engine/client";
import {
  PYTHON_VERSIONS,
  isAlloc,
  isFree,
  isPromote,
  type PythonVersion,
  type Snapshot,
  MARK_COLLECTION,
  type EngineError,
  type Summary,
  type TimelineData,
  type TraceEvent,
} from "./engine/types";

export interface RunResult {
  steps: number;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface HeapEntry {
  id: number;
  type: string;
  repr: string;
  refcount: number;
  tracked: boolean;
  generation: number | null;
}

/** Everything one run produced, plus the code it was produced from. */
interface Trace {
  code: string;
  python: PythonVersion;
  summary: Summary;
  timeline: TimelineData;
  /** Fetched only when asked for (`trace()`): a long trace has millions. */
  events: TraceEvent[] | null;
  layout: SlotLayout;
  snapshots: Map<number, Snapshot>;
}

const DEFAULT_PYTHON: PythonVersion = "3.13";
/** Snapshots kept per trace; stepping back and forth stays instant. */
const SNAPSHOT_CACHE = 512;

let sheet: CSSStyleSheet | null = null;
function styles(): CSSStyleSheet {
  // One parsed stylesheet shared by every instance on the page.
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

function isPython(value: string | null): value is PythonVersion {
  return value !== null && (PYTHON_VERSIONS as readonly string[]).includes(value);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class GcPlayground extends HTMLElement {
  static readonly observedAttributes = ["python", "readonly", "theme", "panels", "height"];

  private readonly shell: HTMLElement;
  /** The light view until the editor has loaded, and for good when read-only. */
  private codeView: CodeView;
  private readonly editorPanel: HTMLElement;
  private marks: TraceMarks = NO_MARKS;
  private editorLoading = false;
  private readonly controls: Controls;
  private readonly heapView: HeapView;
  private readonly consoleView: ConsoleView;
  private readonly narration: NarrationView;
  private readonly timeline: TimelineView;
  private readonly help: HelpDialog;

  private engine: EngineClient | null = null;
  private engineReady: Promise<string>;
  private settleReady: { resolve: (v: string) => void; reject: (e: unknown) => void } | null = null;
  private loading = true;
  private codeSet = false;
  private pythonVersion: PythonVersion = DEFAULT_PYTHON;

  private current: Trace | null = null;
  private shown: Snapshot | null = null;
  private target = 0;
  private stale = false;
  private runs = 0; // generation of the latest run: older answers are dropped
  private runsInFlight = 0;
  private navigations = 0; // same for step requests
  private navigation: Promise<void> = Promise.resolve();
  private teardownTimer: ReturnType<typeof setTimeout> | undefined;
  private playTimer: ReturnType<typeof setTimeout> | undefined;
  private playing = false;
  private speed = DEFAULT_SPEED;
  private gallery: readonly Example[] = [];
  /** What the status line says when no run describes itself (e.g. after Stop). */
  private idleStatus: [string, boolean] = ["", false];

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [styles()];

    this.engineReady = this.pendingReady();

    this.controls = new Controls({
      run: () => void this.run().catch(() => undefined),
      stop: () => this.stop(),
      play: () => this.togglePlay(),
      speed: (n) => {
        this.speed = n;
      },
      example: (index) => this.openExample(index),
      help: () => this.help.open(),
      first: () => this.stepBy(-Infinity),
      back: () => this.stepBy(-1),
      forward: () => this.stepBy(1),
      last: () => this.stepBy(Infinity),
      python: (version) => {
        this.python = version;
        // Switching the version in the toolbar means "show me this on that version".
        if (this.current) void this.run().catch(() => undefined);
      },
    });

    this.narration = new NarrationView();
    const editorPanel = h("div", { class: "editor panel", part: "editor" });
    this.editorPanel = editorPanel;
    this.codeView = new PlainCodeView("Python code");
    editorPanel.appendChild(this.codeView.element);
    this.heapView = new HeapView();
    this.heapView.element.classList.add("panel");
    this.consoleView = new ConsoleView((step) => this.userGoto(step));
    this.consoleView.element.classList.add("panel");
    this.timeline = new TimelineView((step) => this.userGoto(step));
    this.help = new HelpDialog();

    this.shell = h(
      "div",
      { class: "shell" },
      this.controls.element,
      this.timeline.element,
      this.narration.element,
      editorPanel,
      this.heapView.element,
      this.consoleView.element,
    );
    root.append(this.shell, this.help.element);

    this.addEventListener("keydown", (event) => this.onKey(event));
    this.setNarration("", "Press Run to trace the program, then step through it.", "idle");
    this.controls.setStatus("Loading the engine…");
    this.updateControls();
  }

  // ---- public API -------------------------------------------------------

  /** Resolves (with the engine's version) once the engine is loaded. */
  get ready(): Promise<string> {
    return this.engineReady;
  }

  get code(): string {
    return this.codeView.code;
  }

  set code(text: string) {
    this.codeSet = true;
    this.codeView.code = String(text);
    this.checkStale();
  }

  get python(): PythonVersion {
    return this.pythonVersion;
  }

  set python(version: PythonVersion) {
    if (!isPython(version)) throw new RangeError(`python must be one of ${PYTHON_VERSIONS.join(", ")}`);
    if (this.getAttribute("python") !== version) this.setAttribute("python", version);
    this.pythonVersion = version;
    this.checkStale();
  }

  /** The step shown (or being fetched for showing). */
  get step(): number {
    return this.target;
  }

  set step(step: number) {
    void this.goto(Number(step));
  }

  /** Resolves when the step last asked for is on screen. */
  get updateComplete(): Promise<void> {
    return this.navigation;
  }

  /** The objects live at the shown step. */
  heap(): HeapEntry[] {
    return (this.shown?.objects ?? []).map(({ id, type, repr, refcount, tracked, generation }) => ({
      id,
      type,
      repr,
      refcount,
      tracked,
      generation,
    }));
  }

  /** The gallery offered in the toolbar's Examples menu (none by default). */
  get examples(): readonly Example[] {
    return this.gallery;
  }

  set examples(list: readonly Example[]) {
    this.gallery = [...list];
    this.controls.setExamples(this.gallery);
  }

  /** Ends a running program: its worker is shut down and a fresh one loaded. */
  stop(): void {
    if (this.runsInFlight === 0 || !this.engine) return;
    const engine = this.engine;
    this.engine = null;
    this.runs++; // the stopped run's answer, if any, is dropped
    engine.terminate();
    this.engineReady = this.pendingReady();
    this.forget();
    this.idleStatus = ["Stopped: the program was still running when Stop was pressed.", true];
    this.controls.setStatus(...this.idleStatus);
    this.connectEngine();
    this.updateControls();
  }

  /** Every event of the latest run. */
  async trace(): Promise<TraceEvent[]> {
    const trace = this.current;
    if (!trace || !this.engine) throw new Error("No program has been run yet.");
    if (!trace.events) {
      const events = await this.engine.events();
      // The worker answers for its latest run; a newer run makes these another program's.
      if (trace !== this.current) throw new Error("A newer run replaced this trace.");
      trace.events = events;
    }
    return trace.events.slice();
  }

  /** Runs the code in the editor, records the trace and shows step 0. */
  async run(): Promise<RunResult> {
    const engine = this.connectEngine();
    const generation = ++this.runs;
    const code = this.code;
    const python = this.python;
    this.runsInFlight++;
    this.controls.setStatus("Running…");
    this.updateControls();
    try {
      await engine.ready;
      const { summary, timeline } = await engine.run(code, python);
      const slots = await engine.layout();
      const result: RunResult = {
        steps: summary.steps,
        stdout: summary.stdout,
        stderr: summary.stderr,
        exitCode: summary.exitCode,
      };
      if (generation !== this.runs) return result; // a newer run replaced this one
      this.current = {
        code,
        python,
        summary,
        timeline,
        events: null,
        layout: slots ? SlotLayout.fromPairs(slots) : SlotLayout.byAge(),
        snapshots: new Map(),
      };
      this.shown = null;
      this.stale = false;
      this.shell.classList.remove("stale");
      this.pause();
      this.timeline.setData(timeline);
      this.idleStatus = ["", false];
      this.controls.setStatus(...describeRun(summary));
      await this.goto(0);
      if (generation === this.runs) this.dispatchEvent(new CustomEvent("gc-run", { detail: { ...result, code, python }, bubbles: true, composed: true }));
      return result;
    } catch (error) {
      if (generation === this.runs) this.controls.setStatus(errorText(error), true);
      throw error;
    } finally {
      this.runsInFlight--;
      this.updateControls();
    }
  }

  // ---- lifecycle --------------------------------------------------------

  connectedCallback(): void {
    clearTimeout(this.teardownTimer);
    let source: Promise<void> = Promise.resolve();
    if (!this.codeSet) {
      this.codeSet = true;
      const inline = dedent(this.textContent ?? "");
      const src = this.getAttribute("src");
      this.codeView.code = inline || (src ? "" : DEFAULT_EXAMPLE);
      if (!inline && src) source = this.fetchSource(src);
    }
    if (!this.hasAttribute("readonly")) this.loadEditor();
    const engine = this.connectEngine();
    // `step` and `autoplay` only make sense once the program has run.
    if (this.hasAttribute("autorun") || this.hasAttribute("autoplay") || this.hasAttribute("step")) {
      void Promise.all([engine.ready, source]).then(() => {
        if (!this.current && this.runs === 0) void this.firstRun();
      }, () => undefined);
    }
  }

  /** The automatic first run: then the `step` asked for, and playback if `autoplay`. */
  private async firstRun(): Promise<void> {
    try {
      const result = await this.run();
      const step = Number(this.getAttribute("step") ?? "0");
      if (Number.isSafeInteger(step) && step > 0) await this.goto(Math.min(step, result.steps - 1));
      if (this.hasAttribute("autoplay")) this.togglePlay();
    } catch {
      // reported in the status line
    }
  }

  /** Code from the `src` attribute's URL (the page's own folder or a CORS-enabled host). */
  private async fetchSource(src: string): Promise<void> {
    try {
      const response = await fetch(new URL(src, document.baseURI), { credentials: "omit" });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const text = await response.text();
      if (this.codeView.code === "") this.codeView.code = text;
    } catch (error) {
      this.idleStatus = [`The code at ${src} could not be loaded: ${errorText(error)}`, true];
      this.controls.setStatus(...this.idleStatus);
      throw error;
    }
  }

  disconnectedCallback(): void {
    // Moving the element around the page disconnects and reconnects it at once;
    // only a real removal shuts the engine down.
    this.teardownTimer = setTimeout(() => {
      if (this.isConnected || !this.engine) return;
      this.engine.terminate();
      this.engine = null;
      this.engineReady = this.pendingReady();
      this.forget();
      this.controls.setStatus("Loading the engine…");
      this.updateControls();
    }, 0);
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    switch (name) {
      case "python": {
        const version = isPython(value) ? value : DEFAULT_PYTHON;
        if (version !== this.pythonVersion) {
          this.pythonVersion = version;
          this.checkStale();
        }
        break;
      }
      case "readonly":
        if (value !== null) this.unloadEditor();
        else if (this.isConnected) this.loadEditor();
        break;
      case "theme":
        this.timeline.redraw();
        break;
      case "panels":
        this.showPanels(value);
        break;
      case "height":
        // A number is pixels; any CSS length works. The playground scrolls inside it.
        if (value && /^\d+(\.\d+)?$/.test(value.trim())) this.shell.style.height = `${value.trim()}px`;
        else if (value && CSS.supports("height", value)) this.shell.style.height = value;
        else this.shell.style.removeProperty("height");
        this.shell.classList.toggle("fixed-height", this.shell.style.height !== "");
        break;
    }
  }

  /** `panels="heap,console"`: which views to show (all when absent). */
  private showPanels(value: string | null): void {
    const wanted = value === null ? null : new Set(value.split(/[\s,]+/).filter(Boolean).map((p) => (p === "code" ? "editor" : p)));
    const panels: [string, HTMLElement][] = [
      ["controls", this.controls.element],
      ["timeline", this.timeline.element],
      ["narration", this.narration.element],
      ["editor", this.editorPanel],
      ["heap", this.heapView.element],
      ["console", this.consoleView.element],
    ];
    for (const [name, element] of panels) element.hidden = wanted !== null && !wanted.has(name);
  }

  /** The trace lived in the engine's worker: without it, start afresh. */
  private forget(): void {
    this.loading = true;
    this.pause();
    this.current = null;
    this.shown = null;
    this.target = 0;
    this.stale = false;
    this.shell.classList.remove("stale");
    this.markCode(NO_MARKS);
    this.timeline.setData(null);
    this.heapView.showMessage("Press Run to trace the program.");
    this.consoleView.show("", "", null);
    this.setNarration("", "Press Run to trace the program, then step through it.", "idle");
  }

  // ---- the code -----------------------------------------------------------

  private markCode(marks: TraceMarks): void {
    this.marks = marks;
    this.codeView.mark(marks);
  }

  /** Replaces the light view with the full editor, fetched on first use. */
  private loadEditor(): void {
    if (this.editorLoading || !(this.codeView instanceof PlainCodeView)) return;
    this.editorLoading = true;
    import("./editor").then(
      ({ CodeEditor }) => {
        this.editorLoading = false;
        if (this.hasAttribute("readonly") || !(this.codeView instanceof PlainCodeView)) return;
        const plain = this.codeView;
        const editor = new CodeEditor({
          parent: this.editorPanel,
          root: this.shadowRoot as ShadowRoot,
          doc: plain.code,
          label: "Python code",
          onChange: () => this.checkStale(),
          onRun: () => void this.run().catch(() => undefined),
        });
        plain.destroy();
        this.codeView = editor;
        editor.mark(this.marks);
      },
      () => {
        // Without the editor the code stays readable, only not editable.
        this.editorLoading = false;
      },
    );
  }

  /** Back to the light, read-only view (the `readonly` attribute was set). */
  private unloadEditor(): void {
    if (this.codeView instanceof PlainCodeView) return;
    const plain = new PlainCodeView("Python code");
    plain.code = this.codeView.code;
    this.codeView.destroy();
    this.codeView = plain;
    this.editorPanel.appendChild(plain.element);
    plain.mark(this.marks);
  }

  // ---- engine -----------------------------------------------------------

  private pendingReady(): Promise<string> {
    const promise = new Promise<string>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    promise.catch(() => undefined); // reported in the status line
    return promise;
  }

  private connectEngine(): EngineClient {
    if (this.engine) return this.engine;
    const engine = new EngineClient();
    this.engine = engine;
    this.loading = true;
    const settle = this.settleReady;
    engine.ready.then(
      (version) => {
        if (this.engine !== engine) return;
        this.loading = false;
        if (this.runsInFlight === 0)
          this.controls.setStatus(...(this.current ? describeRun(this.current.summary) : this.idleStatus));
        this.updateControls();
        settle?.resolve(version);
      },
      (error: unknown) => {
        if (this.engine !== engine) return;
        this.loading = false;
        this.controls.setStatus(errorText(error), true);
        this.heapView.showMessage("The engine could not be loaded, so nothing can be traced.");
        this.updateControls();
        settle?.reject(error);
      },
    );
    return engine;
  }

  // ---- stepping ---------------------------------------------------------

  /** The reader moved: playback stops where they went. */
  private userGoto(step: number): void {
    if (!this.current || this.stale) return;
    this.pause();
    void this.goto(step);
  }

  private stepBy(delta: number): void {
    if (!this.current || this.stale) return;
    this.pause();
    const last = this.current.summary.steps - 1;
    const next = delta === -Infinity ? 0 : delta === Infinity ? last : this.target + delta;
    void this.goto(next);
  }

  private goto(step: number): Promise<void> {
    const trace = this.current;
    if (!trace || !Number.isFinite(step)) return this.navigation;
    const target = Math.max(0, Math.min(trace.summary.steps - 1, Math.trunc(step)));
    this.target = target;
    const token = ++this.navigations;
    const load = async (): Promise<void> => {
      const snapshot = await this.snapshot(trace, target);
      // Freed objects are gone from this step's heap; their last look (type,
      // repr) is in the step before, and so are the generations survivors
      // left and the collector's counts before a collection reset them.
      const before = target > 0 && snapshot.events.some(needsStepBefore) ? await this.snapshot(trace, target - 1) : null;
      if (token !== this.navigations || trace !== this.current) return;
      this.show(trace, snapshot, before);
      // Readers mostly step forward: have the next snapshot ready.
      if (target + 1 < trace.summary.steps) void this.snapshot(trace, target + 1).catch(() => undefined);
    };
    this.navigation = load().catch((error: unknown) => {
      if (token === this.navigations) this.controls.setStatus(errorText(error), true);
    });
    this.updateControls();
    return this.navigation;
  }

  private async snapshot(trace: Trace, step: number): Promise<Snapshot> {
    const cached = trace.snapshots.get(step);
    if (cached) return cached;
    if (!this.engine) throw new Error("The engine is not running.");
    const snapshot = await this.engine.snapshot(step);
    if (trace.snapshots.size >= SNAPSHOT_CACHE) {
      const oldest = trace.snapshots.keys().next().value;
      if (oldest !== undefined) trace.snapshots.delete(oldest);
    }
    trace.snapshots.set(step, snapshot);
    return snapshot;
  }

  private show(trace: Trace, snapshot: Snapshot, before: Snapshot | null): void {
    // Measured by the page benchmark: how long one step takes to draw.
    performance.mark("gc-render-start");
    // Changes play their animations only when the reader stepped forward by
    // one (or playback did); a jump or a step back draws the state at once.
    // The flag is on the shell, not in a view: every way to a step draws it alike.
    this.shell.classList.toggle("motion", this.shown !== null && this.shown.step === snapshot.step - 1);
    this.shown = snapshot;
    const last = snapshot.step === trace.summary.steps - 1;
    const error = trace.summary.error;

    // The editor reads the layout (its selection, its scroll position): it
    // goes before the heap, whose arrows are measured once every view has
    // written, so the browser lays the page out once per step, not twice.
    if (!this.stale) {
      this.markCode({
        ran: snapshot.line,
        next: snapshot.nextLine,
        error: last && error && error.line > 0 ? { ...error, message: errorMessage(error) } : null,
      });
      const where = snapshot.step === 0 ? "start" : snapshot.line === 0 ? "exit" : `line ${snapshot.line}`;
      this.setNarration(where, snapshot.narration, "");
    }
    this.consoleView.show(snapshot.stdout, last ? trace.summary.stderr : "", {
      output: trace.timeline.output,
      lastStep: trace.summary.steps - 1,
    });
    const freed = freedIn(snapshot, before);
    const collectorMoved = before !== null && snapshot.events.some((e) => e.kind === "gc_start" || isPromote(e));
    this.heapView.render({
      frames: snapshot.frames,
      objects: snapshot.objects,
      edges: snapshot.edges,
      freed,
      promotion: promotionIn(snapshot, before),
      gc: snapshot.gc,
      countsBefore: collectorMoved ? before.gc.count : null,
      collection: snapshot.collection,
      slots: trace.layout.place([...snapshot.objects.map((o) => o.id), ...freed.map((o) => o.id)]),
    });
    this.updateControls();
    // Only the latest is kept: a long playback must not fill the timeline.
    performance.clearMeasures("gc-render");
    performance.measure("gc-render", "gc-render-start");
    this.dispatchEvent(new CustomEvent("gc-step", { detail: { step: snapshot.step }, bubbles: true, composed: true }));
  }

  // ---- state shown around the heap -----------------------------------------

  /** The trace stops describing the editor once the code or version changes. */
  private checkStale(): void {
    const trace = this.current;
    const stale = trace !== null && (trace.code !== this.code || trace.python !== this.python);
    if (stale === this.stale) return;
    this.stale = stale;
    this.shell.classList.toggle("stale", stale);
    if (stale) {
      this.markCode(NO_MARKS);
      this.setNarration("", "The code changed since the last run. Press Run to trace it again.", "stale");
      this.updateControls();
    } else if (trace && this.shown) {
      void this.goto(this.target); // cached: puts the marks and narration back
    }
  }

  private setNarration(where: string, text: string, mood: NarrationMood): void {
    this.narration.show(where, text, mood);
  }

  // ---- playback ---------------------------------------------------------

  private togglePlay(): void {
    if (this.playing) {
      this.pause();
      return;
    }
    const trace = this.current;
    if (!trace || this.stale || trace.summary.steps <= 1) return;
    this.playing = true;
    // From the end, play starts over.
    if (this.target >= trace.summary.steps - 1) void this.goto(0);
    this.updateControls();
    this.scheduleTick();
  }

  private pause(): void {
    clearTimeout(this.playTimer);
    this.playTimer = undefined;
    if (!this.playing) return;
    this.playing = false;
    this.updateControls();
  }

  private scheduleTick(): void {
    clearTimeout(this.playTimer);
    this.playTimer = setTimeout(() => {
      const trace = this.current;
      if (!this.playing || !trace || this.stale) return this.pause();
      if (this.target >= trace.summary.steps - 1) return this.pause();
      // The next step is shown before the one after is asked for.
      void this.goto(this.target + 1).then(() => {
        if (this.playing) this.scheduleTick();
      });
    }, 1000 / this.speed);
  }

  private openExample(index: number): void {
    const example = this.gallery[index];
    if (!example) return;
    this.code = example.code;
    void this.run().catch(() => undefined);
  }

  private updateControls(): void {
    this.timeline.setStep(this.target, this.current !== null && !this.stale);
    this.controls.update({
      running: this.runsInFlight > 0 && !this.loading,
      playing: this.playing,
      busy: this.loading || this.runsInFlight > 0,
      steppable: this.current !== null && !this.stale,
      step: this.target,
      last: this.current ? this.current.summary.steps - 1 : -1,
      python: this.pythonVersion,
    });
  }

  private onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.altKey) return;
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      if (this.codeView.contains(event)) return; // the editor's own keymap runs it
      event.preventDefault();
      void this.run().catch(() => undefined);
      return;
    }
    if (event.key === "Escape" && this.runsInFlight > 0 && !this.loading) {
      event.preventDefault();
      this.stop();
      return;
    }
    if (event.ctrlKey || event.metaKey) return;
    // Keys belong to the editor and to form fields while they have focus.
    if (this.codeView.contains(event)) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLSelectElement || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
    if (event.key === "?") {
      event.preventDefault();
      this.help.open();
      return;
    }
    if (event.shiftKey) return;
    if (event.key === " " && !(target instanceof HTMLButtonElement)) {
      event.preventDefault();
      this.togglePlay();
      return;
    }
    if ((event.key === "[" || event.key === "]") && this.current && !this.stale) {
      // Jump to the previous or next collection.
      const found = this.timeline.nextMarked(this.target, MARK_COLLECTION, event.key === "]" ? 1 : -1);
      event.preventDefault();
      if (found !== null) this.userGoto(found);
      return;
    }
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };
    const delta = moves[event.key];
    if (delta === undefined || !this.current || this.stale) return;
    event.preventDefault();
    this.stepBy(delta);
  }
}

/** Whether showing the step needs the step before: frees, a collection starting, survivors promoted. */
function needsStepBefore(event: TraceEvent): boolean {
  return isFree(event) || isPromote(event) || event.kind === "gc_start";
}

/**
 * The step's gc_promote, with the objects whose generation it raised (their
 * generation before the step against the one the snapshot gives).
 */
function promotionIn(snapshot: Snapshot, before: Snapshot | null): Promotion | null {
  const events = snapshot.events.filter(isPromote);
  const last = events.at(-1);
  if (!last) return null;
  const moved = new Map<number, number>();
  if (before) {
    const was = new Map(before.objects.map((o) => [o.id, o.generation] as const));
    for (const object of snapshot.objects) {
      const from = was.get(object.id);
      const to = object.generation;
      if (from === undefined || from === null || to === null || to <= from || !object.tracked) continue;
      if (events.some((e) => from <= e.upto && to === e.to)) moved.set(object.id, from);
    }
  }
  // the event right after gc_start is the collected generation taking the younger ones in
  const at = snapshot.events.indexOf(last);
  const merged = at > 0 && snapshot.events[at - 1]?.kind === "gc_start";
  return { upto: last.upto, to: last.to, moved, merged };
}

/** Objects freed during the step, with the look they had just before. */
function freedIn(snapshot: Snapshot, before: Snapshot | null): FreedObject[] {
  return snapshot.events.filter(isFree).map((event, index) => {
    const previous = before?.objects.find((o) => o.id === event.id);
    // An object born and freed within this one step only has its alloc event.
    const alloc = snapshot.events.find((e) => isAlloc(e) && e.id === event.id);
    const repr = previous?.repr ?? (alloc && isAlloc(alloc) && typeof alloc.repr === "string" ? alloc.repr : "");
    return { id: event.id, type: event.type, repr, cause: event.cause, order: index + 1 };
  });
}

/** The error as the editor writes it under its line. */
function errorMessage(error: EngineError): string {
  switch (error.kind) {
    case "NotSupported":
    case "Limit":
      return error.message;
    default:
      return `${error.type}: ${error.message}`;
  }
}

/** The status line after a run: empty when it went well (the counter says enough). */
function describeRun(summary: Summary | null): [string, boolean] {
  const error = summary?.error;
  if (!summary || !error) return ["", false];
  const where = error.line > 0 ? ` (line ${error.line})` : "";
  switch (error.kind) {
    case "NotSupported":
      return [`Not supported yet${where}: ${error.message}`, true];
    case "Limit":
      return [`Stopped: ${error.message}`, true];
    default:
      return [`${error.type}: ${error.message}${where}`, true];
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "gc-playground": GcPlayground;
  }
}
