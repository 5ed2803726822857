// Run one benchmark program under pyodide (CPython 3.14 in wasm, the npm
// package pinned in package.json), offline under node.
//
//   node scripts/bench-pyodide.mjs FILE.py
//
// Prints the program's stdout (its own perf_counter figures).
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const file = process.argv[2];
if (!file) {
  console.error("usage: node scripts/bench-pyodide.mjs FILE.py");
  process.exit(2);
}
const code = readFileSync(file, "utf8");
const out = [];
const py = await loadPyodide({
  env: { PYTHONHASHSEED: "0" },
  stdout: (line) => out.push(line),
  stderr: (line) => process.stderr.write(line + "\n"),
});
let status = 0;
try {
  py.runPython(code, { filename: file });
} catch (e) {
  process.stderr.write(String(e.message ?? e) + "\n");
  status = 1;
}
process.stdout.write(out.map((l) => l + "\n").join(""));
process.exit(status);
