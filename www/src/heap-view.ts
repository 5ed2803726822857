// The heap at one step: frames with their names on one side, object cards in a
// grid of stable slots on the other, and an SVG overlay of arrows from names
// and from references to the objects they point at.
import { h, replaceChildren, svg } from "./dom";
import type { CollectionPhase, Edge, FreeCause, Frame, GcState, HeapObject } from "./engine/types";
import { IMMORTAL_REFCOUNT } from "./engine/types";
import { relative, selfLoop, wirePath, type Box } from "./wires";

/** An object freed during the shown step, drawn in its old slot one last time. */
export interface FreedObject {
  id: number;
  type: string;
  repr: string;
  cause: FreeCause;
  /** 1-based place in the step's frees, in CPython's order (a cascade reads in it). */
  order: number;
}

export interface HeapScene {
  frames: readonly Frame[];
  objects: readonly HeapObject[];
  edges: readonly Edge[];
  freed: readonly FreedObject[];
  gc: GcState;
  /** Set while the step is a phase of a collection. */
  collection: CollectionPhase | null;
  /** Grid slot of every object and freed object (see layout.ts). */
  slots: ReadonlyMap<number, number>;
}

export const CAUSE_TEXT: Record<FreeCause, string> = {
  refcount: "refcount reached 0",
  gc: "cycle collector",
};

/** What a phase's marked objects are, on their badge. */
const PHASE_MARK: Record<string, string> = {
  move_unreachable: "unreachable",
  finalize_garbage: "finalizer runs",
  handle_resurrected_objects: "resurrected",
  delete_garbage: "tp_clear",
};

/** The collection phase of the shown step, indexed for the cards. */
interface PhaseView {
  phase: string;
  gcRefs: ReadonlyMap<number, number>;
  internal: ReadonlySet<string>;
  marked: ReadonlySet<number>;
}

function phaseView(c: CollectionPhase | null): PhaseView | null {
  if (!c) return null;
  return {
    phase: c.phase,
    gcRefs: new Map(Object.entries(c.gcRefs).map(([id, n]) => [Number(id), n] as const)),
    internal: new Set(c.internal.map(([from, to]) => `${from}>${to}`)),
    marked: new Set(c.marked),
  };
}

/** More references than this per card are summarised, not drawn. */
const MAX_REFS_SHOWN = 16;
/** Cells drawn at most; a bigger heap is summarised (the DOM and the arrows would crawl). */
const MAX_CELLS = 120;
/** Past this many live objects the heap is shown by type, with counts (cards on request). */
export const AGGREGATE_AT = 200;

interface Wire {
  kind: "var" | "ref";
  /** A reference inside the collected set, subtracted by subtract_refs. */
  internal: boolean;
  port: Element;
  from: number | null;
  to: number;
}

export class HeapView {
  readonly element: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly framesList: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly wires: SVGSVGElement;
  private readonly gcMeter: HTMLElement;
  private readonly objectCount: HTMLElement;
  private readonly empty: HTMLElement;
  private cards = new Map<number, HTMLElement>();
  private wireList: Wire[] = [];
  private phase: PhaseView | null = null;
  private readonly viewToggle: HTMLButtonElement;
  /** The reader asked for cards although the heap is large. */
  private cardsWanted = false;
  private lastScene: HeapScene | null = null;
  /** The stage scales inside the viewport: below 1 it reflows wider (more columns), above 1 it magnifies and pans. */
  private zoom = 1;
  private readonly viewport: HTMLElement;
  private readonly sizer: HTMLElement;
  private readonly zoomLabel: HTMLButtonElement;

