// The frames column: one block per frame with its names. A block is kept by
// frame id and redrawn only when its names or what they refer to change, so
// its ports (where the names' arrows start) usually stay the same elements.
import { h } from "./dom";
import type { Frame, HeapObject } from "./engine/types";
import { reconcile } from "./reconcile";

/** A name drawn as an arrow from its port to the card of its object. */
export interface VarPort {
  key: string;
  port: Element;
  to: number;
}

interface Block {
  element: HTMLElement;
  key: string;
  ports: VarPort[];
}

export class FramesColumn {
  readonly element: HTMLElement = h("div", { class: "frames-list" });
  private blocks = new Map<number, Block>();
  private readonly none = h("p", { class: "frame-empty" }, "No frames.");

  /** Shows the frames; returns the ports of the names that point at cards, in order. */
  render(frames: readonly Frame[], live: ReadonlyMap<number, HeapObject>, drawn: ReadonlySet<number>): VarPort[] {
    const blocks = new Map<number, Block>();
    for (const [index, frame] of frames.entries()) {
      const key = JSON.stringify([
        index === 0,
        frame.name,
        frame.vars.map((v) => [v.name, v.id, v.repr, drawn.has(v.id), live.get(v.id)?.type ?? null]),
      ]);
      const kept = this.blocks.get(frame.id);
      blocks.set(frame.id, kept && kept.key === key ? kept : frameBlock(frame, index, key, live, drawn));
    }
    this.blocks = blocks;
    const nodes = [...blocks.values()].map((b) => b.element);
    reconcile(this.element, nodes.length > 0 ? nodes : [this.none]);
    return [...blocks.values()].flatMap((b) => b.ports);
  }

  clear(): void {
    this.blocks.clear();
    this.element.replaceChildren();
  }
}

function frameBlock(frame: Frame, index: number, key: string, live: ReadonlyMap<number, HeapObject>, drawn: ReadonlySet<number>): Block {
  const ports: VarPort[] = [];
  const vars = frame.vars.map((v) => {
    const target = live.get(v.id);
    const pointsAtCard = drawn.has(v.id);
    const port = pointsAtCard ? h("span", { class: "port" }) : null;
    if (port) ports.push({ key: `v${frame.id}:${v.name}`, port, to: v.id });
    return h(
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
  });
  const element = h(
    "div",
    { class: index === 0 ? "frame module" : "frame", part: "frame", attrs: { "data-frame-id": frame.id } },
    h("div", { class: "frame-name" }, frame.name),
    vars.length > 0 ? h("ul", { class: "vars" }, ...vars) : h("p", { class: "frame-empty" }, "no names"),
  );
  return { element, key, ports };
}
