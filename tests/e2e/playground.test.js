// @ts-check
// End-to-end tests of the built page (www/dist) with the real engine, in
// Debian's Chromium. Run `npm run build` first, then `npm run test:e2e`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPlayground, run, screenshot, serve } from "./harness.js";

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

/**
 * Presses a key (the focus is on a step button) and waits for the step counter
 * to change.
 * @param {import("playwright-core").Page} page
 * @param {string} key
 */
async function press(page, key) {
  const counter = page.locator("gc-playground .counter");
  const before = await counter.textContent();
  await page.keyboard.press(key);
  await page.waitForFunction(
    (before) => document.querySelector("gc-playground")?.shadowRoot?.querySelector(".counter")?.textContent !== before,
    before,
  );
  await page.evaluate(() => document.querySelector("gc-playground")?.updateComplete);
}

/** @param {import("playwright-core").Page} page */
function where(page) {
  return page.locator("gc-playground .narration .where").textContent();
}

test("a list deleted by its only name is freed by its refcount reaching 0", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const result = await run(page, "lst = []\ndel lst\n");
    assert.equal(result.exitCode, 0);
    assert.equal(result.stderr, "");
    assert.ok(result.steps >= 3, `expected a step per statement, got ${result.steps}`);

    const forward = page.getByRole("button", { name: "Step forward" });
    await forward.click();
    await page.locator("gc-playground .narration .where", { hasText: /^line 1$/ }).waitFor();

    const live = page.locator('gc-playground .card[data-state="live"][data-type="list"]');
    await live.waitFor();
    assert.equal(await live.count(), 1);
    assert.equal(await live.locator(".refcount-value").textContent(), "1");
    assert.equal(await page.locator("gc-playground .cm-line.gc-line-ran").textContent(), "lst = []");
    // The name in the module frame points at the card.
    assert.equal(await page.locator('gc-playground .frame .var[data-name="lst"]').count(), 1);
    assert.equal(await page.locator("gc-playground .wires path.wire.var").count(), 1);
    const heapAfterLine1 = await page.evaluate(() => document.querySelector("gc-playground")?.heap() ?? []);
    assert.equal(heapAfterLine1.filter((o) => o.type === "list").length, 1);

    await forward.click();
    const freed = page.locator('gc-playground .card[data-state="freed"][data-type="list"]');
    await freed.waitFor();
    assert.equal(await freed.locator(".cause").textContent(), "refcount reached 0");
    assert.equal(await live.count(), 0);
    assert.equal(await where(page), "line 2");
    assert.equal(await page.locator("gc-playground .cm-line.gc-line-ran").textContent(), "del lst");

    const heap = await page.evaluate(() => document.querySelector("gc-playground")?.heap() ?? []);
    assert.deepEqual(
      heap.filter((o) => o.type === "list"),
      [],
    );
    const trace = await page.evaluate(() => document.querySelector("gc-playground")?.trace());
    assert.ok(
      trace?.some((e) => e.kind === "free" && "cause" in e && e.cause === "refcount"),
      "the trace has the free event",
    );

    await screenshot(page, "list-freed");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the default example: a reference cycle outlives del and the cycle collector frees it", async () => {
  for (const scheme of /** @type {const} */ (["light", "dark"])) {
    const { page, context, problems } = await openPlayground(browser, server.origin, { colorScheme: scheme });
    try {
      const result = await run(page, null); // the page's default example
      assert.equal(result.exitCode, 0);

      // Step with the keyboard until `del object_1, object_2` has run.
      await page.getByRole("button", { name: "Step forward" }).focus();
      for (let i = 0; i < 40 && (await where(page)) !== "line 12"; i++) await press(page, "ArrowRight");
      assert.equal(await where(page), "line 12");

      const dicts = page.locator('gc-playground .card[data-state="live"][data-type="dict"]');
      assert.equal(await dicts.count(), 2, "both dicts are still alive: each is referenced by the other");
      for (const rc of await dicts.locator(".refcount-value").allTextContents()) assert.equal(rc, "1");
      assert.equal(await page.locator("gc-playground .wires path.wire.ref").count(), 2);
      await screenshot(page, `cycle-${scheme}`);

      // gc.collect() runs phase by phase: step to the phase that frees the cycle
      const freeStep = await page.evaluate(async () => {
        const el = /** @type {any} */ (document.querySelector("gc-playground"));
        const events = await el.trace();
        return events.find((/** @type {any} */ e) => e.kind === "free" && e.cause === "gc").step;
      });
      while (Number((await page.locator("gc-playground .counter").textContent())?.split(" ")[1]) < freeStep) {
        await press(page, "ArrowRight");
      }
      const collected = page.locator('gc-playground .card[data-state="freed"][data-type="dict"][data-cause="gc"]');
      await collected.nth(1).waitFor();
      assert.equal(await where(page), "line 14");
      assert.match((await page.locator("gc-playground .narration").textContent()) ?? "", /delete_garbage/);
      assert.equal(await collected.count(), 2);
      for (const cause of await collected.locator(".cause").allTextContents()) assert.equal(cause, "cycle collector");
      await press(page, "End");
      assert.equal(await page.locator("gc-playground .console-out").textContent(), result.stdout);
      await screenshot(page, `collected-${scheme}`);

      await press(page, "Home");
      assert.equal(await page.locator("gc-playground .counter").textContent(), `step 0 / ${result.steps - 1}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test("at 360 px the panels stack and nothing overflows sideways", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin, { width: 360, height: 780 });
  try {
    const result = await run(page, null);
    await page.evaluate(
      async (step) => {
        const el = document.querySelector("gc-playground");
        if (!el) return;
        el.step = step;
        await el.updateComplete;
      },
      result.steps - 1,
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    await screenshot(page, "narrow-360");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("program text and output are shown as text, errors in the console and the status", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  /** @type {string[]} */
  const dialogs = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  try {
    const markup = '<img src=x onerror="alert(1)">';
    const result = await run(page, `s = '${markup}'\nprint(s)\nprint(undefined_name)\n`);
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /NameError/);

    await page.getByRole("button", { name: "Go to end" }).click();
    await page.locator("gc-playground .console-out .stderr", { hasText: "NameError" }).waitFor();
    assert.equal(await page.locator("gc-playground img").count(), 0, "markup in the program never becomes elements");
    const output = await page.locator("gc-playground .console-out").textContent();
    assert.ok(output?.startsWith(markup + "\n"), `console shows the markup as text: ${output}`);
    assert.match((await page.locator("gc-playground .status").textContent()) ?? "", /NameError/);
    assert.equal(await page.locator("gc-playground .cm-line.gc-line-error").count(), 1);

    // Editing the code makes the trace stale: stepping waits for the next Run.
    await page.locator("gc-playground .cm-content").click();
    await page.keyboard.press("End");
    await page.keyboard.type("  # edited");
    assert.equal(await page.getByRole("button", { name: "Go to start" }).isDisabled(), true);
    assert.match((await page.locator("gc-playground .narration .text").textContent()) ?? "", /changed/);

    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
