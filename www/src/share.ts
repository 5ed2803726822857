// Share links: the page keeps the snippet and the Python version in the URL
// fragment (compressed), so a link reopens the same program. The fragment never
// reaches a server.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { PYTHON_VERSIONS, type PythonVersion } from "./engine/types";

export interface Shared {
  code: string;
  python: PythonVersion | null;
  /** The step to show once the code has run. */
  step: number;
}

/** Longest snippet a link may carry; a longer one is ignored, not truncated. */
const MAX_CODE = 2_000_000;

/** What a URL fragment holds: nothing to restore, a program, or something unreadable. */
export type ShareRead = { kind: "none" } | { kind: "shared"; shared: Shared } | { kind: "malformed" };

export function readShare(hash: string): ShareRead {
  const fragment = hash.replace(/^#/, "");
  if (fragment === "") return { kind: "none" };
  const params = new URLSearchParams(fragment);
  const packed = params.get("code");
  if (!packed) return { kind: "malformed" };
  let code: string | null = null;
  try {
    code = decompressFromEncodedURIComponent(packed);
  } catch {
    code = null;
  }
  if (!code || code.length > MAX_CODE) return { kind: "malformed" };
  const python = params.get("py");
  const step = Number(params.get("step") ?? "0");
  return {
    kind: "shared",
    shared: {
      code,
      python: (PYTHON_VERSIONS as readonly (string | null)[]).includes(python) ? (python as PythonVersion) : null,
      step: Number.isSafeInteger(step) && step >= 0 ? step : 0,
    },
  };
}

export function shareHash(code: string, python: PythonVersion, step: number): string {
  const params = new URLSearchParams({ py: python, step: String(step), code: compressToEncodedURIComponent(code) });
  return `#${params.toString()}`;
}
