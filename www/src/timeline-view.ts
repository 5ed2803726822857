// The timeline: live objects over the whole run (the generational sawtooth, a
// leak's climb), with marks where collections ran and objects were freed, the
// shown step as a cursor, and a slider on top to scrub through the steps.
// It draws from the per-step arrays the core computed; it never replays events.
import { h } from "./dom";
import {
  MARK_ALLOC,
  MARK_COLLECTION,
  MARK_FREE_GC,
  MARK_FREE_REFCOUNT,
  MARK_IN_COLLECTION,
  type TimelineData,
} from "./engine/types";

const CHART_HEIGHT = 56;
const TICKS_HEIGHT = 8;

/** Per pixel column: the most objects alive in its steps, and every mark in them. */
interface Columns {
  width: number;
  live: Uint32Array;
  marks: Uint8Array;
}

/** The pixel column of a step. */
function columnOf(step: number, steps: number, width: number): number {
  return steps <= 1 ? 0 : Math.min(width - 1, Math.round((step / (steps - 1)) * (width - 1)));
}

function columns(data: TimelineData, width: number): Columns {
  const steps = data.live.length;
  const live = new Uint32Array(width);
  const marks = new Uint8Array(width);
  const hit = new Uint8Array(width);
  for (let step = 0; step < steps; step++) {
    const x = columnOf(step, steps, width);
    const n = data.live[step] ?? 0;
    if (!hit[x] || n > (live[x] ?? 0)) live[x] = n;
    hit[x] = 1;
    marks[x] = (marks[x] ?? 0) | (data.marks[step] ?? 0);
  }
  // A column no step fell on (short runs on wide screens) continues its left neighbour.
  for (let x = 1; x < width; x++) if (!hit[x]) live[x] = live[x - 1] ?? 0;
  return { width, live, marks };
}

export class TimelineView {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly slider: HTMLInputElement;
  private readonly caption: HTMLElement;
  /** Resolves the theme's colours (light-dark(), var()) to what a canvas understands. */
  private readonly probe: HTMLElement;
  private data: TimelineData | null = null;
  private cached: Columns | null = null;
  private peak = 0;
  private step = 0;
  private frame = 0;

