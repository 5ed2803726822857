// The heap at one step: frames with their names on one side, object cards in a
// grid of stable slots on the other, and an SVG overlay of arrows from names
// and from references to the objects they point at. The view is kept from
// step to step: a card lives as long as its object is drawn and changes only
// where the object did, so a step costs what it changed, not the whole heap.
import { h, replaceChildren, setAttributes, setText } from "./dom";
import type { CollectionPhase, Edge, Frame, GcState, HeapObject } from "./engine/types";
import { byTypeTable } from "./heap-by-type";
import {
  freedCard,
  generationName,
  LiveCard,
  PERMANENT_GENERATION,
  phaseView,
  type FreedObject,
  type PhaseView,
  type Promotion,
} from "./heap-card";
import { FramesColumn } from "./heap-frames";
import { reconcile } from "./reconcile";
import { WireLayer, type Wire } from "./wire-layer";

export { CAUSE_TEXT, type FreedObject, type Promotion } from "./heap-card";

export interface HeapScene {
  frames: readonly Frame[];
  objects: readonly HeapObject[];
  edges: readonly Edge[];
  freed: readonly FreedObject[];
  /** The survivors moving to an older generation in this step (gc_promote), if any. */
  promotion: Promotion | null;
  gc: GcState;
  /** The collector's counts before the step, when a collection started in it or survivors moved (their counts moved). */
  countsBefore: readonly number[] | null;
  /** Set while the step is a phase of a collection. */
  collection: CollectionPhase | null;
  /** Grid slot of every object and freed object (see layout.ts). */
  slots: ReadonlyMap<number, number>;
}

/** Cells drawn at most; a bigger heap is summarised (the DOM and the arrows would crawl). */
const MAX_CELLS = 120;
/** Past this many live objects the heap is shown by type, with counts (cards on request). */
export const AGGREGATE_AT = 200;
const NO_PROMOTION: ReadonlyMap<number, number> = new Map();

