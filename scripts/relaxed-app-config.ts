// Settings for tests and benchmarks: no proof of work, generous limits, no load shedding. Kept
// out of api/ so the server never ships them, and here rather than in tests/ so the benchmark
// scripts need nothing from the test helpers.
import type { AppConfig } from '../api/app.ts';

export const RELAXED_APP_CONFIG: AppConfig = {
  statsK: 5,
  powDifficulty: 0,
  powSurgePerMinute: 1_000_000,
  rateLimitReports: 1_000_000,
  rateLimitReads: 1_000_000,
  rateLimitSignIns: 1_000_000,
  passwordWorkers: 1,
  passwordQueue: 64,
  maxEventLoopDelayMs: 0,
  maxQueueMs: 0,
  maxCommitMs: 0,
  hsts: false,
};
