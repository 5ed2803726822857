// `make bench`: the programs in bench/ under four runners, interleaved,
// repeated, with medians; a table on stdout and target/bench/results.json.
//
//   node scripts/bench.mjs [--reps N] [--smoke] [--only NAME[,NAME]] [--runners a,b]
//
// Runners: gcplay_native (the release CLI, `gcplay run`), gcplay_wasm (the
// page's module in www/pkg under node), cpython (CPython 3.13.0 from pyenv,
// -S, PYTHONHASHSEED=0), pyodide (npm pyodide under node, offline). Each
// program times itself with time.perf_counter() and prints `ms: …` (and other
// `key: value` figures); that is what is reported. trace_seek_1m is also run
// in wasm with the page's trace recorded, then timed moving to 1,000 random
// steps (snapshot(step)).
//
// The page's own drawing time comes from scripts/bench-page.mjs (the built
// page in headless Chromium, www/dist); it fills `page_render`.
//
// --smoke runs every program once with a tiny N, checks that each runner
// printed its figures, and times nothing (make test runs it).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const smoke = argv.includes("--smoke") || process.env.BENCH_SMOKE === "1";
const reps = smoke ? 1 : Number(opt("--reps", process.env.BENCH_REPS ?? "5"));
const only = opt("--only", process.env.BENCH_ONLY ?? "")
  .split(",")
  .filter(Boolean);
const runnerNames = opt("--runners", process.env.BENCH_RUNNERS ?? "gcplay_native,gcplay_wasm,cpython,pyodide")
  .split(",")
  .filter(Boolean);

/** The tiny sizes of the smoke run (each program's `N = …` line is rewritten). */
const SMOKE_N = { collect_cycles_1m: 2000, alloc_churn_1m: 2000, instances_auto_gc: 3, trace_seek_1m: 4000 };
/** Benchmarks whose wasm run records the page's trace and measures seeks. */
const TRACED = new Set(["trace_seek_1m"]);

const outDir = path.join(root, "target/bench");
const srcDir = path.join(outDir, smoke ? "smoke" : "src");
mkdirSync(srcDir, { recursive: true });

const programs = readdirSync(path.join(root, "bench"))
  .filter((f) => f.endsWith(".py"))
  .map((f) => f.slice(0, -3))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();
const files = {};
const gcplayFiles = {};
for (const name of programs) {
  let code = readFileSync(path.join(root, "bench", `${name}.py`), "utf8");
  if (smoke) {
    if (!/^N = .*$/m.test(code)) throw new Error(`bench/${name}.py has no \`N = …\` line for the smoke run`);
    code = code.replace(/^N = .*$/m, `N = ${SMOKE_N[name] ?? 100}`);
  }
  files[name] = path.join(srcDir, `${name}.py`);
  writeFileSync(files[name], code);
  // gcplay refuses what it does not model (sys.getsizeof): its runners stop at the marker
  const cut = code.indexOf("# --- CPython only");
  gcplayFiles[name] = path.join(srcDir, `${name}.gcplay.py`);
  writeFileSync(gcplayFiles[name], cut < 0 ? code : code.slice(0, cut));
}

