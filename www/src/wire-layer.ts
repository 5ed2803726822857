// The SVG overlay of arrows from names and references to the cards they point
// at. A drawing reads every position first and writes only afterwards, so the
// browser lays the page out once per step; paths are kept by arrow and only
// those whose shape or look changed are rewritten.
import { setAttributes, svg } from "./dom";
import { reconcile } from "./reconcile";
import { relative, selfLoop, wirePath, type Box } from "./wires";

export interface Wire {
  /** Names the arrow across steps: its path is reused while the key lives. */
  key: string;
  kind: "var" | "ref";
  /** A reference inside the collected set, subtracted by subtract_refs. */
  internal: boolean;
  port: Element;
  from: number | null;
  to: number;
  /** For a reference, its card's content version: while it and the card's size hold, the port has not moved in the card. */
  version: number | null;
}

/** Where a port sat inside its card, and the card's size and version then. */
interface PortPlace {
  version: number;
  width: number;
  height: number;
  dx: number;
  dy: number;
  w: number;
  h: number;
}

interface Drawn {
  halo: SVGPathElement;
  line: SVGPathElement;
}

export class WireLayer {
  readonly element: SVGSVGElement = svg("svg", { class: "wires", attrs: { "aria-hidden": "true", focusable: "false" } });
  private readonly heads = arrowHeads();
  private drawn = new Map<string, Drawn>();
  private places = new WeakMap<Element, PortPlace>();
  /** The object whose arrows are brought forward (the card under the pointer). */
  private focused: string | null = null;

  clear(): void {
    this.drawn.clear();
    this.element.replaceChildren();
  }

  /**
   * Draws `wires` over `stage` (scaled by `zoom`): each ends on the card of
   * its target (`cardOf`); `obstacles` are every card on the stage, freed ones included.
   */
  draw(
    stage: Element,
    zoom: number,
    wires: readonly Wire[],
    cardOf: (id: number) => Element | undefined,
    obstacles: Iterable<Element>,
  ): void {
    // Reads. Measured on screen, drawn in the stage's own (unscaled) coordinates.
    const origin = stage.getBoundingClientRect();
    if (origin.width === 0 || origin.height === 0) return;
    const local = (rect: DOMRect): Box => scaleBox(relative(rect, origin), 1 / zoom);
    const boxes = new Map<Element, Box>();
    for (const card of obstacles) boxes.set(card, local(card.getBoundingClientRect()));
    const ports = wires.map((wire) => {
      if (!wire.port.isConnected) return null;
      const owner = wire.from === null ? undefined : cardOf(wire.from);
      const card = owner && boxes.get(owner);
      if (!card || wire.version === null) return local(wire.port.getBoundingClientRect());
      // A port is placed from its card's box when neither the card's content nor its size changed.
      const width = card.right - card.left;
      const height = card.bottom - card.top;
      const place = this.places.get(wire.port);
      if (place && place.version === wire.version && place.width === width && place.height === height) {
        const left = card.left + place.dx;
        const top = card.top + place.dy;
        return { left, top, right: left + place.w, bottom: top + place.h, x: left + place.w / 2, y: top + place.h / 2 };
      }
      const box = local(wire.port.getBoundingClientRect());
      const w = box.right - box.left;
      const h = box.bottom - box.top;
      this.places.set(wire.port, { version: wire.version, width, height, dx: box.left - card.left, dy: box.top - card.top, w, h });
      return box;
    });

    // Routing, without touching the DOM.
    const all = [...boxes.values()];
    const shapes: { wire: Wire; d: string }[] = [];
    let routed = 0;
    wires.forEach((wire, i) => {
      const card = cardOf(wire.to);
      const box = card && boxes.get(card);
      const port = ports[i];
      if (!box || !port) return;
      const owner = wire.from === null ? undefined : cardOf(wire.from);
      const source = owner ? (boxes.get(owner) ?? null) : null;
      const d = wire.from === wire.to ? selfLoop(port, box) : wirePath(port, box, source, all, (routed++ % 3) - 1);
      shapes.push({ wire, d });
    });

    // Writes.
    const width = Math.ceil(origin.width / zoom);
    const height = Math.ceil(origin.height / zoom);
    setAttributes(this.element, { viewBox: `0 0 ${width} ${height}`, width: String(width), height: String(height) });
    const drawn = new Map<string, Drawn>();
    const nodes: Node[] = [this.heads];
    for (const { wire, d } of shapes) {
      // A halo in the panel's colour keeps text readable where an arrow
      // crosses a card, and separates arrows where they cross each other.
      const paths = (!drawn.has(wire.key) && this.drawn.get(wire.key)) || { halo: svg("path", { class: "halo" }), line: svg("path") };
      drawn.set(wire.key, paths);
      setAttributes(paths.halo, { d });
      setAttributes(paths.line, {
        class: `wire ${wire.kind}${wire.internal ? " internal" : ""}${this.isFocused(wire) ? " focus" : ""}`,
        d,
        "marker-end": `url(#gc-head-${wire.internal ? "internal" : wire.kind})`,
        "data-to": String(wire.to),
        "data-from": wire.from === null ? null : String(wire.from),
      });
      nodes.push(paths.halo, paths.line);
    }
    this.drawn = drawn;
    reconcile(this.element, nodes);
  }

  /** Brings forward the arrows into and out of object `id` (none: all alike). */
  focus(id: string | null): void {
    this.focused = id;
    for (const { line } of this.drawn.values()) {
      const related = id !== null && (line.getAttribute("data-to") === id || line.getAttribute("data-from") === id);
      line.classList.toggle("focus", related);
    }
    this.element.classList.toggle("has-focus", id !== null);
  }

  private isFocused(wire: Wire): boolean {
    return this.focused !== null && (String(wire.to) === this.focused || String(wire.from) === this.focused);
  }
}

function scaleBox(b: Box, k: number): Box {
  return { left: b.left * k, top: b.top * k, right: b.right * k, bottom: b.bottom * k, x: b.x * k, y: b.y * k };
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
