// Geometry of the heap's arrows. An arrow leaves its port (the dot on the
// right edge of a name or a reference) and enters its card through the side
// facing it. A smooth curve is tried first; if it would cross another card,
// the arrow is routed instead through the gaps between cards, which the grid
// keeps free, with rounded corners.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  x: number;
  y: number;
}

export function relative(rect: DOMRect, origin: DOMRect): Box {
  const left = rect.left - origin.left;
  const top = rect.top - origin.top;
  return { left, top, right: left + rect.width, bottom: top + rect.height, x: left + rect.width / 2, y: top + rect.height / 2 };
}

type Entry = "left" | "right" | "top" | "bottom" | "under";
type Point = [number, number];
/** A cubic Bézier: start, two control points, end. */
type Cubic = [Point, Point, Point, Point];

/** Distance from a card's edge to the middle of the gap beside it (the grid gaps are 28px and more). */
const GAP = 14;

const clamp = (v: number, lo: number, hi: number): number => (lo > hi ? (lo + hi) / 2 : Math.max(lo, Math.min(hi, v)));
const f = (n: number): string => n.toFixed(1);

/**
 * The arrow from `port` into `card`. `source` is the card the port belongs to
 * (none for a frame's name); `cards` are all the cards, those two included
 * (they are not obstacles); `lane` spreads routed arrows that share a gap a
 * few pixels apart.
 */
export function wirePath(port: Box, card: Box, source: Box | null, cards: readonly Box[], lane: number): string {
  const { entry, curve } = smooth(port, card, source);
  // The curve stays inside its control points' hull: only cards overlapping that can be crossed.
  const hull = hullOf(curve);
  const blocked = cards.some((box) => box !== card && box !== source && overlaps(hull, box) && crosses(curve, box));
  if (!blocked) return cubicPath(curve);
  return roundedPath(route(port, card, source, entry, lane));
}

/** A reference from an object to itself: a loop out of the right edge and back in. */
export function selfLoop(port: Box, card: Box): string {
  const ty = card.top + 16;
  return cubicPath([
    [port.x, port.y],
    [port.x + 44, port.y],
    [card.right + 44, ty],
    [card.right, ty],
  ]);
}

function smooth(port: Box, card: Box, source: Box | null): { entry: Entry; curve: Cubic } {
  const s: Point = [port.x, port.y];
  const beside = source !== null && card.top < source.bottom && card.bottom > source.top;
  if (card.left >= port.x + 12) {
    // Ahead to the right: bend by the horizontal gap, so a far drop stays a
    // smooth S within it.
    const ty = clamp(port.y, card.top + 14, card.bottom - 14);
    const r = clamp((card.left - port.x) * 0.5, 24, 140);
    return { entry: "left", curve: [s, [port.x + r, port.y], [card.left - r, ty], [card.left, ty]] };
  }
  if (source && !beside && card.right >= port.x - 12) {
    // Same column, above or below: a bracket through the gap on the right.
    const ty = card.top > port.y ? card.top + 16 : card.bottom - 16;
    const out = clamp(Math.abs(ty - port.y) * 0.3, 22, 34);
    return { entry: "right", curve: [s, [port.x + out, port.y], [card.right + out, ty], [card.right, ty]] };
  }
  if (!beside && (card.top > port.y || card.bottom < port.y)) {
    // Below or above, to the left: into the top or the bottom.
    const below = card.top > port.y;
    const ty = below ? card.top : card.bottom;
    const tx = clamp(port.x, card.left + 16, card.right - 16);
    const r = clamp(Math.hypot(tx - port.x, ty - port.y) * 0.45, 28, 140);
    return {
      entry: below ? "top" : "bottom",
      curve: [s, [port.x + Math.min(r, 40), port.y], [tx, below ? ty - r : ty + r], [tx, ty]],
    };
  }
  // Back to the left on the same row: swing under the cards into the bottom.
  const floor = Math.max(card.bottom, source?.bottom ?? port.y) + 40;
  const tx = card.left + Math.min(28, (card.right - card.left) / 4);
  return { entry: "under", curve: [s, [port.x + 56, floor], [tx, floor], [tx, card.bottom]] };
}

