// @ts-check
// End-to-end tests of a collection's last move: its survivors promoted to the
// next generation. The cards of the objects whose generation went up in the
// step are marked with the generation they left and the one they joined, the
// collector's meter says where the survivors went (and, when the collection
// started, how its counts moved); the change animates only when the reader
// steps forward into it, and never under prefers-reduced-motion.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { contrastFailures, goto, launch, openPlayground, run, screenshot, serve } from "./harness.js";

/** @type {import("playwright-core").Browser} */
let browser;
/** @type {{ origin: string, close: () => Promise<void> }} */
let server;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Two young collections: `old` is promoted by the first and stays in
// generation 1 through the second, which promotes `young` and `pair`.
const CODE = `import gc
old = []
gc.collect(0)  # old survives: generation 0 -> 1
young = [old]
pair = {}
pair['self'] = pair
gc.collect(0)  # young and pair survive: 0 -> 1; old stays in 1
print(len(young), len(pair))
`;

/**
 * The steps that matter, from the engine's own trace: the step that promotes
 * the second collection's survivors, the first collection's start (when the
 * program's start-up allocations are still counted in generation 0); and the
 * objects by name.
 * @param {import("playwright-core").Page} page
 */
async function landmarks(page) {
  await run(page, CODE);
  const events = await page.evaluate(async () => {
    const el = document.querySelector("gc-playground");
    if (!el) throw new Error("no <gc-playground>");
    return /** @type {{ kind: string, step: number, upto?: number, to?: number }[]} */ (await el.trace());
  });
  // a gc_promote right after gc_start is an older generation taking the younger
  // ones in as its collection starts (here the two full collections at exit)
  const merges = events.filter((e, i) => e.kind === "gc_promote" && events[i - 1]?.kind === "gc_start");
  const promotes = events.filter((e, i) => e.kind === "gc_promote" && events[i - 1]?.kind !== "gc_start");
  const starts = events.filter((e) => e.kind === "gc_start");
  assert.deepEqual(
    merges.map((e) => [e.upto, e.to]),
    [
      [1, 2],
      [1, 2],
    ],
    "the collections at exit take generations 0 and 1 in",
  );
  assert.equal(promotes.length, 2, "both young collections promote their survivors");
  const promote = /** @type {{ step: number, upto: number, to: number }} */ (promotes[1]);
  assert.deepEqual([promote.upto, promote.to], [0, 1]);
  const start = starts[0]?.step ?? -1;
  assert.ok(start > 0 && start < (promotes[0]?.step ?? -1), "the collection starts before it promotes");
  // Names → ids from the module frame, as the heap view draws them.
  const names = await page.evaluate(async (step) => {
    const el = document.querySelector("gc-playground");
    if (!el) throw new Error("no <gc-playground>");
    el.step = step;
    await el.updateComplete;
    /** @type {Record<string, string>} */
    const ids = {};
    for (const row of el.shadowRoot?.querySelectorAll(".frame.module .var[data-name]") ?? []) {
      const name = row.getAttribute("data-name");
      const id = row.getAttribute("data-id");
      if (name && id) ids[name] = id;
    }
    return ids;
  }, promote.step);
  return { step: promote.step, start, names };
}

/**
 * What the promotion looks like on screen: the heap's motion flag, every live
 * card's generation and promotion band, the meter's note and highlighted generation.
 * @param {import("playwright-core").Page} page
 */
function promotionState(page) {
  return page.evaluate(() => {
    const root = document.querySelector("gc-playground")?.shadowRoot;
    if (!root) throw new Error("no <gc-playground>");
    const cards = [...root.querySelectorAll('.card[data-state="live"]')].map((card) => ({
      id: card.getAttribute("data-id"),
      generation: card.getAttribute("data-generation"),
      promotedFrom: card.getAttribute("data-promoted-from"),
      promoted: card.classList.contains("promoted"),
      band: card.querySelector(".promotion")?.textContent ?? null,
      to: card.querySelector(".promotion-to")?.textContent ?? null,
      gcBadge: card.querySelector(".card-foot .gc")?.textContent ?? null,
    }));
    return {
      cards,
      meter: root.querySelector(".gc-promotion")?.textContent ?? null,
      target: [...root.querySelectorAll(".gc-meter .gen.promotion-target")].map((g) => g.getAttribute("data-gen")),
    };
  });
}

/**
 * How many animations are running on the promotion bands and the meter's note.
 * @param {import("playwright-core").Page} page
 */
function runningAnimations(page) {
  return page.evaluate(() => {
    const root = document.querySelector("gc-playground")?.shadowRoot;
    if (!root) throw new Error("no <gc-playground>");
    const parts = [...root.querySelectorAll(".card.promoted, .promotion, .promotion *, .gc-promotion")];
    return {
      motion: root.querySelector(".shell")?.classList.contains("motion") ?? false,
      animations: parts.reduce((n, el) => n + el.getAnimations().length, 0),
    };
  });
}

/**
 * Clicks a step button and waits until its step is on screen.
 * @param {import("playwright-core").Page} page
 * @param {"Step forward" | "Step back"} label
 */
async function press(page, label) {
  await page.locator(`gc-playground button[aria-label="${label}"]`).click();
  await page.evaluate(() => document.querySelector("gc-playground")?.updateComplete);
}

