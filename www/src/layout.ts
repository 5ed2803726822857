// Stable positions for heap objects. Each object gets a slot (a cell of the
// heap grid) when it is allocated and keeps it for its whole life, so cards do
// not jump around while the reader steps. Slots are derived from the whole
// trace, not from the order the reader visits steps, so jumping to the end
// shows the same picture as stepping there one by one.
import type { TraceEvent } from "./engine/types";

export class SlotLayout {
  private readonly slots = new Map<number, number>();
  private size = 0;

  /**
   * @param replayed whether slots come from the trace's allocations; without
   *   them (a trace too long to replay) objects are placed by age instead.
   */
  private constructor(private readonly replayed: boolean) {}

  /**
   * Replays alloc/free events: an allocation takes the lowest free slot; a slot
   * is released only at the end of the step that freed its object, so a freed
   * card and a new one never share a cell within one step.
   */
  static fromEvents(events: readonly TraceEvent[]): SlotLayout {
    const layout = new SlotLayout(true);
    const open: number[] = []; // released slots, kept sorted ascending
    let releasing: number[] = [];
    let step = -1;
    for (const event of events) {
      if (event.step !== step) {
        step = event.step;
        for (const slot of releasing) insertSorted(open, slot);
        releasing = [];
      }
      // Interpreter-internal objects (e.g. a module's globals dict) are never
      // drawn; giving them a slot would leave a hole in the grid.
      const hidden = "internal" in event && event.internal === true;
      if (event.kind === "alloc" && typeof event.id === "number" && !hidden && !layout.slots.has(event.id)) {
        const slot = open.length > 0 ? (open.shift() as number) : layout.size++;
        layout.slots.set(event.id, slot);
      } else if (event.kind === "free" && typeof event.id === "number") {
        const slot = layout.slots.get(event.id);
        if (slot !== undefined) releasing.push(slot);
      }
    }
    return layout;
  }

  /** A layout computed elsewhere (the engine worker), from its `pairs()`. */
  static fromPairs(pairs: readonly (readonly [number, number])[]): SlotLayout {
    const layout = new SlotLayout(true);
    for (const [id, slot] of pairs) {
      layout.slots.set(id, slot);
      layout.size = Math.max(layout.size, slot + 1);
    }
    return layout;
  }

  /** For a trace too long to replay: objects in order of age, oldest first. */
  static byAge(): SlotLayout {
    return new SlotLayout(false);
  }

  pairs(): [number, number][] {
    return [...this.slots];
  }

  /**
   * Slots for the objects drawn together at one step. With a replayed trace,
   * objects it never allocated (they existed before the program started) get
   * a slot past every allocated one, for good. By age, ids (which grow with
   * each allocation) are ranked.
   */
  place(ids: readonly number[]): Map<number, number> {
    if (!this.replayed) {
      const ranked = [...new Set(ids)].sort((a, b) => a - b);
      return new Map(ranked.map((id, slot) => [id, slot]));
    }
    const placed = new Map<number, number>();
    for (const id of ids) {
      let slot = this.slots.get(id);
      if (slot === undefined) {
        slot = this.size++;
        this.slots.set(id, slot);
      }
      placed.set(id, slot);
    }
    return placed;
  }
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && (list[i - 1] as number) > value) i--;
  list.splice(i, 0, value);
}
