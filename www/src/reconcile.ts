// Puts exactly `wanted` in `parent`, in order, touching only what differs:
// kept children that are already in place are not moved, since a moved
// element is restyled and laid out again as if new.

export function reconcile(parent: Element, wanted: readonly Node[]): void {
  const keep = new Set(wanted);
  let current = parent.firstChild;
  for (const node of wanted) {
    // Children no longer wanted go before anything is inserted past them.
    while (current && !keep.has(current)) {
      const next = current.nextSibling;
      current.remove();
      current = next;
    }
    if (node === current) current = current.nextSibling;
    else parent.insertBefore(node, current);
  }
  while (current) {
    const next = current.nextSibling;
    current.remove();
    current = next;
  }
}