  constructor(onSeek: (step: number) => void) {
    this.canvas = h("canvas", { class: "timeline-chart", attrs: { "aria-hidden": "true" } });
    this.slider = h("input", {
      class: "timeline-slider",
      part: "timeline-slider",
      attrs: { type: "range", min: 0, max: 0, value: 0, step: 1, "aria-label": "Step", disabled: true },
    });
    this.slider.addEventListener("input", () => onSeek(Number(this.slider.value)));
    this.caption = h("span", { class: "count" });
    this.probe = h("span", { class: "colour-probe", attrs: { "aria-hidden": "true" } });
    this.element = h(
      "section",
      { class: "timeline panel", part: "timeline", attrs: { "aria-label": "Timeline" } },
      h(
        "div",
        { class: "timeline-head" },
        h("h3", { class: "col-title" }, "Live objects ", this.caption),
        h(
          "ul",
          { class: "legend", attrs: { "aria-label": "Marks" } },
          h("li", { class: "mark-alloc" }, "allocated"),
          h("li", { class: "mark-refcount" }, "freed by refcount"),
          h("li", { class: "mark-gc" }, "collection"),
        ),
      ),
      h("div", { class: "timeline-track" }, this.canvas, this.slider),
      this.probe,
    );
    new ResizeObserver(() => this.schedule()).observe(this.canvas);
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => this.schedule());
  }

  /** A new run; null clears the timeline. */
  setData(data: TimelineData | null): void {
    this.data = data;
    this.cached = null;
    this.peak = data ? data.live.reduce((m, n) => Math.max(m, n), 0) : 0;
    const last = data ? Math.max(0, data.live.length - 1) : 0;
    this.slider.max = String(last);
    this.slider.disabled = !data || last === 0;
    this.schedule();
  }

  setStep(step: number, enabled: boolean): void {
    this.step = step;
    this.slider.value = String(step);
    this.slider.disabled = !enabled || !this.data || this.data.live.length <= 1;
    const steps = this.data?.live.length ?? 0;
    this.slider.setAttribute("aria-valuetext", steps ? `step ${step} of ${steps - 1}` : "no trace");
    this.caption.textContent = this.data ? ` · made by the program, peak ${this.peak}` : "";
    this.schedule();
  }

  /** Steps that have a mark, for tests and for jumping (next collection, ...). */
  nextMarked(from: number, bits: number, direction: 1 | -1): number | null {
    const marks = this.data?.marks;
    if (!marks) return null;
    for (let s = from + direction; s >= 0 && s < marks.length; s += direction) {
      if ((marks[s] ?? 0) & bits) return s;
    }
    return null;
  }

  /** The theme may have changed (the element's theme attribute). */
  redraw(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const ratio = window.devicePixelRatio || 1;
    const cssWidth = this.canvas.clientWidth;
    const width = Math.max(1, Math.round(cssWidth * ratio));
    const height = Math.round((CHART_HEIGHT + TICKS_HEIGHT) * ratio);
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const g = this.canvas.getContext("2d");
    if (!g) return;
    g.clearRect(0, 0, width, height);
    const data = this.data;
    if (!data || data.live.length === 0 || cssWidth === 0) return;
    if (!this.cached || this.cached.width !== width) this.cached = columns(data, width);
    const { live, marks } = this.cached;

    const color = (name: string): string => {
      this.probe.style.color = `var(${name})`;
      return getComputedStyle(this.probe).color || "#888";
    };
    const chartH = CHART_HEIGHT * ratio;
    const top = 4 * ratio;
    const y = (n: number): number => chartH - (this.peak ? (n / this.peak) * (chartH - top) : 0);

    // Collections in progress: a band behind the curve.
    g.fillStyle = color("--gc-gc-soft");
    for (let x = 0; x < width; x++) {
      if ((marks[x] ?? 0) & MARK_IN_COLLECTION) g.fillRect(x, 0, 1, chartH);
    }

    // The live count: a filled step curve.
    g.beginPath();
    g.moveTo(0, chartH);
    for (let x = 0; x < width; x++) g.lineTo(x, y(live[x] ?? 0));
    g.lineTo(width, y(live[width - 1] ?? 0));
    g.lineTo(width, chartH);
    g.closePath();
    g.fillStyle = color("--gc-accent-soft");
    g.fill();
    g.beginPath();
    for (let x = 0; x < width; x++) {
      const yy = y(live[x] ?? 0);
      if (x === 0) g.moveTo(x, yy);
      else g.lineTo(x, yy);
    }
    g.strokeStyle = color("--gc-accent");
    g.lineWidth = 1.5 * ratio;
    g.stroke();

    // Ticks under the chart: allocations above, frees below, collections across.
    const tick = (bits: number, name: string, y0: number, h0: number): void => {
      g.fillStyle = color(name);
      for (let x = 0; x < width; x++) if ((marks[x] ?? 0) & bits) g.fillRect(x, y0, Math.max(1, ratio), h0);
    };
    const t0 = chartH + 1 * ratio;
    tick(MARK_ALLOC, "--gc-up", t0, 3 * ratio);
    tick(MARK_FREE_REFCOUNT, "--gc-down", t0 + 3 * ratio, 3 * ratio);
    tick(MARK_COLLECTION | MARK_FREE_GC, "--gc-gc", t0, 6 * ratio);

    // The shown step.
    const steps = data.live.length;
    const cx = columnOf(this.step, steps, width);
    g.fillStyle = color("--gc-text");
    g.fillRect(Math.min(width - Math.ceil(ratio * 2), cx), 0, Math.ceil(ratio * 2), height);
  }
}
