// One object's card in the heap grid. A live card is kept while its object
// lives and each step rewrites only the parts whose data changed (refcount,
// value, references, tracking, the collection's marks), so the browser
// restyles and lays out a few cards instead of the whole grid.
import { h, replaceChildren, setAttributes } from "./dom";
import type { CollectionPhase, Edge, FreeCause, HeapObject } from "./engine/types";
import { IMMORTAL_REFCOUNT } from "./engine/types";

/** An object freed during the shown step, drawn in its old slot one last time. */
export interface FreedObject {
  id: number;
  type: string;
  repr: string;
  cause: FreeCause;
  /** 1-based place in the step's frees, in CPython's order (a cascade reads in it). */
  order: number;
}

export const CAUSE_TEXT: Record<FreeCause, string> = {
  refcount: "refcount reached 0",
  gc: "cycle collector",
};

/** The collector's survivors moving to an older generation during the shown step (gc_promote). */
export interface Promotion {
  /** Survivors of generations 0 to `upto` moved… */
  upto: number;
  /** …to this one (3 is gc.freeze()'s permanent generation). */
  to: number;
  /** The objects whose generation went up in the step: id → the generation they left. */
  moved: ReadonlyMap<number, number>;
  /**
   * A collection of generation `to` starting: it takes the younger generations
   * in (gc_list_merge) before it looks at anything, so these are not survivors.
   */
  merged: boolean;
}

/** The generation CPython keeps gc.freeze()'s objects in. */
export const PERMANENT_GENERATION = 3;

/** A generation as the badges name it. */
export function generationName(generation: number): string {
  return generation === PERMANENT_GENERATION ? "permanent" : `gen ${generation}`;
}

/** What a phase's marked objects are, on their badge. */
const PHASE_MARK: Record<string, string> = {
  move_unreachable: "unreachable",
  finalize_garbage: "finalizer runs",
  handle_resurrected_objects: "resurrected",
  delete_garbage: "tp_clear",
};

/** The collection phase of the shown step, indexed for the cards. */
export interface PhaseView {
  phase: string;
  gcRefs: ReadonlyMap<number, number>;
  internal: ReadonlySet<string>;
  marked: ReadonlySet<number>;
}

export function phaseView(c: CollectionPhase | null): PhaseView | null {
  if (!c) return null;
  return {
    phase: c.phase,
    gcRefs: new Map(Object.entries(c.gcRefs).map(([id, n]) => [Number(id), n] as const)),
    internal: new Set(c.internal.map(([from, to]) => `${from}>${to}`)),
    marked: new Set(c.marked),
  };
}

/** What a card shows besides its own object: the other objects, which have cards, the phase. */
export interface CardContext {
  live: ReadonlyMap<number, HeapObject>;
  drawn: ReadonlySet<number>;
  phase: PhaseView | null;
  /** Objects promoted during the step: id → the generation they left. */
  promoted: ReadonlyMap<number, number>;
  /** They joined a generation whose collection starts (not survivors). */
  merged: boolean;
}

/** A reference drawn as an arrow from its port (the dot at the end of its row). */
export interface RefPort {
  key: string;
  port: Element;
  from: number;
  to: number;
  /** A reference inside the collected set, subtracted by subtract_refs. */
  internal: boolean;
}

/** More references than this per card are summarised, not drawn. */
const MAX_REFS_SHOWN = 16;

export class LiveCard {
  readonly element: HTMLElement;
  /** The card's arrows, in the order of its references. */
  ports: RefPort[] = [];
  private readonly head: HTMLElement;
  private readonly repr: HTMLElement;
  private readonly foot: HTMLElement;
  private refs: HTMLElement | null = null;
  /** The band under the foot on the step the object moved to an older generation. */
  private promotion: HTMLElement | null = null;
  private refcount: HTMLElement;
  private badge: HTMLElement;
  // What each part was last drawn from; a part is redrawn only when its key changes.
  private headKey: string | null = null;
  private refsKey: string | null = null;
  private refcountKey: string | null = null;
  private badgeKey: string | null = null;
  private promotionKey = "";
  /** Counts the updates that changed the card's content: its ports may have moved inside it. */
  version = 0;