/** An orthogonal path through the gaps: out of the port, along a row gap, into the card. */
function route(port: Box, card: Box, source: Box | null, entry: Entry, lane: number): Point[] {
  const shift = lane * 4;
  const x1 = port.x + GAP + shift;
  const start: Point[] = [
    [port.x, port.y],
    [x1, port.y],
  ];
  switch (entry) {
    case "left": {
      const ty = clamp(port.y, card.top + 14, card.bottom - 14);
      // The gap above or below the card's row, whichever is nearer the port.
      const above = card.top - GAP;
      const below = card.bottom + GAP;
      const gapY = (Math.abs(port.y - above) <= Math.abs(port.y - below) ? above : below) + shift;
      const x2 = card.left - GAP + shift;
      return [...start, [x1, gapY], [x2, gapY], [x2, ty], [card.left, ty]];
    }
    case "right": {
      const ty = card.top > port.y ? card.top + 16 : card.bottom - 16;
      return [...start, [x1, ty], [card.right, ty]];
    }
    case "top":
    case "bottom": {
      const below = entry === "top";
      const tx = clamp(port.x, card.left + 16, card.right - 16) + shift;
      const gapY = below ? card.top - GAP : card.bottom + GAP;
      return [...start, [x1, gapY], [tx, gapY], [tx, below ? card.top : card.bottom]];
    }
    case "under": {
      const gapY = Math.max(card.bottom, source?.bottom ?? port.y) + GAP + shift;
      const tx = card.left + Math.min(28, (card.right - card.left) / 4);
      return [...start, [x1, gapY], [tx, gapY], [tx, card.bottom]];
    }
  }
}

function cubicPath([a, b, c, d]: Cubic): string {
  return `M${f(a[0])},${f(a[1])} C${f(b[0])},${f(b[1])} ${f(c[0])},${f(c[1])} ${f(d[0])},${f(d[1])}`;
}

/** A polyline with its corners rounded off. */
function roundedPath(points: readonly Point[]): string {
  const first = points[0] as Point;
  let d = `M${f(first[0])},${f(first[1])}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1] as Point;
    const [x, y] = points[i] as Point;
    const [nx, ny] = points[i + 1] as Point;
    const r = Math.min(8, Math.hypot(x - px, y - py) / 2, Math.hypot(nx - x, ny - y) / 2);
    const inLen = Math.hypot(x - px, y - py) || 1;
    const outLen = Math.hypot(nx - x, ny - y) || 1;
    const ax = x - ((x - px) / inLen) * r;
    const ay = y - ((y - py) / inLen) * r;
    const bx = x + ((nx - x) / outLen) * r;
    const by = y + ((ny - y) / outLen) * r;
    d += ` L${f(ax)},${f(ay)} Q${f(x)},${f(y)} ${f(bx)},${f(by)}`;
  }
  const last = points[points.length - 1] as Point;
  return `${d} L${f(last[0])},${f(last[1])}`;
}

/** How far inside a card's edge a curve must pass to cross it. */
const INSET = 3;

function hullOf(curve: Cubic): { left: number; top: number; right: number; bottom: number } {
  const xs = curve.map((p) => p[0]);
  const ys = curve.map((p) => p[1]);
  return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

/** Whether the hull reaches into the part of the box a crossing curve must pass through. */
function overlaps(hull: { left: number; top: number; right: number; bottom: number }, box: Box): boolean {
  return hull.right > box.left + INSET && hull.left < box.right - INSET && hull.bottom > box.top + INSET && hull.top < box.bottom - INSET;
}

/** Whether the curve passes through the box (sampled; boxes are cards, far bigger than a step). */
function crosses([a, b, c, d]: Cubic, box: Box): boolean {
  for (let i = 1; i < 32; i++) {
    const t = i / 32;
    const u = 1 - t;
    const x = u * u * u * a[0] + 3 * u * u * t * b[0] + 3 * u * t * t * c[0] + t * t * t * d[0];
    const y = u * u * u * a[1] + 3 * u * u * t * b[1] + 3 * u * t * t * c[1] + t * t * t * d[1];
    if (x > box.left + INSET && x < box.right - INSET && y > box.top + INSET && y < box.bottom - INSET) return true;
  }
  return false;
}
