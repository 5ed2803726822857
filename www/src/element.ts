// The embeddable script (built as gc-playground.js): defines <gc-playground>
// and nothing else, so a blog post can use the element with one script tag.
import { GcPlayground } from "./gc-playground";

if (!customElements.get("gc-playground")) customElements.define("gc-playground", GcPlayground);

export { GcPlayground };
