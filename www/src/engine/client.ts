// A promise-based handle on the engine worker. One client owns one worker, and
// the worker holds the session of the client's latest run.
import wasmUrl from "../../pkg/gcplay_bg.wasm?url";
import workerUrl from "./worker.ts?worker&url";
import { LOAD_ERROR_ID, type Request, type Response } from "./protocol";
import type { PythonVersion, Snapshot, Summary, TimelineData, TraceEvent } from "./types";

type Answer<T extends Response["type"]> = Extract<Response, { type: T }>;

interface Pending {
  expect: Response["type"];
  resolve: (message: Response) => void;
  reject: (error: Error) => void;
}

/**
 * The engine compiled once per page: every playground's worker (and the fresh
 * one Stop starts) instantiates this module instead of downloading its own.
 */
let shared: Promise<WebAssembly.Module | null> | null = null;
function sharedModule(): Promise<WebAssembly.Module | null> {
  shared ??= WebAssembly.compileStreaming(fetch(wasmUrl, { credentials: "same-origin" })).catch(() => null);
  return shared;
}

/**
 * The engine's worker. A page in a sandboxed iframe has an opaque origin: it
 * may not start a worker from its server's URL, nor a module worker from a
 * blob. A classic worker from a blob may start, and import the engine's module
 * (allowed by CORS); it holds the messages that arrive before the import is done.
 */
function startWorker(): Worker {
  const url = new URL(workerUrl, import.meta.url).href;
  try {
    return new Worker(url, { type: "module", name: "gcplay-engine" });
  } catch {
    const shim = `const held = [];
const hold = (event) => held.push(event.data);
self.addEventListener("message", hold);
import(${JSON.stringify(url)}).then(
  () => {
    self.removeEventListener("message", hold);
    for (const data of held) self.dispatchEvent(new MessageEvent("message", { data }));
  },
  (error) => postMessage({ type: "error", id: ${LOAD_ERROR_ID}, message: "The engine failed to load: " + error }),
);
`;
    return new Worker(URL.createObjectURL(new Blob([shim], { type: "text/javascript" })), { name: "gcplay-engine" });
  }
}

export class EngineError extends Error {
  override name = "EngineError";
}

export class EngineClient {
  /** Resolves with the engine's version once the wasm module is instantiated. */
  readonly ready: Promise<string>;

  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = LOAD_ERROR_ID + 1;
  private failure: Error | null = null;

  constructor() {
    let resolveReady!: (version: string) => void;
    let rejectReady!: (error: Error) => void;
    this.ready = new Promise<string>((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    // Callers may only await `ready` later; never report it as unhandled.
    this.ready.catch(() => undefined);

    this.worker = startWorker();
    this.worker.addEventListener("message", (event: MessageEvent<Response>) => {
      const message = event.data;
      if (message.type === "ready") {
        resolveReady(message.version);
      } else if (message.type === "error" && message.id === LOAD_ERROR_ID) {
        this.fail(new EngineError(message.message));
        rejectReady(this.failure ?? new EngineError(message.message));
      } else {
        this.settle(message);
      }
    });
    // A page that cannot compile here (null) lets the worker load the engine itself.
    void sharedModule().then((module) => this.worker.postMessage({ type: "init", id: 0, module } satisfies Request));
    this.worker.addEventListener("error", (event: ErrorEvent) => {
      // The worker script itself could not load or crashed.
      event.preventDefault();
      const error = new EngineError(event.message || "The engine worker stopped.");
      this.fail(error);
      rejectReady(error);
    });
  }

  run(code: string, python: PythonVersion): Promise<{ summary: Summary; timeline: TimelineData }> {
    return this.ask("ran", { type: "run", id: 0, code, python }).then(({ summary, timeline }) => ({ summary, timeline }));
  }

  snapshot(step: number): Promise<Snapshot> {
    return this.ask("snapshot", { type: "snapshot", id: 0, step }).then((m) => m.snapshot);
  }

  events(): Promise<TraceEvent[]> {
    return this.ask("events", { type: "events", id: 0 }).then((m) => m.events);
  }

  /** [object id, slot] pairs for the latest run, or null for a trace too long to replay. */
  layout(): Promise<[number, number][] | null> {
    return this.ask("layout", { type: "layout", id: 0 }).then((m) => m.slots);
  }

  terminate(): void {
    this.worker.terminate();
    this.fail(new EngineError("The engine was shut down."));
  }

  private ask<T extends Response["type"]>(expect: T, request: Request): Promise<Answer<T>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Answer<T>>((resolve, reject) => {
      this.pending.set(id, {
        expect,
        resolve: (message) => resolve(message as Answer<T>),
        reject,
      });
      this.worker.postMessage({ ...request, id });
    });
  }

  private settle(message: Exclude<Response, { type: "ready" }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === "error") {
      pending.reject(new EngineError(message.message));
    } else if (message.type !== pending.expect) {
      pending.reject(new EngineError(`The engine answered "${message.type}" to a "${pending.expect}" request.`));
    } else {
      pending.resolve(message);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
