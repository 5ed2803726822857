// The page's entry: registers <gc-playground>, gives the page's playground the
// gallery, and connects it to the URL so a link reopens the same program, on
// the same Python, at the same step.
import "./page.css";
import "./element";
import type { GcPlayground } from "./gc-playground";
import { GALLERY } from "./gallery";
import { readShare, shareHash } from "./share";
import { DEFAULT_EXAMPLE } from "./source";
import { EmbedDialog } from "./embed-dialog";

const playground = document.querySelector<GcPlayground>("gc-playground#playground");
if (playground) {
  playground.examples = GALLERY;
  const read = readShare(location.hash);
  let restoreStep = 0;
  if (read.kind === "shared") {
    playground.code = read.shared.code;
    if (read.shared.python) playground.python = read.shared.python;
    restoreStep = read.shared.step;
  } else if (read.kind === "malformed") {
    const notice = document.getElementById("notice");
    if (notice) {
      notice.textContent = "This link's program could not be read, so the default example is shown instead.";
      notice.hidden = false;
    }
    history.replaceState(null, "", location.pathname + location.search);
  }

  // The address follows the program and the step, without flooding the history.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const updateUrl = (): void => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      const plain = playground.code === DEFAULT_EXAMPLE && playground.python === "3.13" && playground.step === 0;
      const url = plain
        ? location.pathname + location.search
        : location.pathname + location.search + shareHash(playground.code, playground.python, playground.step);
      history.replaceState(null, "", url);
    }, 250);
  };
  playground.addEventListener("gc-run", () => {
    if (restoreStep > 0) {
      playground.step = restoreStep;
      restoreStep = 0;
    }
    updateUrl();
  });
  playground.addEventListener("gc-step", updateUrl);

  const dialog = new EmbedDialog(playground);
  document.body.appendChild(dialog.element);
  document.getElementById("embed-button")?.addEventListener("click", () => dialog.open());

  const version = document.getElementById("engine-version");
  playground.ready.then(
    (v) => {
      if (version) version.textContent = `engine ${v}`;
    },
    () => undefined,
  );
}