  constructor() {
    this.framesList = h("div", { class: "frames-list" });
    this.grid = h("div", { class: "grid", attrs: { role: "list" } });
    this.wires = svg("svg", { class: "wires", attrs: { "aria-hidden": "true", focusable: "false" } });
    this.gcMeter = h("div", { class: "gc-meter", part: "gc-meter" });
    this.objectCount = h("span", { class: "count" });
    this.viewToggle = h("button", { class: "view-toggle", part: "view-toggle", attrs: { type: "button", hidden: true } });
    this.viewToggle.addEventListener("click", () => {
      this.cardsWanted = !this.cardsWanted;
      if (this.lastScene) this.render(this.lastScene);
    });
    this.stage = h(
      "div",
      { class: "stage" },
      h("section", { class: "frames", attrs: { "aria-label": "Frames" } }, h("h3", { class: "col-title" }, "Frames"), this.framesList),
      h(
        "section",
        { class: "objects", attrs: { "aria-label": "Objects" } },
        h("div", { class: "objects-head" }, h("h3", { class: "col-title" }, "Objects", this.objectCount), this.viewToggle),
        this.grid,
      ),
      this.wires,
    );
    this.empty = h("p", { class: "heap-empty" });
    this.sizer = h("div", { class: "zoom-sizer" }, this.stage);
    this.viewport = h("div", { class: "viewport", part: "heap-viewport" }, this.sizer);
    const zoomButton = (label: string, title: string, by: number): HTMLButtonElement => {
      const b = h("button", { class: "zoom-button", attrs: { type: "button", "aria-label": title, title } }, label);
      b.addEventListener("click", () => this.setZoom(by === 0 ? 1 : this.zoom * by));
      return b;
    };
    this.zoomLabel = zoomButton("100%", "Reset the zoom", 0);
    const zoomTools = h(
      "div",
      { class: "zoom-tools", part: "zoom", attrs: { role: "group", "aria-label": "Zoom" } },
      zoomButton("−", "Zoom out", 1 / 1.25),
      this.zoomLabel,
      zoomButton("+", "Zoom in", 1.25),
    );
    this.element = h("div", { class: "heap", part: "heap" }, h("div", { class: "heap-top" }, this.gcMeter, zoomTools), this.viewport, this.empty);
    this.showMessage("Press Run to trace the program.");

    // Arrows are measured from the laid-out cards, so redraw whenever the
    // stage changes size (window resize, panels restacking, fonts settling).
    new ResizeObserver(() => {
      this.fitZoom();
      this.drawWires();
    }).observe(this.stage);
    new ResizeObserver(() => this.fitZoom()).observe(this.viewport);
    this.viewport.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    this.viewport.addEventListener("pointerdown", (e) => this.startPan(e));
    this.stage.addEventListener("pointerover", (e) => this.focusObject(e, true));
    this.stage.addEventListener("pointerout", (e) => this.focusObject(e, false));
  }

  /** Replaces the heap with a message (before the first run, on a failure). */
  showMessage(text: string): void {
    this.element.classList.add("is-empty");
    this.empty.textContent = text;
    this.framesList.replaceChildren();
    this.grid.replaceChildren();
    this.wires.replaceChildren();
    this.gcMeter.replaceChildren();
    this.objectCount.textContent = "";
    this.cards.clear();
    this.wireList = [];
  }

  render(scene: HeapScene): void {
    this.lastScene = scene;
    this.element.classList.remove("is-empty");
    this.empty.textContent = "";
    const live = new Map(scene.objects.map((o) => [o.id, o] as const));
    const large = scene.objects.length > AGGREGATE_AT;
    const byType = large && !this.cardsWanted;
    this.viewToggle.hidden = !large;
    this.viewToggle.textContent = byType ? "Show cards" : "Show by type";
    // Objects with a cell get a card and arrows; the rest (past MAX_CELLS) are
    // named in text where something refers to them.
    const drawn = byType
      ? new Set<number>()
      : new Set(scene.objects.filter((o) => (scene.slots.get(o.id) ?? MAX_CELLS) < MAX_CELLS).map((o) => o.id));
    this.wireList = [];
    this.phase = phaseView(scene.collection);
    this.element.classList.toggle("collecting", this.phase !== null);
    this.renderGc(scene.gc);
    if (byType) this.renderByType(scene);
    else this.renderObjects(scene, live, drawn);
    this.renderFrames(scene.frames, live, drawn);
    this.drawWires();
  }

