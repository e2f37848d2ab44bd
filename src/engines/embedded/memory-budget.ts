/**
 * The memory budget loaded models share (`embedded.memory_budget_mb`): before a model loads, idle models
 * are unloaded, least recently used first, until it fits; if the busy ones leave no room, the load fails
 * with a clear error instead of the machine swapping or the process being killed.
 */
import { GatewayError } from '../../errors.ts';

/** What the budget needs from a loaded model's host. */
export interface BudgetMember {
  readonly name: string;
  /** Bytes the member's loaded model holds now (0 when unloaded). */
  readonly loadedBytes: number;
  /** True when no request is using the model, so it may be unloaded. */
  readonly isIdle: boolean;
  /** When the model last served a request (ms). */
  readonly lastUsedAt: number;
  unload(): Promise<void>;
}

/** One per process; hosts ask it before loading. */
export class MemoryBudget {
  readonly #limitBytes: number | undefined;
  readonly #members = new Set<BudgetMember>();

  constructor(limitBytes: number | undefined) {
    this.#limitBytes = limitBytes;
  }

  join(member: BudgetMember): void {
    this.#members.add(member);
  }

  leave(member: BudgetMember): void {
    this.#members.delete(member);
  }

  /** Makes room for `bytes` more for `member`, unloading idle models; throws when it cannot. */
  async makeRoom(member: BudgetMember, bytes: number): Promise<void> {
    const limit = this.#limitBytes;
    if (limit === undefined) return;
    if (bytes > limit) {
      throw new GatewayError(
        'model_load_failed',
        `model of deployment '${member.name}' needs ${mib(bytes)} MiB, more than the memory budget of ${mib(limit)} MiB`,
      );
    }
    const idle = [...this.#members]
      .filter((other) => other !== member && other.isIdle && other.loadedBytes > 0)
      .sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    while (this.#used() + bytes > limit) {
      const victim = idle.shift();
      if (victim === undefined) {
        throw new GatewayError(
          'model_load_failed',
          `model of deployment '${member.name}' needs ${mib(bytes)} MiB but only ${mib(limit - this.#used())} MiB of the memory budget is free and the other models are busy`,
          { isRetryable: true, retryAfterMs: 1_000 },
        );
      }
      await victim.unload();
    }
  }

  #used(): number {
    let total = 0;
    for (const member of this.#members) total += member.loadedBytes;
    return total;
  }
}

function mib(bytes: number): number {
  return Math.ceil(bytes / 2 ** 20);
}
