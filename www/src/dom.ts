// Tiny DOM builders. Every string goes in as a text node or an attribute value,
// never as markup, so code, output, reprs and names can't inject HTML.

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  part?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
}

function applyProps(element: Element, props: Props | undefined): void {
  if (!props) return;
  if (props.class) element.setAttribute("class", props.class);
  if (props.part) element.setAttribute("part", props.part);
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    // Event handler attributes would execute strings; they are never wanted here.
    if (/^on/i.test(name)) throw new Error(`refusing to set ${name}`);
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  props?: Props,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Sets the attributes whose value differs (null removes one): an unchanged value costs no restyle. */
export function setAttributes(element: Element, attrs: Record<string, string | null>): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (/^on/i.test(name)) throw new Error(`refusing to set ${name}`);
    if (element.getAttribute(name) === value) continue;
    if (value === null) element.removeAttribute(name);
    else element.setAttribute(name, value);
  }
}

/** Sets the text unless it is already that (assigning replaces the text node, and the layout with it). */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
