// @ts-check
// End-to-end tests of the playground's features around the heap: the gallery,
// the collector's phases, the timeline, playback, Stop, share links and the
// keyboard. Like playground.test.js, against the built page and the real engine.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { contrastFailures, goto, launch, openPlayground, run, screenshot, serve } from "./harness.js";

const GOLDEN = fileURLToPath(new URL("../corpus/golden/", import.meta.url));

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

/** @param {import("playwright-core").Page} page */
function currentStep(page) {
  return page.evaluate(() => document.querySelector("gc-playground")?.step ?? -1);
}

test("every gallery example runs to its end and prints what CPython printed", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const examples = await page.evaluate(() => document.querySelector("gc-playground")?.examples ?? []);
    const goldens = readdirSync(`${GOLDEN}3.13`).filter((f) => f.startsWith("gallery_")).sort();
    assert.ok(examples.length >= 10, `a gallery of at least 10, got ${examples.length}`);
    assert.equal(examples.length, goldens.length, "one golden per example");
    assert.match(examples[0]?.title ?? "", /list/i, "the seed article's list comes first");
    assert.match(examples[1]?.title ?? "", /dict/i, "then its two dicts");

    await run(page, null); // the page's own first run is over
    for (let i = 0; i < examples.length; i++) {
      // Opening from the menu runs the example.
      const ran = page.evaluate(
        (code) =>
          new Promise((resolve) => {
            const el = document.querySelector("gc-playground");
            const done = (/** @type {Event} */ e) => {
              const detail = /** @type {CustomEvent} */ (e).detail;
              if (detail.code !== code) return;
              el?.removeEventListener("gc-run", done);
              resolve(detail);
            };
            el?.addEventListener("gc-run", done);
          }),
        examples[i]?.code ?? "",
      );
      await page.locator("gc-playground select.examples").selectOption(String(i));
      const result = /** @type {{ stdout: string, stderr: string, exitCode: number, steps: number }} */ (await ran);
      const golden = JSON.parse(readFileSync(`${GOLDEN}3.13/${goldens[i]}`, "utf8"));
      assert.equal(result.stdout, golden.stdout, `${goldens[i]}: stdout`);
      assert.equal(result.exitCode, golden.exit, `${goldens[i]}: exit code`);
      // To the end: every step of it can be shown.
      await page.keyboard.press("End");
      await goto(page, result.steps - 1);
      const shown = await page.locator("gc-playground .console-out").textContent();
      assert.equal(shown, golden.stdout, `${goldens[i]}: the console at the last step`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a collection is shown phase by phase: gc_refs, subtracted references, the unreachable, their frees", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const code = "import gc\na = {}\nb = {}\na['b'] = b\nb['a'] = a\ndel a, b\nprint(gc.collect())\n";
    const result = await run(page, code);
    /** @type {Record<string, number>} */
    const phases = {};
    for (let s = 0; s < result.steps; s++) {
      await goto(page, s);
      const phase = await page.locator("gc-playground .gc-phase").count();
      if (phase) phases[(await page.locator("gc-playground .gc-phase").textContent()) ?? ""] = s;
    }
    assert.deepEqual(Object.keys(phases), ["update_refs", "subtract_refs", "move_unreachable", "delete_garbage"]);

    const cards = page.locator('gc-playground .card[data-state="live"][data-type="dict"]');
    await goto(page, phases.update_refs ?? -1);
    assert.deepEqual(await cards.evaluateAll((cs) => cs.map((c) => c.getAttribute("data-gc-refs"))), ["1", "1"]);

    await goto(page, phases.subtract_refs ?? -1);
    assert.deepEqual(await cards.evaluateAll((cs) => cs.map((c) => c.getAttribute("data-gc-refs"))), ["0", "0"]);
    assert.equal(await page.locator("gc-playground .wires path.wire.internal").count(), 2, "both references crossed out");
    await screenshot(page, "phase-subtract-refs");

    await goto(page, phases.move_unreachable ?? -1);
    assert.deepEqual(await cards.evaluateAll((cs) => cs.map((c) => c.getAttribute("data-gc-mark"))), ["unreachable", "unreachable"]);

    await goto(page, phases.delete_garbage ?? -1);
    const freed = page.locator('gc-playground .card[data-state="freed"][data-cause="gc"]');
    assert.equal(await freed.count(), 2);
    assert.equal(await freed.first().locator(".cause").textContent(), "cycle collector");
    await screenshot(page, "phase-delete-garbage");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("stepping back restores the exact earlier heap", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const result = await run(page, null); // the default example
    /** @type {unknown[]} */
    const heaps = [];
    for (let s = 0; s < result.steps; s++) heaps.push(await goto(page, s));
    for (let s = result.steps - 1; s >= 0; s--) {
      assert.deepEqual(await goto(page, s), heaps[s], `step ${s} going back`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a step is drawn in place: a card stays the same element while its object lives, and every way to a step draws it alike", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const result = await run(page, null); // the default example: allocations, frees, a collection's phases
    // The heap as markup, attributes in a fixed order (an updated element may have them in another).
    const drawing = () =>
      page.evaluate(() => {
        /** @param {Node} node @returns {string} */
        const text = (node) => {
          if (!(node instanceof Element)) return node.textContent ?? "";
          const attrs = [...node.attributes].map((a) => `${a.name}="${a.value}"`).sort().join(" ");
          return `<${node.localName} ${attrs}>${[...node.childNodes].map(text).join("")}</${node.localName}>`;
        };
        const heap = document.querySelector("gc-playground")?.shadowRoot?.querySelector(".heap");
        return heap ? text(heap) : "";
      });
    /** @type {string[]} */
    const forward = [];
    for (let s = 0; s < result.steps; s++) {
      await goto(page, s);
      forward.push(await drawing());
    }
    for (let s = result.steps - 1; s >= 0; s--) {
      await goto(page, s);
      assert.equal(await drawing(), forward[s], `step ${s} reached going back`);
    }
    for (const s of [result.steps - 2, 3, result.steps - 5, 1]) {
      await goto(page, s);
      assert.equal(await drawing(), forward[s], `step ${s} reached by a jump`);
    }

    // object_1's card, from its allocation to `del`: one element, updated as its refcount moves.
    const card = async () =>
      page.evaluate(() => {
        const root = document.querySelector("gc-playground")?.shadowRoot;
        const id = root?.querySelector('.var[data-name="object_1"]')?.getAttribute("data-id");
        const el = /** @type {(Element & { mark?: number }) | null | undefined} */ (root?.querySelector(`.card[data-id="${id}"]`));
        if (!el) return null;
        el.mark ??= Math.random();
        return { mark: el.mark, refcount: el.getAttribute("data-refcount") };
      });
    /** @type {{ mark: number, refcount: string | null }[]} */
    const seen = [];
    for (let s = 0; s < result.steps; s++) {
      await goto(page, s);
      const c = await card();
      if (c) seen.push(c);
    }
    assert.ok(seen.length >= 3, `object_1 drawn over several steps: ${seen.length}`);
    assert.equal(new Set(seen.map((c) => c.mark)).size, 1, "the same card element at every step");
    assert.deepEqual([...new Set(seen.map((c) => c.refcount))], ["1", "2"], "its refcount updated in place");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the timeline charts live objects and scrubs through the steps", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const result = await run(page, "import gc\nxs = []\nfor i in range(30):\n    xs.append([i])\ndel xs\ngc.collect()\n");
    const slider = page.locator("gc-playground .timeline-slider");
    assert.equal(await slider.getAttribute("max"), String(result.steps - 1));
    // xs, its 30 lists and the range's iterator
    assert.match((await page.locator("gc-playground .timeline .col-title").textContent()) ?? "", /peak 32/);
    await slider.focus();
    await page.keyboard.press("End");
    await page.evaluate(() => document.querySelector("gc-playground")?.updateComplete);
    assert.equal(await currentStep(page), result.steps - 1);
    await page.keyboard.press("ArrowLeft");
    await page.evaluate(() => document.querySelector("gc-playground")?.updateComplete);
    assert.equal(await currentStep(page), result.steps - 2);
    // A click in the middle of the chart goes to a step near the middle.
    const box = await slider.boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(() => document.querySelector("gc-playground")?.updateComplete);
    const middle = await currentStep(page);
    assert.ok(Math.abs(middle - (result.steps - 1) / 2) <= result.steps * 0.1, `near the middle: ${middle} of ${result.steps}`);
    await screenshot(page, "timeline");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the keyboard drives everything: steps, play and pause, collections, help", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const result = await run(page, null);
    await page.locator("gc-playground .counter").focus();
    const key = async (/** @type {string} */ k) => {
      await page.keyboard.press(k);
      await page.evaluate(() => document.querySelector("gc-playground")?.updateComplete);
    };
    await key("ArrowRight");
    assert.equal(await currentStep(page), 1);
    await key("End");
    assert.equal(await currentStep(page), result.steps - 1);
    await key("Home");
    assert.equal(await currentStep(page), 0);
    await key("]");
    const collection = await currentStep(page);
    assert.ok(collection > 0, "] goes to the collection");
    assert.equal(await page.locator("gc-playground .narration").textContent().then((t) => /collect/.test(t ?? "")), true);
    await key("Home");

    // Space plays: the step advances by itself, and Space again pauses.
    await page.locator('gc-playground select.speed').selectOption("60");
    await page.locator("gc-playground .counter").focus();
    await key(" ");
    await page.waitForFunction(() => (document.querySelector("gc-playground")?.step ?? 0) >= 3);
    await key(" ");
    const paused = await currentStep(page);
    await page.waitForTimeout(200);
    assert.equal(await currentStep(page), paused, "paused");
    assert.equal(await page.getByRole("button", { name: "Play" }).count(), 1);

    await key("?");
    const dialog = page.locator("gc-playground dialog.help-dialog");
    assert.equal(await dialog.evaluate((d) => /** @type {HTMLDialogElement} */ (d).open), true);
    assert.match((await dialog.textContent()) ?? "", /Next collection/);
    await screenshot(page, "help");
    await page.keyboard.press("Escape");
    assert.equal(await dialog.evaluate((d) => /** @type {HTMLDialogElement} */ (d).open), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("Stop ends a program that never finishes, and the next run works", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const running = page.evaluate(async () => {
      const el = document.querySelector("gc-playground");
      if (!el) throw new Error("no <gc-playground>");
      el.code = "n = 0\nwhile True:\n    n += 1\n";
      return el.run().then(
        () => "finished",
        (e) => `rejected: ${e.message}`,
      );
    });
    const stop = page.getByRole("button", { name: "Stop" });
    await stop.waitFor();
    await page.waitForTimeout(300);
    await stop.click();
    assert.match(await running, /^rejected/);
    assert.match((await page.locator("gc-playground .status").textContent()) ?? "", /Stopped/);
    await page.evaluate(() => document.querySelector("gc-playground")?.ready);
    const result = await run(page, "print('after')\n");
    assert.equal(result.stdout, "after\n");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("a share link restores the code, the Python version and the step; a broken one says so", async () => {
  const first = await openPlayground(browser, server.origin);
  let hash = "";
  try {
    const { page } = first;
    await page.locator("gc-playground select.python").selectOption("3.12");
    const result = await run(page, "a = [1]\nb = [a, a]\ndel a\nprint(len(b))\n");
    await goto(page, 3);
    await page.waitForFunction(() => location.hash.includes("step=3"));
    hash = await page.evaluate(() => location.hash);
    assert.ok(result.steps > 3);
    assert.deepEqual(first.problems, []);
  } finally {
    await first.context.close();
  }

  const second = await openPlayground(browser, server.origin, { path: `/${hash}` });
  try {
    const { page } = second;
    await page.waitForFunction(() => document.querySelector("gc-playground")?.step === 3);
    const state = await page.evaluate(() => {
      const el = document.querySelector("gc-playground");
      return { code: el?.code, python: el?.python };
    });
    assert.deepEqual(state, { code: "a = [1]\nb = [a, a]\ndel a\nprint(len(b))\n", python: "3.12" });
    assert.equal(await page.locator("gc-playground .narration .where").textContent(), "line 3");
    assert.deepEqual(second.problems, []);
  } finally {
    await second.context.close();
  }

  const broken = await openPlayground(browser, server.origin, { path: "/#py=3.13&code=%%%not-lz" });
  try {
    const { page } = broken;
    await page.locator("#notice", { hasText: "could not be read" }).waitFor();
    const code = await page.evaluate(() => document.querySelector("gc-playground")?.code ?? "");
    assert.match(code, /object_1\['obj2'\] = object_2/, "the default example");
    assert.deepEqual(broken.problems, []);
  } finally {
    await broken.context.close();
  }
});

test("by type, gc.freeze()'s objects are counted in a permanent column", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const code = "import gc\nxs = [[i] for i in range(300)]\ngc.freeze()\nys = [[] for i in range(5)]\nx = 1\n";
    await run(page, code);
    await goto(page, 5); // after `x = 1`, before the exit
    const heads = await page.locator("gc-playground .by-type thead th").allTextContents();
    assert.deepEqual(heads.slice(3, 7), ["gen 0", "gen 1", "gen 2", "permanent"]);
    const cells = await page.locator('gc-playground .by-type tr[data-type="list"] td').allTextContents();
    // live, bar, gen 0, gen 1, gen 2, permanent, untracked
    assert.deepEqual([cells[0], cells[2], cells[3], cells[4], cells[5], cells[6]], ["307", "6", "0", "0", "301", "0"]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("past 200 live objects the heap is shown by type, with cards on request", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const result = await run(page, "import gc\ngc.disable()\nxs = [[i] for i in range(300)]\nx = 1\n");
    await goto(page, result.steps - 2); // after `x = 1`, before the exit
    const row = page.locator('gc-playground .by-type tr[data-type="list"]');
    assert.equal(await row.getAttribute("data-live"), "301");
    assert.equal(await page.locator("gc-playground .gc-meter .gc-off").textContent(), "disabled");
    await screenshot(page, "by-type");
    await page.getByRole("button", { name: "Show cards" }).click();
    const cards = page.locator('gc-playground .card[data-state="live"]');
    assert.ok((await cards.count()) >= 100, "the first cells are drawn as cards");
    await page.getByRole("button", { name: "Show by type" }).click();
    assert.equal(await row.count(), 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the heap zooms out to more columns and back, its arrows still joined", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const result = await run(page, "a = [1]\nb = [a]\nc = [b]\nd = {'c': c}\nx = 1\n");
    await goto(page, result.steps - 2);
    const wires = page.locator("gc-playground .wires path.wire");
    const count = await wires.count();
    assert.ok(count >= 7, `names and references drawn: ${count}`);
    await page.getByRole("button", { name: "Zoom out" }).click();
    assert.equal(await page.getByRole("button", { name: "Reset the zoom" }).textContent(), "80%");
    assert.equal(await wires.count(), count);
    // Each arrow still ends at its card: the last point of the path lies on the card's box (in stage units).
    const joined = await page.evaluate(() => {
      const root = document.querySelector("gc-playground")?.shadowRoot;
      const stage = root?.querySelector(".stage");
      if (!root || !stage) return false;
      const s = stage.getBoundingClientRect();
      const z = s.width / /** @type {HTMLElement} */ (stage).offsetWidth;
      return [...root.querySelectorAll("path.wire")].every((p) => {
        const path = /** @type {SVGPathElement} */ (p);
        const end = path.getPointAtLength(path.getTotalLength());
        const card = root.querySelector(`.card[data-id="${path.getAttribute("data-to")}"]`);
        if (!card) return false;
        const r = card.getBoundingClientRect();
        const x = s.left + end.x * z;
        const y = s.top + end.y * z;
        return x >= r.left - 3 && x <= r.right + 3 && y >= r.top - 3 && y <= r.bottom + 3;
      });
    });
    assert.ok(joined, "every arrow ends on its card when zoomed");
    await screenshot(page, "zoomed-out");
    await page.getByRole("button", { name: "Reset the zoom" }).click();
    assert.equal(await page.getByRole("button", { name: "Reset the zoom" }).textContent(), "100%");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("text meets WCAG AA contrast in the light and the dark theme", async () => {
  for (const colorScheme of /** @type {const} */ (["light", "dark"])) {
    const { page, context, problems } = await openPlayground(browser, server.origin, { colorScheme });
    try {
      const result = await run(page, null);
      // A step with cards, a freed object and output, then a collection phase.
      for (const step of [5, result.steps - 4]) {
        await goto(page, step);
        const failures = await contrastFailures(page);
        assert.deepEqual(failures, [], `${colorScheme} theme, step ${step}`);
      }
      // every kind of token on the highlighted lines: the one that ran and the next
      await run(page, "x = [1, 2.5, 'a', None]  # a comment\nif x and len(x) > 3:\n    y = x\n");
      for (const step of [1, 2]) {
        await goto(page, step);
        assert.deepEqual(await contrastFailures(page), [], `${colorScheme} theme, tokens, step ${step}`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test("a memory bomb ends in MemoryError in the page, which stays usable", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const bomb = await run(page, "x = []\nwhile True:\n    x.append([0] * 1000)\n");
    assert.equal(bomb.exitCode, 1);
    assert.match(bomb.stderr, /\nMemoryError\n$/);
    await page.keyboard.press("End");
    await goto(page, bomb.steps - 1);
    assert.match((await page.locator("gc-playground .console-out").textContent()) ?? "", /MemoryError/);
    const after = await run(page, "print('still here')\n");
    assert.equal(after.stdout, "still here\n");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
