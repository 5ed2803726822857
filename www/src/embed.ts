// embed.html: one playground filling the frame, configured by the URL fragment
//   #code=<lz-string>&py=3.13&step=N&theme=dark&readonly&autoplay&panels=heap,console&height=480
// so an <iframe sandbox="allow-scripts"> can show any program at any step.
import { GcPlayground } from "./gc-playground";
import { readShare } from "./share";

const FLAGS = ["readonly", "autoplay"] as const;
const VALUES = ["theme", "panels", "height"] as const;

const host = document.getElementById("embed");
const params = new URLSearchParams(location.hash.replace(/^#/, ""));
const read = readShare(location.hash);
if (host) {
  // Attributes go on before the element is defined, so the first connection
  // already knows them (read-only embeds never fetch the editor).
  if (read.kind === "shared") {
    if (read.shared.python) host.setAttribute("python", read.shared.python);
    if (read.shared.step > 0) host.setAttribute("step", String(read.shared.step));
  }
  for (const flag of FLAGS) if (params.has(flag) && params.get(flag) !== "0") host.setAttribute(flag, "");
  for (const name of VALUES) {
    const value = params.get(name);
    if (value) host.setAttribute(name, value);
  }
  host.setAttribute("autorun", "");
}
if (!customElements.get("gc-playground")) customElements.define("gc-playground", GcPlayground);
// The code is set on the defined element (its text content would be dedented);
// the first run waits for the engine, so it runs this code.
if (host instanceof GcPlayground && read.kind === "shared") host.code = read.shared.code;
if (read.kind === "malformed") {
  const notice = document.getElementById("notice");
  if (notice) {
    notice.textContent = "This embed's program could not be read, so the default example is shown instead.";
    notice.hidden = false;
  }
}
