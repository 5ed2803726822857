// Where the editor's first text comes from: the element's own text content,
// so a blog post can write the snippet inline, or the default example.

/** The seed article's first example: a refcount drop, then a cycle only the collector frees. */
export const DEFAULT_EXAMPLE = `import gc
import sys

lst = []
print(sys.getrefcount(lst))
del lst

object_1 = {}
object_2 = {}
object_1['obj2'] = object_2
object_2['obj1'] = object_1
del object_1, object_2

print(gc.collect())
`;

/**
 * Text written inside an HTML element, as code: drops the blank lines around
 * it and the indentation every line shares (the page's own nesting).
 */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length > 0 && (lines[0] ?? "").trim() === "") lines.shift();
  while (lines.length > 0 && (lines[lines.length - 1] ?? "").trim() === "") lines.pop();
  if (lines.length === 0) return "";
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const shared = Math.min(...indents);
  return lines.map((l) => l.slice(Math.min(shared, /^[ \t]*/.exec(l)?.[0].length ?? 0))).join("\n") + "\n";
}