export class HeapView {
  readonly element: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly frames = new FramesColumn();
  private readonly grid: HTMLElement;
  private readonly wires = new WireLayer();
  private readonly gcMeter: HTMLElement;
  private gcShown = "";
  private readonly objectCount: HTMLElement;
  private readonly empty: HTMLElement;
  /** Live cards by object id, kept while the object is drawn. */
  private cards = new Map<number, LiveCard>();
  /** The placeholder of each empty slot, made once. */
  private readonly holes: HTMLElement[] = [];
  /** Below the grid: how many objects are not drawn, or that there are none. */
  private readonly gridNote = h("p");
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
    this.grid = h("div", { class: "grid", attrs: { role: "list" } });
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
      h("section", { class: "frames", attrs: { "aria-label": "Frames" } }, h("h3", { class: "col-title" }, "Frames"), this.frames.element),
      h(
        "section",
        { class: "objects", attrs: { "aria-label": "Objects" } },
        h("div", { class: "objects-head" }, h("h3", { class: "col-title" }, "Objects", this.objectCount), this.viewToggle),
        this.grid,
      ),
      this.wires.element,
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
    this.frames.clear();
    this.grid.replaceChildren();
    this.wires.clear();
    this.gcMeter.replaceChildren();
    this.gcShown = "";
    this.objectCount.textContent = "";
    this.cards.clear();
    this.wireList = [];
  }

  render(scene: HeapScene): void {
    this.lastScene = scene;
    this.element.classList.remove("is-empty");
    setText(this.empty, "");
    const live = new Map(scene.objects.map((o) => [o.id, o] as const));
    const large = scene.objects.length > AGGREGATE_AT;
    const byType = large && !this.cardsWanted;
    if (this.viewToggle.hidden === large) this.viewToggle.hidden = !large;
    setText(this.viewToggle, byType ? "Show cards" : "Show by type");
    // Objects with a cell get a card and arrows; the rest (past MAX_CELLS) are
    // named in text where something refers to them.
    const drawn = byType
      ? new Set<number>()
      : new Set(scene.objects.filter((o) => (scene.slots.get(o.id) ?? MAX_CELLS) < MAX_CELLS).map((o) => o.id));
    this.phase = phaseView(scene.collection);
    this.element.classList.toggle("collecting", this.phase !== null);
    this.renderGc(scene.gc, scene.countsBefore, scene.promotion);
    const refs = byType ? this.renderByType(scene) : this.renderObjects(scene, live, drawn);
    const names = this.frames.render(scene.frames, live, drawn);
    this.wireList = [
      ...refs,
      ...names.map(({ key, port, to }): Wire => ({ key, kind: "var", internal: false, port, from: null, to, version: null })),
    ];
    this.drawWires();
  }

  /** A large heap: one row per type, with how many are live, tracked per generation and freed now. */
  private renderByType(scene: HeapScene): Wire[] {
    this.grid.removeAttribute("role");
    this.grid.classList.add("as-table");
    replaceChildren(this.grid, byTypeTable(scene.objects, scene.freed, this.phase));
    this.cards = new Map();
    setText(this.objectCount, ` · ${scene.objects.length} live${scene.freed.length ? `, ${scene.freed.length} freed` : ""}, by type`);
    return [];
  }

  /** The cards in their slots: kept ones updated, new ones made, those of freed objects shown once. */
  private renderObjects(scene: HeapScene, live: ReadonlyMap<number, HeapObject>, drawn: ReadonlySet<number>): Wire[] {
    const outgoing = new Map<number, Edge[]>();
    for (const edge of scene.edges) {
      if (!drawn.has(edge.from) || !live.has(edge.to)) continue;
      const list = outgoing.get(edge.from) ?? [];
      list.push(edge);
      outgoing.set(edge.from, list);
    }

    setAttributes(this.grid, { role: "list" });
    this.grid.classList.remove("as-table");
    const context = {
      live,
      drawn,
      phase: this.phase,
      promoted: scene.promotion?.moved ?? NO_PROMOTION,
      merged: scene.promotion?.merged ?? false,
    };
    const cards = new Map<number, LiveCard>();
    const bySlot = new Map<number, HTMLElement>();
    const wires: Wire[] = [];
    let hidden = 0;
    for (const object of scene.objects) {
      const slot = scene.slots.get(object.id);
      if (slot === undefined || !drawn.has(object.id)) {
        hidden++;
        continue;
      }
      const card = this.cards.get(object.id) ?? new LiveCard(object.id);
      card.update(object, outgoing.get(object.id) ?? [], context);
      cards.set(object.id, card);
      bySlot.set(slot, card.element);
      for (const { key, port, from, to, internal } of card.ports) {
        wires.push({ key, kind: "ref", internal, port, from, to, version: card.version });
      }
    }
    this.cards = cards;
    for (const freed of scene.freed) {
      const slot = scene.slots.get(freed.id) ?? -1;
      if (slot >= 0 && slot < MAX_CELLS && !bySlot.has(slot)) bySlot.set(slot, freedCard(freed, scene.freed.length));
    }

    const last = Math.max(-1, ...bySlot.keys());
    const cells: Node[] = [];
    for (let slot = 0; slot <= last; slot++) {
      cells.push(bySlot.get(slot) ?? (this.holes[slot] ??= h("div", { class: "slot-empty", attrs: { "aria-hidden": "true" } })));
    }
    if (hidden > 0 || cells.length === 0) {
      setAttributes(this.gridNote, { class: hidden > 0 ? "grid-more" : "grid-empty" });
      setText(
        this.gridNote,
        hidden > 0
          ? `${hidden} more live object${hidden === 1 ? "" : "s"} not drawn (the grid shows ${MAX_CELLS} cells).`
          : "No objects on the heap.",
      );
      cells.push(this.gridNote);
    }
    reconcile(this.grid, cells);
    setText(this.objectCount, ` · ${scene.objects.length} live${scene.freed.length ? `, ${scene.freed.length} freed` : ""}`);
    return wires;
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

  /**
   * The collector's counts and thresholds, and the phase; redrawn only when
   * they change. On the step a collection starts, the counts that moved show
   * what they were (the collected generations' reset, the next one's up by
   * one); on the step its survivors are promoted, where they went.
   */
  private renderGc(gc: GcState, countsBefore: readonly number[] | null, promotion: Promotion | null): void {
    const moves = promotion && promotion.to > promotion.upto ? promotion : null;
    const shown = JSON.stringify([
      gc,
      this.phase?.phase ?? null,
      countsBefore,
      moves && [moves.upto, moves.to, moves.merged],
    ]);
    if (shown === this.gcShown) return;
    this.gcShown = shown;
    const gens = gc.count.map((count, gen) => {
      const threshold = gc.threshold[gen] ?? "?";
      const was = countsBefore?.[gen];
      const moved = was !== undefined && was !== count;
      const target = moves !== null && moves.to === gen;
      return h(
        "span",
        {
          class: `gen${moved ? ` moved ${count < was ? "down" : "up"}` : ""}${target ? " promotion-target" : ""}`,
          attrs: {
            "data-gen": gen,
            title: `Generation ${gen}: ${count} of threshold ${threshold}${moved ? ` (${was} before this step)` : ""}${
              !target ? "" : moves.merged ? "; the younger generations join it for its collection" : "; the survivors join it now"
            }`,
          },
        },
        h("span", { class: "gen-name" }, `gen${gen}`),
        " ",
        moved ? h("span", { class: "gen-was" }, `${was}`) : null,
        moved ? h("span", { class: "gen-arrow", attrs: { "aria-label": "became" } }, " → ") : null,
        h("span", { class: "gen-count" }, count),
        h("span", { class: "faint" }, ` / ${threshold}`),
      );
    });
    const phase = this.phase
      ? h("span", { class: "gc-phase", part: "gc-phase", attrs: { title: "The collector's phase at this step" } }, this.phase.phase)
      : null;
    replaceChildren(
      this.gcMeter,
      h("span", { class: "gc-title" }, "Cycle collector"),
      ...gens,
      phase,
      moves ? promotionChip(moves) : null,
      h("span", { class: gc.enabled ? "gc-on" : "gc-off" }, gc.enabled ? "enabled" : "disabled"),
    );
  }

  /** Draws every arrow from the current positions of ports and cards. */
  private drawWires(): void {
    this.wires.draw(this.stage, this.zoom, this.wireList, (id) => this.cards.get(id)?.element, this.grid.querySelectorAll(".card"));
  }

  // Hovering a card brings forward the arrows into and out of it.
  private focusObject(event: PointerEvent, on: boolean): void {
    const card = (event.target as Element | null)?.closest?.(".card[data-state=live]");
    if (!card) return;
    this.wires.focus(on ? card.getAttribute("data-id") : null);
  }
}

/** The meter's note on the step survivors move to an older generation. */
function promotionChip({ upto, to, merged }: Promotion): HTMLElement {
  const from = upto === 0 ? "gen0" : `gen0–${upto}`;
  const frozen = to === PERMANENT_GENERATION;
  const what = frozen ? "frozen " : merged ? "collecting " : "survivors ";
  return h(
    "span",
    {
      class: "gc-promotion",
      part: "gc-promotion",
      attrs: {
        title: frozen
          ? `gc.freeze(): every tracked object of generations 0 to ${upto} moves to the permanent generation`
          : merged
            ? `A collection of generation ${to} takes generation${upto === 0 ? " 0" : `s 0 to ${upto}`} in as it starts`
            : `The collection's survivors in generation${upto === 0 ? " 0" : `s 0 to ${upto}`} move to generation ${to}`,
      },
    },
    what,
    h("span", { class: "gc-promotion-move" }, `${from} → ${frozen ? "permanent" : generationName(to).replace(" ", "")}`),
  );
}
