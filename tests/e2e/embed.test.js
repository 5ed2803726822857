// @ts-check
// End-to-end tests of embedding: the demo blog post (several widgets from one
// script, and an iframe of embed.html), the iframe's hash options, the page's
// Embed dialog, hostile input, and no CSP violation anywhere.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import lz from "lz-string";
import { launch, openPlayground, screenshot, serve, violations } from "./harness.js";

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
function embedFrame(page) {
  const frame = page.frames().find((f) => f.url().includes("/embed.html"));
  assert.ok(frame, "the embed frame is on the page");
  return frame;
}

test("the demo post: every widget runs, the iframe embed too, with no CSP violation or error", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin, { path: "/blog-demo.html" });
  try {
    const widgets = page.locator("gc-playground");
    assert.ok((await widgets.count()) >= 3, "three widgets or more on one page");
    const results = await page.evaluate(async () => {
      const out = [];
      for (const el of document.querySelectorAll("gc-playground")) {
        await el.ready;
        const r = await el.run();
        out.push({ stdout: r.stdout, exitCode: r.exitCode, readonly: el.hasAttribute("readonly") });
      }
      return out;
    });
    // What CPython 3.13 prints for each (checked by hand against it when the post was written).
    assert.deepEqual(
      results.map((r) => r.stdout),
      ["2\n", "2\n", "2\n[]\n"],
    );
    assert.ok(results.every((r) => r.exitCode === 0 && r.readonly));
    // Read-only widgets never load the editor.
    const editorLoaded = await page.evaluate(() =>
      performance.getEntriesByType("resource").some((e) => /\/editor-[^/]*\.js$/.test(e.name)),
    );
    assert.equal(editorLoaded, false, "no editor download for read-only widgets");
    // The widget with step="3" showed step 3 after its automatic run.
    await page.locator("iframe").scrollIntoViewIfNeeded();
    const frame = embedFrame(page);
    await frame.waitForFunction(() => document.querySelector("gc-playground")?.shadowRoot?.querySelector(".counter")?.textContent?.startsWith("step 0 /"));
    const embedded = await frame.evaluate(async () => {
      const el = /** @type {any} */ (document.querySelector("gc-playground"));
      el.step = 1e9;
      await el.updateComplete;
      return el.shadowRoot.querySelector(".console-out").textContent;
    });
    assert.equal(embedded, "collected 6\n");
    await screenshot(page, "blog-demo");
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(await violations(frame), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("embed.html restores code, Python version and step from its hash, in a sandboxed iframe", async () => {
  const code = "a = [1]\nb = [a, a]\ndel a\nprint(len(b))\n";
  const hash = `#py=3.12&step=3&theme=dark&readonly&code=${lz.compressToEncodedURIComponent(code)}`;
  const { page, context, problems } = await openPlayground(browser, server.origin, { path: "/blog-demo.html" });
  try {
    // the frame navigates to its address a moment after the element is inserted
    const navigated = page.waitForEvent("framenavigated", (f) => f.url().includes("/embed.html#py=3.12"));
    await page.evaluate((src) => {
      const frame = document.createElement("iframe");
      frame.setAttribute("sandbox", "allow-scripts");
      frame.src = src;
      frame.style.width = "1000px";
      frame.style.height = "800px";
      document.body.prepend(frame);
    }, `${server.origin}/embed.html${hash}`);
    const frame = await navigated;
    await frame.waitForFunction(() => document.querySelector("gc-playground")?.step === 3);
    const state = await frame.evaluate(() => {
      const el = /** @type {any} */ (document.querySelector("gc-playground"));
      return { code: el.code, python: el.python, theme: el.getAttribute("theme"), readonly: el.hasAttribute("readonly"), origin: self.origin };
    });
    assert.deepEqual(state, { code, python: "3.12", theme: "dark", readonly: true, origin: "null" });
    assert.equal(await frame.locator("gc-playground .narration .where").textContent(), "line 3");
    assert.deepEqual(await violations(frame), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("hostile input stays text: markup in code and output, a huge line, a hash that is not lz-string", async () => {
  const probe = `print("<img src=x onerror=alert(1)>")\ns = "</script><script>alert(2)</script>"\nprint(s)\nx = "${"y".repeat(1_000_000)}"\n`;
  const { page, context, problems } = await openPlayground(browser, server.origin, { path: `/embed.html#code=${lz.compressToEncodedURIComponent(probe)}` });
  try {
    /** @type {string[]} */
    const dialogs = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.waitForFunction(() => /** @type {any} */ (document.querySelector("gc-playground"))?.step === 0 && document.querySelector("gc-playground")?.shadowRoot?.querySelector(".counter")?.textContent !== "step – / –", null, { timeout: 60_000 });
    const out = await page.evaluate(async () => {
      const el = /** @type {any} */ (document.querySelector("gc-playground"));
      el.step = 1e9;
      await el.updateComplete;
      return {
        text: el.shadowRoot.querySelector(".console-out").textContent,
        // (CodeMirror's own empty img.cm-widgetBuffer elements have no src)
        images: el.shadowRoot.querySelectorAll("img[src], [onerror]").length + document.querySelectorAll("img[src], [onerror]").length,
        scripts: el.shadowRoot.querySelectorAll("script").length,
      };
    });
    assert.equal(out.text, "<img src=x onerror=alert(1)>\n</script><script>alert(2)</script>\n");
    assert.equal(out.images, 0);
    assert.equal(out.scripts, 0);
    await page.goto("about:blank"); // a new document, not a hash change
    await page.goto(`${server.origin}/embed.html#code=%%%25not-lz&py=3.13`);
    await page.locator("#notice", { hasText: "could not be read" }).waitFor();
    assert.deepEqual(dialogs, []);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the page's Embed dialog gives both snippets for the current program, and they work", async () => {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  try {
    const code = "xs = [1, 2]\nxs.append(xs)\nprint(len(xs))\n";
    await page.evaluate(async (code) => {
      const el = /** @type {any} */ (document.querySelector("gc-playground"));
      el.code = code;
      el.python = "3.12";
      await el.run();
      el.step = 2;
      await el.updateComplete;
    }, code);
    await page.getByRole("button", { name: "Embed" }).click();
    const script = await page.getByRole("textbox", { name: "Script and element" }).inputValue();
    const iframe = await page.getByRole("textbox", { name: "Iframe" }).inputValue();
    assert.match(script, new RegExp(`<script type="module" src="${server.origin}/gc-playground.js"></script>`));
    assert.match(script, /<gc-playground python="3.12" readonly autorun step="2">\nxs = \[1, 2\]\nxs.append\(xs\)\nprint\(len\(xs\)\)\n<\/gc-playground>/);
    assert.match(iframe, /sandbox="allow-scripts"/);
    await screenshot(page, "embed-dialog");

    // The iframe snippet's address reopens the program at its step.
    const src = (/src="([^"]+)"/.exec(iframe)?.[1] ?? "").replaceAll("&amp;", "&");
    await page.goto(src);
    await page.waitForFunction(() => /** @type {any} */ (document.querySelector("gc-playground"))?.step === 2);
    assert.equal(await page.evaluate(() => /** @type {any} */ (document.querySelector("gc-playground")).code), code);

    // The script snippet, pasted into a page of the same site, runs the program.
    await page.goto("about:blank");
    await page.goto(`${server.origin}/embed.html`);
    const stdout = await page.evaluate(async (snippet) => {
      const holder = document.createElement("div");
      holder.innerHTML = snippet.replace(/<script[^>]*><\/script>\n/, ""); // the script is already on this page
      document.body.append(holder);
      const el = /** @type {any} */ (holder.querySelector("gc-playground"));
      await el.ready;
      await new Promise((resolve) => el.addEventListener("gc-run", resolve, { once: true }));
      return el.code;
    }, script);
    assert.equal(stdout, code);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the first render of one read-only widget transfers at most 350 KB gzip", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    // A post with one widget, as a blog would write it (the post itself is the blog's, not counted).
    await page.route(`${server.origin}/one-widget.html`, (route) =>
      route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: `<!doctype html><html><head><meta charset="utf-8"><title>one widget</title>
<script type="module" src="./gc-playground.js"></script></head><body>
<gc-playground readonly autorun step="3">
import gc
a = []
a.append(a)
del a
print(gc.collect())
</gc-playground></body></html>`,
      }),
    );
    /** @type {Map<string, number>} */
    const sizes = new Map();
    page.on("response", async (response) => {
      const url = response.url();
      if (url.endsWith("/one-widget.html")) return;
      try {
        sizes.set(url, gzipSync(await response.body(), { level: 6 }).length);
      } catch {
        // a response without a body (a redirect) transfers nothing to count
      }
    });
    await page.goto(`${server.origin}/one-widget.html`);
    // rendered: the program ran and the heap after step 3 (the list that contains itself) is drawn
    await page.waitForFunction(() => document.querySelector("gc-playground")?.shadowRoot?.querySelector(".card-head"));
    await page.waitForLoadState("networkidle");
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const list = [...sizes].map(([url, n]) => `${url.replace(server.origin, "")} ${n}`).join(", ");
    console.log(`first render of one widget: ${total} bytes gzip (${list})`);
    assert.ok(total <= 350 * 1024, `transferred ${total} bytes gzip: ${list}`);
    assert.ok(![...sizes.keys()].some((u) => u.includes("/editor-")), "no editor for a read-only widget");
  } finally {
    await context.close();
  }
});
