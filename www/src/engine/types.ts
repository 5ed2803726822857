// The shapes the engine (the Rust core compiled to wasm) returns, exactly as
// docs/engine-api.md defines them. The page only displays these values; it never
// recomputes reference counts or collector decisions itself.

export type PythonVersion = "3.13" | "3.12";

export const PYTHON_VERSIONS: readonly PythonVersion[] = ["3.13", "3.12"];

export interface RunOptions {
  python: PythonVersion;
  maxSteps: number;
}

export interface EngineError {
  kind: "SyntaxError" | "NotSupported" | "Exception" | "Limit";
  /** Python exception type name, e.g. "NameError". */
  type: string;
  /** e.g. "name 'x' is not defined". */
  message: string;
  /** 1-based line, 0-based columns. */
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface Summary {
  /** Number of snapshots: step 0 is before the first statement. */
  steps: number;
  stdout: string;
  /** CPython-format traceback or SyntaxError text. */
  stderr: string;
  exitCode: number;
  error: EngineError | null;
  python: PythonVersion;
}

export interface FrameVar {
  name: string;
  id: number;
  repr: string;
}

export interface Frame {
  id: number;
  name: string;
  vars: FrameVar[];
}

export type RefcountChange = "up" | "down" | "new" | null;

export interface HeapObject {
  /** Stable for the object's life, never reused in one trace. */
  id: number;
  type: string;
  /** Short value, at most ~60 chars. */
  repr: string;
  /** CPython's ob_refcnt (4294967295 for immortal objects). */
  refcount: number;
  tracked: boolean;
  /** 0, 1, 2 when tracked (3: the permanent generation of gc.freeze()). */
  generation: number | null;
  immortal: boolean;
  /** Refcount change during this step. */
  change: RefcountChange;
}

export interface Edge {
  from: number;
  to: number;
  /** "[0]", "['key']", ".attr" */
  label: string;
}

export interface GcState {
  count: [number, number, number];
  threshold: [number, number, number];
  enabled: boolean;
}

/** The state after step `step`. */
export interface Snapshot {
  step: number;
  /** Source line of the statement this step ran (0 at step 0). */
  line: number;
  /** The line that runs next (0 when the program has ended). */
  nextLine: number;
  narration: string;
  /** Module frame first, then each active call. */
  frames: Frame[];
  objects: HeapObject[];
  /** References between objects shown in `objects`. */
  edges: Edge[];
  /** What happened during this step, in order. */
  events: TraceEvent[];
  /** Everything printed up to the end of this step. */
  stdout: string;
  gc: GcState;
  /** Set on the steps of a collection's phases. */
  collection: CollectionPhase | null;
}

/** One phase of a cycle collection, as the core recorded it. */
export interface CollectionPhase {
  phase: string;
  /** How many of the program's objects the phase concerned (the lists may be cut). */
  total: number;
  /** gc_refs by object id. */
  gcRefs: Record<string, number>;
  /** References inside the collected set, after subtract_refs. */
  internal: [number, number][];
  /** The objects the phase singles out (unreachable, finalized, resurrected, cleared); the first 200. */
  marked: number[];
  /** How many objects the phase singles out. */
  markedTotal: number;
}

interface EventBase {
  step: number;
  line: number;
}

export interface AllocEvent extends EventBase {
  kind: "alloc";
  id: number;
  type: string;
  repr: string;
}

export interface RefcountEvent extends EventBase {
  kind: "refcount";
  id: number;
  from: number;
  to: number;
}

export type FreeCause = "refcount" | "gc";

export interface FreeEvent extends EventBase {
  kind: "free";
  id: number;
  type: string;
  cause: FreeCause;
}

export interface BindEvent extends EventBase {
  kind: "bind";
  frame: number;
  name: string;
  /** null: the name was deleted. */
  id: number | null;
  /** The value, for objects not drawn as cards. */
  repr?: string;
}

export interface StdoutEvent extends EventBase {
  kind: "stdout";
  text: string;
}

export interface GcStartEvent extends EventBase {
  kind: "gc_start";
  generation: number;
  reason: string;
}

/** Survivors of generations <= upto move to generation `to` (gc.freeze(): upto 2, to 3). */
export interface GcPromoteEvent extends EventBase {
  kind: "gc_promote";
  upto: number;
  to: number;
}

/** Kinds the engine may add later; the page ignores them. */
export interface OtherEvent extends EventBase {
  kind: string;
  [field: string]: unknown;
}

export type KnownEvent =
  | AllocEvent
  | RefcountEvent
  | FreeEvent
  | BindEvent
  | StdoutEvent
  | GcStartEvent
  | GcPromoteEvent;

export type TraceEvent = KnownEvent | OtherEvent;

export function isFree(e: TraceEvent): e is FreeEvent {
  return e.kind === "free";
}

export function isAlloc(e: TraceEvent): e is AllocEvent {
  return e.kind === "alloc";
}

export function isPromote(e: TraceEvent): e is GcPromoteEvent {
  return e.kind === "gc_promote";
}

/** The run at a glance, one entry per step (crate/src/timeline.rs). */
export interface TimelineData {
  /** Objects the program made that are alive after each step (no constants, immortal or internal ones). */
  live: Uint32Array;
  /** Bits of MARK_* per step. */
  marks: Uint8Array;
  /** Pairs: step, length of stdout after that write. */
  output: Uint32Array;
}

export const MARK_ALLOC = 1;
export const MARK_FREE_REFCOUNT = 2;
export const MARK_FREE_GC = 4;
export const MARK_COLLECTION = 8;
/** A step inside a collection: its phases, and the finalizers and callbacks it runs. */
export const MARK_IN_COLLECTION = 16;
export const MARK_OUTPUT = 32;

/** CPython reports this refcount for immortal objects. */
export const IMMORTAL_REFCOUNT = 4294967295;
