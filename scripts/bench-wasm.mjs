// Run one benchmark program in the page's wasm module (www/pkg), under node.
//
//   node scripts/bench-wasm.mjs FILE.py [--trace] [--seeks N]
//
// Prints the program's stdout (its own perf_counter figures), then lines of
// the runner's own figures, `key: value`:
//   wasm_memory_bytes   the module's linear memory after the run (it only grows: the peak)
// With --trace the run records the page's trace, as the page does; then:
//   record_ms           run() with the trace
//   steps, events       the trace's size
//   trace_bytes, trace_bytes_per_event   its memory (events, step index, checkpoints)
//   seek_worst_ms, seek_median_ms        snapshot(step) at N random steps (default 1000)
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a));
const trace = args.includes("--trace");
const seeksAt = args.indexOf("--seeks");
const seeks = seeksAt >= 0 ? Number(args[seeksAt + 1]) : 1000;
if (!file) {
  console.error("usage: node scripts/bench-wasm.mjs FILE.py [--trace] [--seeks N]");
  process.exit(2);
}

const pkg = path.join(root, "www/pkg");
const { default: init, run } = await import(path.join(pkg, "gcplay.js"));
const wasm = await init({ module_or_path: readFileSync(path.join(pkg, "gcplay_bg.wasm")) });
const code = readFileSync(file, "utf8");

const t0 = performance.now();
const session = run(code, { python: "3.13", maxSteps: 100_000_000, trace });
const t1 = performance.now();
const summary = session.summary();
process.stdout.write(summary.stdout);
if (summary.stderr) process.stderr.write(summary.stderr);
if (summary.exitCode !== 0) process.exit(summary.exitCode);

if (trace) {
  console.log(`record_ms: ${t1 - t0}`);
  const stats = session.traceStats();
  console.log(`steps: ${summary.steps}`);
  console.log(`events: ${stats.events}`);
  console.log(`trace_bytes: ${stats.bytes}`);
  console.log(`trace_bytes_per_event: ${stats.bytes / Math.max(1, stats.events)}`);
  // a fixed sequence of random steps (xorshift), the same in every repetition
  let x = 0x9e3779b9;
  const rand = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
  const times = [];
  for (let i = 0; i < seeks; i++) {
    const step = Math.floor(rand() * summary.steps);
    const s0 = performance.now();
    const snap = session.snapshot(step);
    times.push(performance.now() - s0);
    if (snap.step !== step) throw new Error(`snapshot(${step}) answered step ${snap.step}`);
  }
  times.sort((a, b) => a - b);
  console.log(`seek_worst_ms: ${times[times.length - 1]}`);
  console.log(`seek_median_ms: ${times[Math.floor(times.length / 2)]}`);
}
console.log(`wasm_memory_bytes: ${wasm.memory.buffer.byteLength}`);
session.free();