  constructor(readonly id: number) {
    this.head = h("header", { class: "card-head" });
    this.repr = h("div", { class: "repr" });
    this.refcount = h("span");
    this.badge = h("span");
    this.foot = h("footer", { class: "card-foot" }, this.refcount, this.badge);
    this.element = h("article", { part: "object" }, this.head, this.repr, this.foot);
  }

  /** Brings the card to `object` at this step. */
  update(object: HeapObject, refs: readonly Edge[], context: CardContext): void {
    const immortal = object.immortal || object.refcount === IMMORTAL_REFCOUNT;
    const change = object.change;
    const phase = context.phase;
    const gcRefs = phase?.gcRefs.get(object.id);
    const candidate = phase !== null && gcRefs !== undefined;
    const marked = candidate && phase.marked.has(object.id);
    // After move_unreachable, a candidate not singled out was reached from outside.
    const mark = marked
      ? (PHASE_MARK[phase.phase] ?? phase.phase)
      : candidate && phase.phase === "move_unreachable"
        ? "reachable"
        : null;
    const stateClass = candidate ? ` in-collection${mark ? ` gc-${mark.replace(/[^a-z]+/g, "-")}` : ""}` : "";
    // Moved to an older generation in this step: from the one it left to the one it is in now.
    const left = context.promoted.get(object.id);
    const promoted =
      left !== undefined && object.generation !== null
        ? { from: left, to: object.generation, merged: context.merged }
        : null;

    const className = `card${change === "new" ? " is-new" : ""}${change ? ` changed-${change}` : ""}${stateClass}${
      promoted ? " promoted" : ""
    }`;
    let changed = className !== this.element.getAttribute("class");
    setAttributes(this.element, {
      class: className,
      role: "listitem",
      "data-id": String(object.id),
      "data-type": object.type,
      "data-refcount": String(object.refcount),
      "data-state": "live",
      "data-gc-refs": gcRefs === undefined ? null : String(gcRefs),
      "data-gc-mark": mark,
      "data-generation": object.tracked && object.generation !== null ? String(object.generation) : null,
      "data-promoted-from": promoted ? String(promoted.from) : null,
      "aria-label": `${object.type} object, ${immortal ? "immortal" : `refcount ${object.refcount}`}${
        candidate ? `, gc_refs ${gcRefs}${mark ? `, ${mark}` : ""}` : ""
      }${promoted ? `, ${promotionText(promoted)}` : ""}`,
    });

    const headKey = `${object.type}\n${change === "new"}\n${mark}`;
    if (headKey !== this.headKey) {
      this.headKey = headKey;
      changed = true;
      replaceChildren(
        this.head,
        h("span", { class: "type" }, object.type),
        change === "new" ? h("span", { class: "badge new" }, "new") : null,
        mark ? h("span", { class: "badge gc-mark" }, mark) : null,
        h("span", { class: "oid", attrs: { title: "object id in this trace" } }, `#${object.id}`),
      );
    }

    if (this.repr.textContent !== object.repr) {
      this.repr.title = object.repr;
      this.repr.textContent = object.repr;
      changed = true;
    }

    if (this.updateRefs(refs, context)) changed = true;

    // A refcount that moved is redrawn even when its text is the same, so its flash plays again.
    const refcountKey = `${immortal}\n${object.refcount}\n${change}`;
    if (refcountKey !== this.refcountKey || change === "up" || change === "down") {
      this.refcountKey = refcountKey;
      this.refcount = replace(this.refcount, refcountBadge(object, immortal));
      changed = true;
    }
    const badgeKey = `${gcRefs}\n${object.tracked}\n${object.generation}`;
    if (badgeKey !== this.badgeKey) {
      this.badgeKey = badgeKey;
      this.badge = replace(this.badge, gcRefs === undefined ? gcBadge(object) : gcRefsBadge(gcRefs));
      changed = true;
    }
    const promotionKey = promoted ? `${promoted.from}>${promoted.to}${promoted.merged ? " merged" : ""}` : "";
    if (promotionKey !== this.promotionKey) {
      this.promotionKey = promotionKey;
      this.promotion?.remove();
      this.promotion = promoted ? promotionBand(promoted) : null;
      if (this.promotion) this.element.append(this.promotion);
      changed = true;
    }
    if (changed) this.version++;
  }

