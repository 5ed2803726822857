// Share links: the page keeps the snippet and the Python version in the URL
// fragment (compressed), so a link reopens the same program. The fragment never
// reaches a server.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { PYTHON_VERSIONS, type PythonVersion } from "./engine/types";

export interface Shared {
  code: string;
  python: PythonVersion | null;
}

/** Longest snippet a link may carry; a longer one is ignored, not truncated. */
const MAX_CODE = 100_000;

export function readShare(hash: string): Shared | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const packed = params.get("code");
  if (!packed) return null;
  const code = decompressFromEncodedURIComponent(packed);
  if (!code || code.length > MAX_CODE) return null;
  const python = params.get("py");
  return {
    code,
    python: (PYTHON_VERSIONS as readonly (string | null)[]).includes(python) ? (python as PythonVersion) : null,
  };
}

export function shareHash(code: string, python: PythonVersion): string {
  const params = new URLSearchParams({ py: python, code: compressToEncodedURIComponent(code) });
  return `#${params.toString()}`;
}