test("survivors move to the next generation: their cards and the meter show it, animated only when stepped into", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin, { reducedMotion: "no-preference" });
  try {
    const { step, start, names } = await landmarks(page);
    const { old, young, pair } = names;
    assert.ok(old && young && pair, `the three names are drawn: ${JSON.stringify(names)}`);

    // The engine's snapshots: young and pair go from generation 0 to 1, old stays in 1.
    const gens = async (/** @type {number} */ s) =>
      Object.fromEntries((await goto(page, s)).map((o) => [String(o.id), o.generation]));
    const was = await gens(step - 1);
    const now = await gens(step);
    assert.deepEqual([was[young], was[pair], was[old]], [0, 0, 1]);
    assert.deepEqual([now[young], now[pair], now[old]], [1, 1, 1]);

    // Stepping forward into the promotion: the promoted cards are marked and animate.
    await goto(page, step - 1);
    assert.deepEqual((await promotionState(page)).cards.filter((c) => c.promoted), [], "nothing marked before the step");
    await press(page, "Step forward");
    assert.equal(await page.evaluate(() => document.querySelector("gc-playground")?.step), step);
    const forward = await promotionState(page);
    const card = (/** @type {string} */ id) => forward.cards.find((c) => c.id === id);
    for (const id of [young, pair]) {
      assert.deepEqual(
        { ...card(id), id: undefined, gcBadge: undefined },
        { id: undefined, gcBadge: undefined, generation: "1", promotedFrom: "0", promoted: true, band: "promotedgen 0→gen 1", to: "gen 1" },
        `#${id} is marked as promoted to generation 1`,
      );
    }
    // old did not move: in generation 1 before and after, its card is not marked.
    assert.deepEqual(
      { ...card(old) },
      { id: old, generation: "1", promotedFrom: null, promoted: false, band: null, to: null, gcBadge: "gen 1" },
      "an object already in generation 1 is not marked",
    );
    assert.deepEqual(
      forward.cards.filter((c) => c.promoted).map((c) => c.id).sort(),
      [young, pair].sort(),
      "only the objects whose generation went up are marked",
    );
    assert.equal(forward.meter, "survivors gen0 → gen1");
    assert.deepEqual(forward.target, ["1"]);
    const moving = await runningAnimations(page);
    assert.equal(moving.motion, true, "a step forward by one animates");
    assert.ok(moving.animations > 0, "the promotion animates");

    // A jump to the same step: the same final state, drawn at once.
    await goto(page, 0);
    await goto(page, step);
    assert.deepEqual(await promotionState(page), forward, "a jump shows the same promotion");
    assert.deepEqual(await runningAnimations(page), { motion: false, animations: 0 }, "a jump does not animate");

    // A step back into it: the same, without animation.
    await goto(page, step + 1);
    const after = await promotionState(page);
    assert.deepEqual(after.cards.filter((c) => c.promoted), [], "the next step no longer marks anyone");
    assert.equal(after.meter, null);
    assert.equal(after.cards.find((c) => c.id === young)?.gcBadge, "gen 1", "the badge now names the new generation");
    await press(page, "Step back");
    assert.deepEqual(await promotionState(page), forward, "a step back shows the same promotion");
    assert.deepEqual(await runningAnimations(page), { motion: false, animations: 0 }, "a step back does not animate");

    // Where a collection starts, the meter shows its counts moving:
    // generation 0's count reset, generation 1's up by one, as the engine reports.
    const counts = async (/** @type {number} */ s) => {
      await goto(page, s);
      return page.evaluate(() => {
        const el = document.querySelector("gc-playground");
        return (el?.shadowRoot ? [...el.shadowRoot.querySelectorAll(".gc-meter .gen")] : []).map((g) => ({
          moved: g.classList.contains("moved") ? (g.classList.contains("down") ? "down" : "up") : null,
          was: g.querySelector(".gen-was")?.textContent ?? null,
          count: g.querySelector(".gen-count")?.textContent ?? null,
        }));
      });
    };
    const atStart = await counts(start);
    assert.equal(atStart[0]?.moved, "down", "generation 0's count is reset");
    assert.equal(atStart[0]?.count, "0");
    assert.ok(Number(atStart[0]?.was) > 0, "the count it had is shown, struck");
    assert.equal(atStart[1]?.moved, "up", "generation 1 counts one more collection");
    assert.equal(Number(atStart[1]?.count), Number(atStart[1]?.was) + 1);
    assert.equal(atStart[2]?.moved, null);
    assert.deepEqual(
      (await counts(start + 1)).map((g) => g.moved),
      [null, null, null],
      "the counts are plain again on the next step",
    );
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("under prefers-reduced-motion the promotion is a still marker", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const { step, names } = await landmarks(page);
    await goto(page, step - 1);
    await press(page, "Step forward");
    const state = await promotionState(page);
    assert.deepEqual(
      state.cards.filter((c) => c.promoted).map((c) => c.id).sort(),
      [names.young, names.pair].sort(),
    );
    const { animations } = await runningAnimations(page);
    assert.equal(animations, 0, "nothing moves");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a promotion in the light and the dark theme: AA contrast, and screenshots", async () => {
  for (const colorScheme of /** @type {const} */ (["light", "dark"])) {
    const { page, context, problems } = await openPlayground(browser, server.origin, { colorScheme });
    try {
      const { step, start } = await landmarks(page);
      await goto(page, start);
      assert.deepEqual(await contrastFailures(page, ".heap"), [], `${colorScheme} theme, the counts moving at step ${start}`);
      await goto(page, step);
      assert.equal(await page.locator("gc-playground .card.promoted").count(), 2);
      assert.deepEqual(await contrastFailures(page, ".heap"), [], `${colorScheme} theme, the promotion at step ${step}`);
      await screenshot(page, `promotion-${colorScheme}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});