let python313 = null;
const pyenvPython = () => {
  python313 ??= path.join(
    execFileSync("pyenv", ["prefix", "3.13.0"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(),
    "bin/python3",
  );
  return python313;
};
const native = path.join(root, "target/release/gcplay");
const node = process.execPath;
const RUNNERS = {
  gcplay_native: (name) => [native, ["run", "--max-steps", "100000000", gcplayFiles[name]]],
  gcplay_wasm: (name) => [
    node,
    [path.join(root, "scripts/bench-wasm.mjs"), gcplayFiles[name], ...(TRACED.has(name) ? ["--trace"] : [])],
  ],
  cpython: (name) => [pyenvPython(), ["-S", files[name]]],
  pyodide: (name) => [node, [path.join(root, "scripts/bench-pyodide.mjs"), files[name]]],
};
for (const r of runnerNames) if (!RUNNERS[r]) throw new Error(`unknown runner ${r}`);
if (smoke && runnerNames.includes("cpython")) {
  // the smoke run belongs to `make test`: without pyenv's 3.13.0 it says so and goes on
  try {
    pyenvPython();
  } catch {
    console.log("bench smoke: CPython 3.13.0 (pyenv) not found, its runner skipped");
    runnerNames.splice(runnerNames.indexOf("cpython"), 1);
  }
}

/** Run one program under one runner: its `key: value` figures. */
function runOnce(runner, name) {
  const [cmd, args] = RUNNERS[runner](name);
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PYTHONHASHSEED: "0" },
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) {
    throw new Error(`${runner} ${name} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  const figures = {};
  for (const line of r.stdout.split("\n")) {
    const m = /^([a-z_]+): (-?[0-9.e+-]+)$/.exec(line.trim());
    if (m) figures[m[1]] = Number(m[2]);
  }
  if (!Number.isFinite(figures.ms)) throw new Error(`${runner} ${name} printed no \`ms:\` figure:\n${r.stdout}`);
  return figures;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// interleaved: each repetition runs every program under every runner, the
// runners' order turning from one repetition to the next
const samples = {};
for (let rep = 0; rep < reps; rep++) {
  for (const name of programs) {
    const order = runnerNames.map((_, i) => runnerNames[(i + rep) % runnerNames.length]);
    for (const runner of order) {
      const f = runOnce(runner, name);
      for (const [k, v] of Object.entries(f)) ((samples[name] ??= {})[runner] ??= {})[k] ??= [];
      for (const [k, v] of Object.entries(f)) samples[name][runner][k].push(v);
      if (!smoke) process.stderr.write(`rep ${rep + 1}/${reps} ${name} ${runner}: ${f.ms.toFixed(1)} ms\n`);
    }
  }
}

const med = (name, runner, key) => {
  const xs = samples[name]?.[runner]?.[key];
  return xs && xs.length ? median(xs) : null;
};
const round = (x, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

// gcplay's memory per object: the wasm module's peak memory with N lists
// against N/2 (the module's memory only grows, so it is the peak of the run)
let heapPerObject = null;
if (!smoke && files.collect_cycles_1m && runnerNames.includes("gcplay_wasm")) {
  // (gcplay's copy of the program: without its CPython-only tail)
  const full = readFileSync(gcplayFiles.collect_cycles_1m, "utf8");
  const n = Number(/^N = ([0-9_]+)/m.exec(full)[1].replaceAll("_", ""));
  const half = path.join(srcDir, "collect_cycles_half.gcplay.py");
  writeFileSync(half, full.replace(/^N = .*$/m, `N = ${n / 2}`));
  gcplayFiles.collect_cycles_half = half;
  const big = med("collect_cycles_1m", "gcplay_wasm", "wasm_memory_bytes");
  const small = runOnce("gcplay_wasm", "collect_cycles_half").wasm_memory_bytes;
  heapPerObject = (big - small) / (n / 2);
}

const benchmarks = {};
for (const name of programs) {
  const b = {};
  for (const r of ["gcplay_native", "gcplay_wasm", "cpython", "pyodide"]) b[`${r}_ms`] = round(med(name, r, "ms"), 2);
  if (name === "collect_cycles_1m") {
    b.cpython_bytes_per_object = med(name, "cpython", "bytes_per_object");
    b.pyodide_bytes_per_object = med(name, "pyodide", "bytes_per_object");
    b.gcplay_wasm_bytes_per_object = round(heapPerObject, 1);
    b.gcplay_wasm_memory_bytes = med(name, "gcplay_wasm", "wasm_memory_bytes");
  }
  if (TRACED.has(name)) {
    for (const k of ["record_ms", "seek_worst_ms", "seek_median_ms"]) b[`gcplay_wasm_${k}`] = round(med(name, "gcplay_wasm", k), 2);
    for (const k of ["steps", "events", "trace_bytes", "trace_bytes_per_event"])
      b[`gcplay_wasm_${k}`] = round(med(name, "gcplay_wasm", k), 2);
  }
  benchmarks[name] = b;
}

// The page: a step of ~200 live objects drawn in Chromium (its own script, its own repetitions).
let pageRender = null;
if (only.length === 0 || only.includes("page_render")) {
  const r = spawnSync(node, [path.join(root, "scripts/bench-page.mjs"), ...(smoke ? ["--smoke"] : [])], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`bench-page failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  const f = {};
  for (const line of r.stdout.split("\n")) {
    const m = /^([a-z_]+): (-?[0-9.]+)$/.exec(line.trim());
    if (m) f[m[1]] = Number(m[2]);
  }
  for (const k of ["live_objects", "steps", "render_median_ms", "render_worst_ms"]) {
    if (!Number.isFinite(f[k])) throw new Error(`bench-page printed no \`${k}:\` figure:\n${r.stdout}`);
  }
  pageRender = {
    live_objects: f.live_objects,
    live_min: f.live_min,
    live_max: f.live_max,
    cards: f.cards,
    steps: f.steps,
    render_median_ms: f.render_median_ms,
    render_worst_ms: f.render_worst_ms,
    note: "the element's gc-render measure per step in headless Chromium (scripts/bench-page.mjs)",
  };
}

const cpu = os.cpus()[0]?.model ?? "unknown";
const results = {
  benchmarks,
  page_render: pageRender,
  machine: { cpu, cores: os.cpus().length, memory_gib: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  repetitions: reps,
  smoke,
};
if (smoke) {
  console.log(`bench smoke: ${programs.length} programs ran under ${runnerNames.join(", ")}`);
  if (pageRender) console.log(`bench smoke: the page drew ${pageRender.steps} steps of ${pageRender.live_objects} live objects`);
} else {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "results.json"), JSON.stringify(results, null, 2) + "\n");
  const cols = ["gcplay_native", "gcplay_wasm", "cpython", "pyodide"];
  const fmt = (x) => (x === null || x === undefined ? "—" : x.toFixed(1));
  const w = Math.max(...programs.map((p) => p.length), 9);
  console.log(`medians of ${reps} runs, ms (${cpu}, ${os.cpus().length} cores)`);
  console.log(`${"benchmark".padEnd(w)}  ${cols.map((c) => c.padStart(13)).join("  ")}`);
  for (const name of programs) {
    console.log(`${name.padEnd(w)}  ${cols.map((c) => fmt(benchmarks[name][`${c}_ms`]).padStart(13)).join("  ")}`);
  }
  for (const name of programs) {
    const b = benchmarks[name];
    if (b.gcplay_wasm_seek_worst_ms !== undefined) {
      console.log(
        `${name}: wasm trace of ${b.gcplay_wasm_steps} steps, ${b.gcplay_wasm_events} events, recorded in ` +
          `${fmt(b.gcplay_wasm_record_ms)} ms; ${fmt(b.gcplay_wasm_trace_bytes_per_event)} bytes/event ` +
          `(${fmt(b.gcplay_wasm_trace_bytes / 2 ** 20)} MiB); snapshot(step) worst ${fmt(b.gcplay_wasm_seek_worst_ms)} ms, ` +
          `median ${fmt(b.gcplay_wasm_seek_median_ms)} ms`,
      );
    }
    if (b.cpython_bytes_per_object !== undefined) {
      console.log(
        `${name}: bytes per object: gcplay ${fmt(b.gcplay_wasm_bytes_per_object)} (wasm peak memory, N against N/2), ` +
          `CPython ${fmt(b.cpython_bytes_per_object)} (sys.getsizeof + 16-byte GC header), pyodide ${fmt(b.pyodide_bytes_per_object)}`,
      );
    }
  }
  if (pageRender) {
    const p = pageRender;
    console.log(
      `page: a step of ${p.live_objects} live objects (${p.live_min}–${p.live_max}; ${p.cards} as cards with their arrows) ` +
        `drawn in ${fmt(p.render_median_ms)} ms at the median, ${fmt(p.render_worst_ms)} ms at worst, over ${p.steps} steps ` +
        `(gc-render, headless Chromium)`,
    );
  }
  console.log(`written: target/bench/results.json`);
}
