// A large heap at a glance: one row per type, with how many are live, tracked
// per generation, taking part in the collection and freed now.
import { h } from "./dom";
import type { HeapObject } from "./engine/types";
import type { FreedObject, PhaseView } from "./heap-card";

interface Row {
  live: number;
  gens: [number, number, number];
  /** Tracked, in gc.freeze()'s permanent generation. */
  frozen: number;
  untracked: number;
  freedRc: number;
  freedGc: number;
  gcRefs: number;
}

export function byTypeTable(objects: readonly HeapObject[], freed: readonly FreedObject[], phase: PhaseView | null): HTMLTableElement {
  const rows = new Map<string, Row>();
  const row = (type: string): Row => {
    let r = rows.get(type);
    if (!r) {
      r = { live: 0, gens: [0, 0, 0], frozen: 0, untracked: 0, freedRc: 0, freedGc: 0, gcRefs: 0 };
      rows.set(type, r);
    }
    return r;
  };
  for (const o of objects) {
    const r = row(o.type);
    r.live++;
    if (!o.tracked || o.generation === null) r.untracked++;
    else if (o.generation < 3) r.gens[o.generation as 0 | 1 | 2]++;
    else r.frozen++;
    if (phase?.gcRefs.has(o.id)) r.gcRefs++;
  }
  for (const f of freed) {
    const r = row(f.type);
    if (f.cause === "gc") r.freedGc++;
    else r.freedRc++;
  }
  const sorted = [...rows].sort((a, b) => b[1].live - a[1].live || a[0].localeCompare(b[0]));
  const most = Math.max(1, ...sorted.map(([, r]) => r.live));
  const anyFrozen = sorted.some(([, r]) => r.frozen > 0);
  const num = (n: number, cls = ""): HTMLElement => h("td", { class: `num${n === 0 ? " zero" : ""} ${cls}` }, n);
  return h(
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
        anyFrozen
          ? h("th", { class: "num", attrs: { scope: "col", title: "frozen by gc.freeze(): the permanent generation" } }, "permanent")
          : null,
        h("th", { class: "num", attrs: { scope: "col" } }, "untracked"),
        phase ? h("th", { class: "num", attrs: { scope: "col", title: "taking part in this collection" } }, "collecting") : null,
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
          anyFrozen ? num(r.frozen) : null,
          num(r.untracked),
          phase ? num(r.gcRefs) : null,
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
}

/** A bar for a share of the largest count (set through CSSOM, which a strict CSP allows). */
function bar(share: number): HTMLElement {
  const el = h("span", { class: "bar" });
  el.style.width = `${Math.max(1, share * 100)}%`;
  return el;
}
