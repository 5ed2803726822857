// Messages between the page and the engine worker. Every request carries an id
// that its answer repeats, so answers can be matched to promises.
import type { PythonVersion, Snapshot, Summary, TimelineData, TraceEvent } from "./types";

export type Request =
  /** First message: the compiled engine, shared by every worker of the page (null: load it yourself). */
  | { type: "init"; id: number; module: WebAssembly.Module | null }
  | { type: "run"; id: number; code: string; python: PythonVersion }
  | { type: "snapshot"; id: number; step: number }
  | { type: "events"; id: number }
  /** Stable grid slots for the objects of the latest run (see layout.ts). */
  | { type: "layout"; id: number };

export type Response =
  /** Sent once, unprompted, when the wasm module has been instantiated. */
  | { type: "ready"; version: string }
  | { type: "ran"; id: number; summary: Summary; timeline: TimelineData }
  | { type: "snapshot"; id: number; snapshot: Snapshot }
  | { type: "events"; id: number; events: TraceEvent[] }
  /** [object id, slot] pairs; null when the trace is too long to replay here. */
  | { type: "layout"; id: number; slots: [number, number][] | null }
  /** id 0: the engine failed to load. */
  | { type: "error"; id: number; message: string };

/** The id an error carries when it is not the answer to a request. */
export const LOAD_ERROR_ID = 0;

/** Generous cap on recorded steps; the engine reports "Limit" past it. */
export const MAX_STEPS = 5_000_000;

/**
 * Longest trace whose events are replayed for the layout. Turning a whole
 * trace into JS objects costs about a second per few hundred thousand events,
 * so longer traces fall back to a layout that needs no events.
 */
export const LAYOUT_MAX_STEPS = 20_000;
