// @ts-check
// Shared set-up for the end-to-end tests: a static server for the built page
// (www/dist) on a free loopback port, Debian's Chromium driven by
// playwright-core, and a page wrapper that records every console error, page
// error and request to another host, so each test can assert there were none.
import { createServer } from "node:http";
import { mkdirSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const DIST = fileURLToPath(new URL("../../www/dist/", import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));

/** Debian's Chromium; playwright-core never downloads a browser of its own. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** @type {Record<string, string>} */
const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `root` on 127.0.0.1 at a port the OS picks.
 * @param {string} [root]
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function serve(root = DIST) {
  const base = resolve(root);
  try {
    await stat(join(base, "index.html"));
  } catch {
    throw new Error(`${join(base, "index.html")} is missing: run "npm run build" first.`);
  }
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let path = resolve(base, "." + decodeURIComponent(url.pathname));
      // Never serve anything outside the build directory.
      if (path !== base && !path.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, "index.html");
      const body = await readFile(path);
      res.writeHead(200, {
        "Content-Type": MIME[extname(path)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        // As GitHub Pages does: a sandboxed embed (an opaque origin) loads the scripts with CORS.
        "Access-Control-Allow-Origin": "*",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok(undefined));
      }),
  };
}

/** @returns {Promise<import("playwright-core").Browser>} */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * @typedef {object} Opened
 * @property {import("playwright-core").Page} page
 * @property {import("playwright-core").BrowserContext} context
 * @property {string[]} problems console errors, page errors, failed requests, requests to other hosts
 */

/**
 * The Content-Security-Policy violations a frame has reported (openPlayground records them in every frame).
 * @param {import("playwright-core").Frame | import("playwright-core").Page} frame
 * @returns {Promise<string[]>}
 */
export function violations(frame) {
  return frame.evaluate(() => /** @type {any} */ (window).cspViolations ?? []);
}

/**
 * Puts `code` in the page's first playground (or keeps its current code), runs
 * it and waits until step 0 is on screen.
 * @param {import("playwright-core").Page} page
 * @param {string | null} code
 */
export function run(page, code) {
  return page.evaluate(async (code) => {
    const el = document.querySelector("gc-playground");
    if (!el) throw new Error("no <gc-playground> on the page");
    if (code !== null) el.code = code;
    const result = await el.run();
    await el.updateComplete;
    return result;
  }, code);
}

/**
 * Shows `step` in the page's first playground, waits for it and returns its heap.
 * @param {import("playwright-core").Page} page
 * @param {number} step
 */
export function goto(page, step) {
  return page.evaluate(async (step) => {
    const el = document.querySelector("gc-playground");
    if (!el) throw new Error("no <gc-playground> on the page");
    el.step = step;
    await el.updateComplete;
    return el.heap();
  }, step);
}

/**
 * Opens a page of the site (the playground's by default) in a fresh context,
 * recording problems and CSP violations, and waits for its engine to load.
 * @param {import("playwright-core").Browser} browser
 * @param {string} origin
 * @param {{ colorScheme?: "light" | "dark", width?: number, height?: number, path?: string, reducedMotion?: "reduce" | "no-preference" }} [options]
 * @returns {Promise<Opened>}
 */
export async function openPlayground(browser, origin, options = {}) {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "light",
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    // Still pictures by default; a test of the animations themselves asks for motion.
    reducedMotion: options.reducedMotion ?? "reduce",
  });
  await context.addInitScript(() => {
    /** @type {string[]} */
    const seen = [];
    Object.defineProperty(window, "cspViolations", { value: seen });
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // A request cut short because the test navigated away (net::ERR_ABORTED) is not a fault of the page;
  // a missing file still shows as a response of 400 or more.
  page.on("requestfailed", (req) => {
    const error = req.failure()?.errorText ?? "";
    if (!error.includes("ERR_ABORTED")) problems.push(`request failed: ${req.url()} ${error}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`response ${res.status()}: ${res.url()}`);
  });
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(origin + "/") && !url.startsWith("data:") && !url.startsWith("blob:")) {
      problems.push(`request to another host: ${url}`);
    }
  });
  await page.goto(origin + (options.path ?? "/"));
  await page.evaluate(() => document.querySelector("gc-playground")?.ready);
  return { page, context, problems };
}

/**
 * Writes a full-page screenshot to tests/e2e/screenshots/NAME.png.
 * @param {import("playwright-core").Page} page
 * @param {string} name
 */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The text of the page's first playground that falls below WCAG AA contrast
 * (4.5:1, 3:1 when large) against what is behind it, as "ratio text in .class";
 * only inside the element `within` selects, when given.
 * @param {import("playwright-core").Page} page
 * @param {string} [within]
 * @returns {Promise<string[]>}
 */
export function contrastFailures(page, within) {
  return page.evaluate((within) => {
    /** @param {string} c */
    const rgba = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
    /** @param {number[]} c */
    const lum = ([r = 0, g = 0, b = 0]) => {
      const f = (/** @type {number} */ v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    /** The colour behind an element: the nearest opaque background, blending translucent ones over it. */
    const background = (/** @type {Element} */ el) => {
      /** @type {number[][]} */
      const layers = [];
      for (let e = /** @type {Element | null} */ (el); e; e = e.parentElement ?? /** @type {ShadowRoot} */ (e.getRootNode()).host ?? null) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if ((c[3] ?? 1) > 0) layers.push(c);
        if ((c[3] ?? 1) >= 1) break;
        if (e === document.documentElement) break;
      }
      let base = [255, 255, 255];
      if (layers.length && (layers[layers.length - 1]?.[3] ?? 1) < 1) base = matchMedia("(prefers-color-scheme: dark)").matches ? [14, 17, 22] : [246, 247, 249];
      for (const l of layers.reverse()) {
        const a = l[3] ?? 1;
        base = base.map((v, i) => (l[i] ?? 0) * a + v * (1 - a));
      }
      return base;
    };
    const shadow = document.querySelector("gc-playground")?.shadowRoot;
    const root = within ? shadow?.querySelector(within) : shadow;
    if (!root) return [`no ${within ?? "playground"}`];
    /** @type {string[]} */
    const bad = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !(n.textContent ?? "").trim()) continue;
      if (el.closest("button:disabled, select:disabled, [aria-hidden=true], .card.freed, option, dialog:not([open])")) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || el.getClientRects().length === 0) continue;
      const fg = rgba(style.color);
      const opacity = Number(style.opacity);
      const bg = background(el);
      const a = (fg[3] ?? 1) * opacity;
      const mixed = bg.map((v, i) => (fg[i] ?? 0) * a + v * (1 - a));
      const [hi, lo] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
      const ratio = ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
      const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) bad.push(`${ratio.toFixed(2)} "${(n.textContent ?? "").trim().slice(0, 24)}" in .${el.className}`);
    }
    return [...new Set(bad)];
  }, within);
}
