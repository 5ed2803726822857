// The page's "Embed" dialog: the two ways to put the current program in a blog
// post, ready to copy — the script and the element, or an iframe of embed.html.
import { h } from "./dom";
import { shareHash } from "./share";
import type { GcPlayground } from "./gc-playground";

/** Text inside an element, as HTML source: every character a page would read as markup escaped. */
function escapeHtml(text: string): string {
  const named: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  return text.replace(/[&<>"']/g, (c) => named[c] ?? c);
}

export function scriptSnippet(base: URL, code: string, python: string, step: number): string {
  const attrs = [`python="${python}"`, "readonly", "autorun", step > 0 ? `step="${step}"` : ""].filter(Boolean).join(" ");
  return (
    `<script type="module" src="${new URL("gc-playground.js", base).href}"></script>\n` +
    `<gc-playground ${attrs}>\n${escapeHtml(code.replace(/\n$/, ""))}\n</gc-playground>\n`
  );
}

export function iframeSnippet(base: URL, code: string, python: string, step: number): string {
  const src = new URL(`embed.html${shareHash(code, python as "3.13" | "3.12", step)}&readonly`, base).href;
  return (
    `<iframe src="${escapeHtml(src)}" sandbox="allow-scripts" loading="lazy"\n` +
    `  title="gcplay: a Python program's memory, step by step" style="width: 100%; height: 860px; border: 0"></iframe>\n`
  );
}

export class EmbedDialog {
  readonly element: HTMLDialogElement;
  private readonly script: HTMLTextAreaElement;
  private readonly iframe: HTMLTextAreaElement;

  constructor(private readonly playground: GcPlayground) {
    const area = (label: string): HTMLTextAreaElement =>
      h("textarea", { class: "snippet", attrs: { readonly: true, rows: 6, spellcheck: "false", "aria-label": label } });
    this.script = area("Script and element");
    this.iframe = area("Iframe");
    const copy = (area: HTMLTextAreaElement): HTMLButtonElement => {
      const button = h("button", { class: "copy", attrs: { type: "button" } }, "Copy");
      button.addEventListener("click", () => {
        area.select();
        navigator.clipboard?.writeText(area.value).then(
          () => (button.textContent = "Copied"),
          () => (button.textContent = "Select and copy"),
        );
        setTimeout(() => (button.textContent = "Copy"), 2000);
      });
      return button;
    };
    const close = h("button", { class: "close", attrs: { type: "button" } }, "Close");
    close.addEventListener("click", () => this.element.close());
    this.element = h(
      "dialog",
      { class: "embed-dialog", attrs: { "aria-labelledby": "embed-title" } },
      h("h2", { attrs: { id: "embed-title" } }, "Embed this program"),
      h("p", {}, "In a page that allows module scripts: the element, with the code as its text."),
      this.script,
      copy(this.script),
      h("p", {}, "Anywhere an iframe is allowed: the program travels in the address."),
      this.iframe,
      copy(this.iframe),
      h("div", { class: "dialog-actions" }, close),
    );
    this.element.addEventListener("click", (event) => {
      if (event.target === this.element) this.element.close();
    });
  }

  open(): void {
    const base = new URL(".", location.href);
    const { code, python, step } = this.playground;
    this.script.value = scriptSnippet(base, code, python, step);
    this.iframe.value = iframeSnippet(base, code, python, step);
    this.element.showModal();
  }
}
