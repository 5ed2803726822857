// The page's entry: registers <gc-playground> and connects the page's one
// playground to the URL, so the code being traced can be shared as a link.
import "./page.css";
import { GcPlayground } from "./gc-playground";
import { readShare, shareHash } from "./share";
import { DEFAULT_EXAMPLE } from "./source";

if (!customElements.get("gc-playground")) customElements.define("gc-playground", GcPlayground);

const playground = document.querySelector<GcPlayground>("gc-playground#playground");
if (playground) {
  const shared = readShare(location.hash);
  if (shared) {
    playground.code = shared.code;
    if (shared.python) playground.python = shared.python;
  }
  playground.addEventListener("gc-run", () => {
    const plain = playground.code === DEFAULT_EXAMPLE && playground.python === "3.13";
    const url = plain ? location.pathname + location.search : shareHash(playground.code, playground.python);
    history.replaceState(null, "", url);
  });

  const version = document.getElementById("engine-version");
  playground.ready.then(
    (v) => {
      if (version) version.textContent = `engine ${v}`;
    },
    () => undefined,
  );
}