  /** A large heap: one row per type, with how many are live, tracked per generation and freed now. */
  private renderByType(scene: HeapScene): void {
    interface Row {
      live: number;
      gens: [number, number, number];
      untracked: number;
      freedRc: number;
      freedGc: number;
      gcRefs: number;
    }
    const rows = new Map<string, Row>();
    const row = (type: string): Row => {
      let r = rows.get(type);
      if (!r) {
        r = { live: 0, gens: [0, 0, 0], untracked: 0, freedRc: 0, freedGc: 0, gcRefs: 0 };
        rows.set(type, r);
      }
      return r;
    };
    for (const o of scene.objects) {
      const r = row(o.type);
      r.live++;
      if (o.tracked && o.generation !== null) r.gens[o.generation as 0 | 1 | 2]++;
      else r.untracked++;
      if (this.phase?.gcRefs.has(o.id)) r.gcRefs++;
    }
    for (const f of scene.freed) {
      const r = row(f.type);
      if (f.cause === "gc") r.freedGc++;
      else r.freedRc++;
    }
    const sorted = [...rows].sort((a, b) => b[1].live - a[1].live || a[0].localeCompare(b[0]));
    const most = Math.max(1, ...sorted.map(([, r]) => r.live));
    const num = (n: number, cls = ""): HTMLElement => h("td", { class: `num${n === 0 ? " zero" : ""} ${cls}` }, n);
    const table = h(
      "table",
      { class: "by-type", part: "by-type" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { attrs: { scope: "col" } }, "type"),
          h("th", { class: "num", attrs: { scope: "col" } }, "live"),
          h("th", { class: "bar-col", attrs: { scope: "col", "aria-hidden": "true" } }, ""),
          h("th", { class: "num", attrs: { scope: "col", title: "tracked, in generation 0" } }, "gen 0"),
          h("th", { class: "num", attrs: { scope: "col", title: "tracked, in generation 1" } }, "gen 1"),
          h("th", { class: "num", attrs: { scope: "col", title: "tracked, in generation 2" } }, "gen 2"),
          h("th", { class: "num", attrs: { scope: "col" } }, "untracked"),
          this.phase ? h("th", { class: "num", attrs: { scope: "col", title: "taking part in this collection" } }, "collecting") : null,
          h("th", { class: "num", attrs: { scope: "col", title: "freed during this step: by refcount / by the collector" } }, "freed now"),
        ),
      ),
      h(
        "tbody",
        {},
        ...sorted.map(([type, r]) =>
          h(
            "tr",
            { attrs: { "data-type": type, "data-live": r.live } },
            h("th", { attrs: { scope: "row" } }, type),
            num(r.live),
            h("td", { class: "bar-col" }, bar(r.live / most)),
            num(r.gens[0]),
            num(r.gens[1]),
            num(r.gens[2]),
            num(r.untracked),
            this.phase ? num(r.gcRefs) : null,
            h(
              "td",
              { class: `num${r.freedRc + r.freedGc === 0 ? " zero" : ""}` },
              r.freedRc + r.freedGc === 0 ? "0" : null,
              r.freedRc ? h("span", { class: "freed-rc", attrs: { title: "refcount reached 0" } }, r.freedRc) : null,
              r.freedRc && r.freedGc ? " / " : null,
              r.freedGc ? h("span", { class: "freed-gc", attrs: { title: "cycle collector" } }, r.freedGc) : null,
            ),
          ),
        ),
      ),
    );
    this.grid.removeAttribute("role");
    this.grid.classList.add("as-table");
    replaceChildren(this.grid, table);
    this.cards = new Map();
    this.objectCount.textContent = ` · ${scene.objects.length} live${scene.freed.length ? `, ${scene.freed.length} freed` : ""}, by type`;
  }

  // ---- pan and zoom ----------------------------------------------------------

  private setZoom(zoom: number): void {
    const next = Math.min(2.5, Math.max(0.4, Math.round(zoom * 100) / 100));
    if (next === this.zoom) return;
    this.zoom = next;
    this.zoomLabel.textContent = `${Math.round(next * 100)}%`;
    this.element.classList.toggle("zoomed", next !== 1);
    this.fitZoom();
    this.drawWires();
  }

  /** Lays the stage out for the zoom: its width, its scale, and the room it takes. */
  private fitZoom(): void {
    const z = this.zoom;
    if (z === 1) {
      this.stage.style.removeProperty("width");
      this.stage.style.removeProperty("transform");
      this.sizer.style.removeProperty("width");
      this.sizer.style.removeProperty("height");
      return;
    }
    const width = this.viewport.clientWidth / Math.min(z, 1);
    this.stage.style.width = `${width}px`;
    this.stage.style.transform = `scale(${z})`;
    this.sizer.style.width = `${width * z}px`;
    this.sizer.style.height = `${this.stage.offsetHeight * z}px`;
  }

  /** Ctrl (or ⌘) + wheel zooms, as in maps and drawing tools; a plain wheel scrolls the page. */
  private onWheel(event: WheelEvent): void {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    this.setZoom(this.zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
  }

  /** Dragging the background pans: sideways inside the heap, up and down the page. */
  private startPan(event: PointerEvent): void {
    if (event.button !== 0 || this.zoom === 1) return;
    const target = event.target as Element | null;
    if (target?.closest?.("button, a, input, select, .card, .var")) return;
    event.preventDefault();
    let x = event.clientX;
    let y = event.clientY;
    this.viewport.setPointerCapture(event.pointerId);
    this.viewport.classList.add("panning");
    const move = (e: PointerEvent): void => {
      this.viewport.scrollLeft -= e.clientX - x;
      window.scrollBy(0, -(e.clientY - y));
      x = e.clientX;
      y = e.clientY;
    };
    const end = (): void => {
      this.viewport.classList.remove("panning");
      this.viewport.removeEventListener("pointermove", move);
      this.viewport.removeEventListener("pointerup", end);
      this.viewport.removeEventListener("pointercancel", end);
    };
    this.viewport.addEventListener("pointermove", move);
    this.viewport.addEventListener("pointerup", end);
    this.viewport.addEventListener("pointercancel", end);
  }

  private renderGc(gc: GcState): void {
    const gens = gc.count.map((count, gen) =>
      h(
        "span",
        { class: "gen", attrs: { title: `Generation ${gen}: ${count} of threshold ${gc.threshold[gen] ?? "?"}` } },
        h("span", { class: "gen-name" }, `gen${gen}`),
        ` ${count}`,
        h("span", { class: "faint" }, ` / ${gc.threshold[gen] ?? "?"}`),
      ),
    );
    const phase = this.phase
      ? h("span", { class: "gc-phase", part: "gc-phase", attrs: { title: "The collector's phase at this step" } }, this.phase.phase)
      : null;
    replaceChildren(
      this.gcMeter,
      h("span", { class: "gc-title" }, "Cycle collector"),
      ...gens,
      phase,
      h("span", { class: gc.enabled ? "gc-on" : "gc-off" }, gc.enabled ? "enabled" : "disabled"),
    );
  }

  private renderFrames(
    frames: readonly Frame[],
    live: ReadonlyMap<number, HeapObject>,
    drawn: ReadonlySet<number>,
  ): void {
    const nodes = frames.map((frame, index) => {
      const vars = frame.vars.map((v) => {
        const target = live.get(v.id);
        const pointsAtCard = drawn.has(v.id);
        const port = pointsAtCard ? h("span", { class: "port" }) : null;
        const row = h(
          "li",
          {
            class: pointsAtCard ? "var" : "var inline",
            attrs: {
              "data-name": v.name,
              "data-id": v.id,
              // The arrow is drawn for the eye; say where it goes for screen readers.
              "aria-label": target ? `${v.name} refers to ${target.type} #${target.id}` : `${v.name} = ${v.repr}`,
            },
          },
          h("span", { class: "var-name" }, v.name),
          // Names bound to objects without a card (immortal or internal) show their value inline.
          pointsAtCard ? null : h("span", { class: "var-repr", attrs: { title: v.repr } }, v.repr),
          port,
        );
        if (port) this.wireList.push({ kind: "var", internal: false, port, from: null, to: v.id });
        return row;
      });
      return h(
        "div",
        { class: index === 0 ? "frame module" : "frame", part: "frame", attrs: { "data-frame-id": frame.id } },
        h("div", { class: "frame-name" }, frame.name),
        vars.length > 0 ? h("ul", { class: "vars" }, ...vars) : h("p", { class: "frame-empty" }, "no names"),
      );
    });
    replaceChildren(this.framesList, ...nodes);
    if (nodes.length === 0) this.framesList.appendChild(h("p", { class: "frame-empty" }, "No frames."));
  }

  private renderObjects(scene: HeapScene, live: ReadonlyMap<number, HeapObject>, drawn: ReadonlySet<number>): void {
    const outgoing = new Map<number, Edge[]>();
    for (const edge of scene.edges) {
      if (!drawn.has(edge.from) || !live.has(edge.to)) continue;
      const list = outgoing.get(edge.from) ?? [];
      list.push(edge);
      outgoing.set(edge.from, list);
    }

    this.grid.setAttribute("role", "list");
    this.grid.classList.remove("as-table");
    const bySlot = new Map<number, HTMLElement>();
    let hidden = 0;
    this.cards = new Map();
    for (const object of scene.objects) {
      const slot = scene.slots.get(object.id);
      if (slot === undefined || !drawn.has(object.id)) {
        hidden++;
        continue;
      }
      const card = this.liveCard(object, outgoing.get(object.id) ?? [], live, drawn);
      this.cards.set(object.id, card);
      bySlot.set(slot, card);
    }
    for (const freed of scene.freed) {
      const slot = scene.slots.get(freed.id) ?? -1;
      if (slot >= 0 && slot < MAX_CELLS && !bySlot.has(slot)) bySlot.set(slot, this.freedCard(freed, scene.freed.length));
    }

    const last = Math.max(-1, ...bySlot.keys());
    const cells: HTMLElement[] = [];
    for (let slot = 0; slot <= last; slot++) {
      cells.push(bySlot.get(slot) ?? h("div", { class: "slot-empty", attrs: { "aria-hidden": "true" } }));
    }
    replaceChildren(this.grid, ...cells);
    if (cells.length === 0 && hidden === 0) this.grid.appendChild(h("p", { class: "grid-empty" }, "No objects on the heap."));
    if (hidden > 0) {
      this.grid.appendChild(
        h("p", { class: "grid-more" }, `${hidden} more live object${hidden === 1 ? "" : "s"} not drawn (the grid shows ${MAX_CELLS} cells).`),
      );
    }
    this.objectCount.textContent = ` · ${scene.objects.length} live${scene.freed.length ? `, ${scene.freed.length} freed` : ""}`;
  }

  private liveCard(
    object: HeapObject,
    refs: readonly Edge[],
    live: ReadonlyMap<number, HeapObject>,
    drawn: ReadonlySet<number>,
  ): HTMLElement {
    const immortal = object.immortal || object.refcount === IMMORTAL_REFCOUNT;
    const change = object.change;
    const refcount = h(
      "span",
      {
        class: `refcount${change ? ` ${change}` : ""}`,
        part: "refcount",
        attrs: { title: "ob_refcnt: how many references point at this object" },
      },
      immortal ? "immortal" : h("span", { class: "refcount-label" }, "refcount "),
      immortal ? null : h("span", { class: "refcount-value" }, object.refcount),
      change === "up" ? h("span", { class: "delta", attrs: { "aria-label": "went up" } }, " ↑") : null,
      change === "down" ? h("span", { class: "delta", attrs: { "aria-label": "went down" } }, " ↓") : null,
    );

    const shownRefs = refs.slice(0, MAX_REFS_SHOWN);
    const refRows = shownRefs.map((edge) => {
      const target = live.get(edge.to);
      const label = `${edge.label} refers to ${target?.type ?? "object"} #${edge.to}`;
      const port = drawn.has(edge.to) ? h("span", { class: "port" }) : null;
      const internal = this.phase?.internal.has(`${edge.from}>${edge.to}`) ?? false;
      if (port) this.wireList.push({ kind: "ref", internal, port, from: edge.from, to: edge.to });
      return h(
        "li",
        {
          class: internal ? "ref internal" : "ref",
          attrs: {
            "data-to": edge.to,
            "aria-label": internal ? `${label}, a reference inside the collected set (subtracted)` : label,
          },
        },
        h("span", { class: "ref-label" }, edge.label),
        // A target without a card is named instead of pointed at.
        port ?? h("span", { class: "ref-target" }, ` → ${target?.type ?? "object"} #${edge.to}`),
      );
    });
    if (refs.length > shownRefs.length) {
      refRows.push(h("li", { class: "ref more" }, `+ ${refs.length - shownRefs.length} more references`));
    }

    const phase = this.phase;
    const gcRefs = phase?.gcRefs.get(object.id);
    const candidate = phase !== null && gcRefs !== undefined;
    const marked = candidate && phase.marked.has(object.id);
    // After move_unreachable, a candidate not singled out was reached from outside.
    const mark = marked
      ? (PHASE_MARK[phase.phase] ?? phase.phase)
      : candidate && phase.phase === "move_unreachable"
        ? "reachable"
        : null;
    const gcRefsBadge = candidate
      ? h(
          "span",
          {
            class: "gc-refs",
            part: "gc-refs",
            attrs: { title: "gc_refs: the refcount minus the references from inside the collected set" },
          },
          "gc_refs ",
          h("b", {}, gcRefs),
        )
      : null;
    const stateClass = candidate ? ` in-collection${mark ? ` gc-${mark.replace(/[^a-z]+/g, "-")}` : ""}` : "";
    return h(
      "article",
      {
        class: `card${change === "new" ? " is-new" : ""}${change ? ` changed-${change}` : ""}${stateClass}`,
        part: "object",
        attrs: {
          role: "listitem",
          "data-id": object.id,
          "data-type": object.type,
          "data-refcount": object.refcount,
          "data-state": "live",
          "data-gc-refs": gcRefs,
          "data-gc-mark": mark ?? undefined,
          "aria-label": `${object.type} object, ${immortal ? "immortal" : `refcount ${object.refcount}`}${
            candidate ? `, gc_refs ${gcRefs}${mark ? `, ${mark}` : ""}` : ""
          }`,
        },
      },
      h(
        "header",
        { class: "card-head" },
        h("span", { class: "type" }, object.type),
        change === "new" ? h("span", { class: "badge new" }, "new") : null,
        mark ? h("span", { class: `badge gc-mark` }, mark) : null,
        h("span", { class: "oid", attrs: { title: "object id in this trace" } }, `#${object.id}`),
      ),
      h("div", { class: "repr", attrs: { title: object.repr } }, object.repr),
      refRows.length > 0 ? h("ul", { class: "refs" }, ...refRows) : null,
      h("footer", { class: "card-foot" }, refcount, gcRefsBadge ?? this.gcBadge(object)),
    );
  }

  private gcBadge(object: HeapObject): HTMLElement {
    if (!object.tracked) {
      return h("span", { class: "gc untracked", attrs: { title: "Not tracked by the cycle collector" } }, "untracked");
    }
    const text = object.generation === null ? "tracked" : `gen ${object.generation}`;
    const title =
      object.generation === null
        ? "Tracked by the cycle collector"
        : `Tracked by the cycle collector, in generation ${object.generation}`;
    return h("span", { class: "gc tracked", attrs: { title } }, text);
  }

  private freedCard(freed: FreedObject, count: number): HTMLElement {
    const cause = CAUSE_TEXT[freed.cause] ?? freed.cause;
    const card = h(
      "article",
      {
        class: `card freed cause-${freed.cause}`,
        part: "object freed",
        attrs: {
          role: "listitem",
          "data-id": freed.id,
          "data-type": freed.type,
          "data-state": "freed",
          "data-cause": freed.cause,
          "aria-label": `${freed.type} object freed: ${cause}`,
        },
      },
      h(
        "header",
        { class: "card-head" },
        h("span", { class: "type" }, freed.type),
        h(
          "span",
          { class: "badge freed", attrs: count > 1 ? { title: `freed ${freed.order} of ${count} in this step, in CPython's order` } : {} },
          count > 1 ? `freed ${freed.order}` : "freed",
        ),
        h("span", { class: "oid" }, `#${freed.id}`),
      ),
      freed.repr ? h("div", { class: "repr", attrs: { title: freed.repr } }, freed.repr) : null,
      h("footer", { class: "card-foot" }, h("span", { class: "cause", part: "cause" }, cause)),
    );
    // The cascade plays in order (set through CSSOM, which a strict CSP allows).
    card.style.animationDelay = `${Math.min(freed.order - 1, 12) * 0.1}s`;
    return card;
  }

  /** Draws every arrow from the current positions of ports and cards. */
  private drawWires(): void {
    const stage = this.stage.getBoundingClientRect();
    if (stage.width === 0 || stage.height === 0) return;
    // Measured on screen, drawn in the stage's own (unscaled) coordinates.
    const z = this.zoom;
    const local = (rect: DOMRect): Box => scaleBox(relative(rect, stage), 1 / z);
    const width = Math.ceil(stage.width / z);
    const height = Math.ceil(stage.height / z);
    this.wires.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.wires.setAttribute("width", String(width));
    this.wires.setAttribute("height", String(height));

    const boxes = new Map<Element, Box>();
    for (const card of this.grid.querySelectorAll(".card")) boxes.set(card, local(card.getBoundingClientRect()));

    const paths: SVGPathElement[] = [];
    let routed = 0;
    for (const wire of this.wireList) {
      const card = this.cards.get(wire.to);
      const box = card && boxes.get(card);
      if (!card || !box || !wire.port.isConnected) continue;
      const port = local(wire.port.getBoundingClientRect());
      const owner = wire.from === null ? undefined : this.cards.get(wire.from);
      const source = owner ? (boxes.get(owner) ?? null) : null;
      let d: string;
      if (wire.from === wire.to) {
        d = selfLoop(port, box);
      } else {
        const obstacles = [...boxes].filter(([el]) => el !== card && el !== owner).map(([, b]) => b);
        d = wirePath(port, box, source, obstacles, (routed++ % 3) - 1);
      }
      // A halo in the panel's colour keeps text readable where an arrow
      // crosses a card, and separates arrows where they cross each other.
      paths.push(svg("path", { class: "halo", attrs: { d } }));
      paths.push(
        svg("path", {
          class: `wire ${wire.kind}${wire.internal ? " internal" : ""}`,
          attrs: {
            d,
            "marker-end": `url(#gc-head-${wire.internal ? "internal" : wire.kind})`,
            "data-to": wire.to,
            "data-from": wire.from ?? undefined,
          },
        }),
      );
    }
    replaceChildren(this.wires, arrowHeads(), ...paths);
  }

  // Hovering a card brings forward the arrows into and out of it.
  private focusObject(event: PointerEvent, on: boolean): void {
    const card = (event.target as Element | null)?.closest?.(".card[data-state=live]");
    if (!card) return;
    const id = card.getAttribute("data-id");
    for (const path of this.wires.querySelectorAll("path.wire")) {
      const related = path.getAttribute("data-to") === id || path.getAttribute("data-from") === id;
      path.classList.toggle("focus", on && related);
    }
    this.wires.classList.toggle("has-focus", on);
  }
}

function scaleBox(b: Box, k: number): Box {
  return { left: b.left * k, top: b.top * k, right: b.right * k, bottom: b.bottom * k, x: b.x * k, y: b.y * k };
}

/** A bar for a share of the largest count (set through CSSOM, which a strict CSP allows). */
function bar(share: number): HTMLElement {
  const el = h("span", { class: "bar" });
  el.style.width = `${Math.max(1, share * 100)}%`;
  return el;
}

function arrowHeads(): SVGDefsElement {
  const head = (kind: Wire["kind"] | "internal"): SVGMarkerElement =>
    svg(
      "marker",
      {
        attrs: {
          id: `gc-head-${kind}`,
          viewBox: "0 0 10 10",
          refX: "9",
          refY: "5",
          markerWidth: "7",
          markerHeight: "7",
          orient: "auto-start-reverse",
          markerUnits: "userSpaceOnUse",
        },
      },
      svg("path", { class: `head ${kind}`, attrs: { d: "M0,0 L10,5 L0,10 z" } }),
    );
  return svg("defs", {}, head("var"), head("ref"), head("internal"));
}
