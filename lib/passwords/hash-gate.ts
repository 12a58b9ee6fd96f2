import { availableParallelism } from "node:os";
import { DomainError } from "../errors";

/**
 * Bounds the bcrypt work of this process. Each bcrypt call takes a core for ~250 ms (cost 12); a
 * burst of sign-ins, even for unknown users, would otherwise take every core and stall every page.
 * At most `size` hashes run at once (one core is left for pages); up to `queue` more wait their
 * turn; beyond that the caller is told to come back (503 + Retry-After) instead of piling up.
 *
 * This guards the CPU of one process and holds nothing another instance needs, so it lives in memory.
 */
export class HashGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly size: number,
    readonly queue: number,
  ) {}

  /** True when a new call would be refused right now. */
  saturated(): boolean {
    return this.running >= this.size && this.waiting.length >= this.queue;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) {
      if (this.waiting.length >= this.queue) throw Busy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; only when none waits is it given back.
      if (next) next();
      else this.running--;
    }
  }
}

export const BUSY_MESSAGE = "Rollcall is busy checking passwords. Try again in a few seconds.";
export const Busy = () => new DomainError("unavailable", BUSY_MESSAGE, { retryAfterSeconds: 2 });

function fromEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * The process's gate: PASSWORD_HASH_CONCURRENCY (default: cores − 1, shared among the processes
 * server/workers.mjs starts, at least 1 each) and PASSWORD_HASH_QUEUE (default 16).
 */
export const hashGate = new HashGate(
  fromEnv("PASSWORD_HASH_CONCURRENCY", Math.max(1, Math.floor((availableParallelism() - 1) / fromEnv("ROLLCALL_WORKERS", 1)))),
  fromEnv("PASSWORD_HASH_QUEUE", 16),
);
