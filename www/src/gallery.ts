// The page's gallery: every www/src/gallery/NN_name.py, in file-name order.
// The same files are cases of the CPython corpus, so what each example prints
// is checked against the real interpreter. A file starts with two comment
// lines, its title and a sentence on what to watch.
import type { Example } from "./controls";

const files = import.meta.glob<string>("./gallery/*.py", { query: "?raw", import: "default", eager: true });

export function parseExample(text: string): Example {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const header = (i: number): string => (lines[i] ?? "").replace(/^#\s?/, "").trim();
  const title = header(0);
  const blurb = header(1);
  let body = 2;
  while (body < lines.length && (lines[body] ?? "").trim() === "") body++;
  return { title, blurb, code: lines.slice(body).join("\n") };
}

export const GALLERY: readonly Example[] = Object.keys(files)
  .sort()
  .map((path) => parseExample(files[path] ?? ""));
