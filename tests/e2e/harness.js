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
 * @param {{ colorScheme?: "light" | "dark", width?: number, height?: number, path?: string }} [options]
 * @returns {Promise<Opened>}
 */
export async function openPlayground(browser, origin, options = {}) {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "light",
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    reducedMotion: "reduce",
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
