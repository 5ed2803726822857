// The page's drawing time: how long <gc-playground> takes to show one step of
// a heap with about 200 live objects, in headless Chromium.
//
//   node scripts/bench-page.mjs [--smoke] [--rounds N] [--window N]
//
// Serves the built page (www/dist, `make build` first) with the end-to-end
// tests' server, runs PROGRAM below and walks the last steps of its trace,
// where ~200 objects live: forward, back, then jumps, `rounds` times. Each step
// is timed by the element's own `gc-render` performance measure (the
// synchronous work of showing a step, arrows measured and routed included); a
// frame is let through between steps, as when a reader holds an arrow key.
// The live-object count of each timed step is the element's heap().
//
// Prints `key: value` lines (bench.mjs reads them): live_objects (median of
// the timed steps), live_min, live_max, cards, steps, render_median_ms,
// render_worst_ms. --smoke times three steps and checks nothing about time.
import { launch, openPlayground, run, serve } from "../tests/e2e/harness.js";

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const smoke = argv.includes("--smoke");
const rounds = smoke ? 1 : opt("--rounds", 3);
const span = smoke ? 3 : opt("--window", 30);
const jumps = smoke ? 2 : 20;

// 64 nodes (an instance, its list of links and its name each) in a chain with
// a cycle every six, then rounds of relinking and renaming, and a collection
// of one small cycle: ~197 objects live at every step of the end.
const PROGRAM = `import gc
gc.disable()


class Node:
    def __init__(self, name):
        self.name = name
        self.links = []


nodes = []
for i in range(64):
    node = Node('n' + str(i))
    if nodes:
        node.links.append(nodes[-1])
    nodes.append(node)
for i in range(0, 60, 6):
    nodes[i].links.append(nodes[i + 5])
del node
for r in range(2):
    for i in range(0, 63, 7):
        nodes[i].links.append(nodes[i + 1])
        nodes[i + 1].name = nodes[i].name + '.'
    for i in range(0, 63, 7):
        nodes[i].links.pop()
tmp = Node('t')
tmp.links.append(tmp)
del tmp
print(gc.collect())
`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const server = await serve();
const browser = await launch();
try {
  const { page, context, problems } = await openPlayground(browser, server.origin);
  const result = await run(page, PROGRAM);
  if (result.exitCode !== 0) throw new Error(`the program failed: ${result.stderr}`);
  // The window ends before the exit step (which frees everything).
  const last = result.steps - 2;
  const first = last - span + 1;
  let seed = 7;
  const jump = () => {
    seed = (seed * 48271) % 2147483647;
    return first + (seed % span);
  };
  const order = [];
  for (let r = 0; r < rounds; r++) {
    for (let s = first; s <= last; s++) order.push(s);
    for (let s = last - 1; s >= first; s--) order.push(s);
    for (let j = 0; j < jumps; j++) order.push(jump());
  }

  // Unmeasured: the first drawing of the window, and the engine's snapshots.
  await page.evaluate(async (step) => {
    const el = document.querySelector("gc-playground");
    if (!el) throw new Error("no <gc-playground> on the page");
    el.step = step;
    await el.updateComplete;
  }, first - 1);

  const samples = await page.evaluate(async (order) => {
    const el = document.querySelector("gc-playground");
    if (!el) throw new Error("no <gc-playground> on the page");
    const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const out = [];
    for (const step of order) {
      el.step = step;
      await el.updateComplete;
      const measure = performance.getEntriesByName("gc-render", "measure").at(-1);
      if (!measure) throw new Error(`step ${step} left no gc-render measure`);
      const cards = el.shadowRoot?.querySelectorAll('.card[data-state="live"]').length ?? 0;
      out.push({ step, ms: measure.duration, live: el.heap().length, cards });
      await frame();
    }
    return out;
  }, order);
  if (problems.length > 0) throw new Error(`the page reported problems:\n${problems.join("\n")}`);
  await context.close();

  const times = samples.map((s) => s.ms);
  const live = samples.map((s) => s.live);
  const figures = {
    live_objects: median(live),
    live_min: Math.min(...live),
    live_max: Math.max(...live),
    cards: median(samples.map((s) => s.cards)),
    steps: samples.length,
    render_median_ms: median(times).toFixed(2),
    render_worst_ms: Math.max(...times).toFixed(2),
  };
  for (const [key, value] of Object.entries(figures)) console.log(`${key}: ${value}`);
  if (!smoke && figures.live_min < 180) throw new Error(`the timed steps should hold ~200 live objects, some hold ${figures.live_min}`);
} finally {
  await browser.close();
  await server.close();
}
