// The engine runs here, off the main thread, so a long trace never freezes the
// page. The worker keeps the session of the latest run and answers questions
// about it; a new run frees the previous session's wasm memory.
import init, { run, version } from "../../pkg/gcplay.js";
import { LAYOUT_MAX_STEPS, LOAD_ERROR_ID, MAX_STEPS, type Request, type Response } from "./protocol";
import { SlotLayout } from "../layout";
import type { RunOptions, Snapshot, Summary, TimelineData, TraceEvent } from "./types";

type Session = ReturnType<typeof run>;

let session: Session | null = null;
let summary: Summary | null = null;

function post(message: Response, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

let receiveModule: (module: WebAssembly.Module | null) => void = () => undefined;
const moduleGiven = new Promise<WebAssembly.Module | null>((resolve) => {
  receiveModule = resolve;
});

const loaded: Promise<boolean> = moduleGiven.then((module) => (module ? init({ module_or_path: module }) : init())).then(
  () => {
    post({ type: "ready", version: String(version()) });
    return true;
  },
  (error: unknown) => {
    post({ type: "error", id: LOAD_ERROR_ID, message: `The engine failed to load: ${describe(error)}` });
    return false;
  },
);

function current(): Session {
  if (session === null) throw new Error("No program has been run yet.");
  return session;
}

function answer(request: Request): Response {
  switch (request.type) {
    case "run": {
      session?.free();
      session = null;
      summary = null;
      const options: RunOptions = { python: request.python, maxSteps: MAX_STEPS };
      session = run(request.code, options);
      summary = session.summary() as Summary;
      const t = session.timeline();
      const timeline: TimelineData = { live: t.live, marks: t.marks, output: t.output };
      t.free();
      return { type: "ran", id: request.id, summary, timeline };
    }
    case "snapshot":
      return { type: "snapshot", id: request.id, snapshot: current().snapshot(request.step) as Snapshot };
    case "events":
      return { type: "events", id: request.id, events: current().events() as TraceEvent[] };
    case "init":
      throw new Error("The engine was already given.");
    case "layout": {
      // Replayed here so the events never have to cross to the page.
      const steps = summary?.steps ?? 0;
      const slots = steps <= LAYOUT_MAX_STEPS ? SlotLayout.fromEvents(current().events() as TraceEvent[]).pairs() : null;
      return { type: "layout", id: request.id, slots };
    }
  }
}

self.addEventListener("message", (event: MessageEvent<Request>) => {
  const request = event.data;
  if (request.type === "init") {
    receiveModule(request.module);
    return;
  }
  void loaded.then((ok) => {
    if (!ok) {
      post({ type: "error", id: request.id, message: "The engine is not available." });
      return;
    }
    try {
      const message = answer(request);
      // The timeline's arrays move to the page rather than being copied.
      const transfer = message.type === "ran" ? [message.timeline.live.buffer, message.timeline.marks.buffer, message.timeline.output.buffer] : [];
      post(message, transfer);
    } catch (error) {
      post({ type: "error", id: request.id, message: describe(error) });
    }
  });
});