  /** The list of references, one row each, with a port where the target has a card; whether it changed. */
  private updateRefs(refs: readonly Edge[], context: CardContext): boolean {
    const shown = refs.slice(0, MAX_REFS_SHOWN);
    const rows = shown.map((edge) => {
      const target = context.live.get(edge.to);
      return {
        edge,
        type: target?.type ?? "object",
        drawn: context.drawn.has(edge.to),
        internal: context.phase?.internal.has(`${edge.from}>${edge.to}`) ?? false,
      };
    });
    const key = `${refs.length}\n${rows.map((r) => `${r.edge.label}\t${r.edge.to}\t${r.type}\t${r.drawn}\t${r.internal}`).join("\n")}`;
    if (key === this.refsKey) return false;
    this.refsKey = key;
    this.ports = [];
    if (rows.length === 0) {
      this.refs?.remove();
      this.refs = null;
      return true;
    }
    const items = rows.map(({ edge, type, drawn, internal }, index) => {
      const label = `${edge.label} refers to ${type} #${edge.to}`;
      const port = drawn ? h("span", { class: "port" }) : null;
      if (port) this.ports.push({ key: `r${edge.from}:${index}`, port, from: edge.from, to: edge.to, internal });
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
        port ?? h("span", { class: "ref-target" }, ` → ${type} #${edge.to}`),
      );
    });
    if (refs.length > shown.length) items.push(h("li", { class: "ref more" }, `+ ${refs.length - shown.length} more references`));
    const list = h("ul", { class: "refs" }, ...items);
    if (this.refs) this.refs.replaceWith(list);
    else this.element.insertBefore(list, this.foot);
    this.refs = list;
    return true;
  }
}

function replace(old: HTMLElement, next: HTMLElement): HTMLElement {
  old.replaceWith(next);
  return next;
}

function refcountBadge(object: HeapObject, immortal: boolean): HTMLElement {
  const change = object.change;
  return h(
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
}

function gcRefsBadge(gcRefs: number): HTMLElement {
  return h(
    "span",
    {
      class: "gc-refs",
      part: "gc-refs",
      attrs: { title: "gc_refs: the refcount minus the references from inside the collected set" },
    },
    "gc_refs ",
    h("b", {}, gcRefs),
  );
}

function gcBadge(object: HeapObject): HTMLElement {
  if (!object.tracked) {
    return h("span", { class: "gc untracked", attrs: { title: "Not tracked by the cycle collector" } }, "untracked");
  }
  const text = object.generation === null ? "tracked" : generationName(object.generation);
  const title =
    object.generation === null
      ? "Tracked by the cycle collector"
      : object.generation === PERMANENT_GENERATION
        ? "Frozen by gc.freeze(): in the permanent generation, which collections skip"
        : `Tracked by the cycle collector, in generation ${object.generation}`;
  return h("span", { class: "gc tracked", attrs: { title } }, text);
}

interface Moved {
  from: number;
  to: number;
  merged: boolean;
}

function promotionText({ from, to, merged }: Moved): string {
  if (to === PERMANENT_GENERATION) return `frozen: moved from generation ${from} to the permanent generation`;
  return merged
    ? `collected with generation ${to}: moved from generation ${from} as the collection of generation ${to} starts`
    : `survived the collection: promoted from generation ${from} to generation ${to}`;
}

/**
 * The band at the foot of a card whose object moved to an older generation
 * in this step: the generation it left, an arrow, the one it joined. Made
 * anew on that step, so its animation plays when the reader steps into it.
 */
function promotionBand(moved: Moved): HTMLElement {
  const { from, to, merged } = moved;
  return h(
    "div",
    { class: "promotion", part: "promotion", attrs: { title: promotionText(moved) } },
    h("span", { class: "promotion-label" }, to === PERMANENT_GENERATION ? "frozen" : merged ? "collected with" : "promoted"),
    h(
      "span",
      { class: "promotion-move" },
      h("span", { class: "promotion-from" }, generationName(from)),
      h("span", { class: "promotion-arrow", attrs: { "aria-label": "to" } }, "→"),
      h("span", { class: "promotion-to" }, generationName(to)),
    ),
  );
}

/** A freed object's last look: a new card each time, so its animation plays. */
export function freedCard(freed: FreedObject, count: number): HTMLElement {
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
