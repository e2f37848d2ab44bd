/**
 * The store of a gateway that keeps nothing: no admin key (so no keys or teams can exist), the ledger off and
 * no guardrail that could audit. Reads find nothing, as in a fresh database; writes refuse with
 * `store_unavailable`. It lets such a gateway start without Kysely and a database driver (docs/operations.md).
 */
import { GatewayError } from '../errors.ts';
import { verifyChain } from './audit-chain.ts';
import type { Store } from './store.ts';

/** An empty store; `reason` says why there is no database, for the refusal's message. */
export function createEmptyStore(reason: string): Store {
  const refuse = (): Promise<never> =>
    Promise.reject(new GatewayError('store_unavailable', `no store is open: ${reason}`));
  return {
    // The dialect a store would be opened with by default; nothing reads or writes it.
    dialect: 'sqlite',
    putTeam: refuse,
    getTeam: () => Promise.resolve(undefined),
    listTeams: () => Promise.resolve([]),
    insertKey: refuse,
    findKey: () => Promise.resolve(undefined),
    listKeys: () => Promise.resolve([]),
    revokeKey: () => Promise.resolve(undefined),
    keysChangedSince: () => Promise.resolve([]),
    recordUsage: refuse,
    recordLedgerBatch: refuse,
    usage: () =>
      Promise.resolve({
        ...EMPTY_TOTALS,
        byModel: [],
        byPurpose: { request: EMPTY_TOTALS, guard: EMPTY_TOTALS },
      }),
    ledgerEntries: () => Promise.resolve([]),
    spend: () => Promise.resolve(0),
    appendAudit: refuse,
    listAudit: () => Promise.resolve([]),
    // Storeless means no audit key either, so there is nothing to append at start.
    startAudit: () => Promise.resolve(undefined),
    auditHead: () => Promise.resolve(undefined),
    verifyAudit: (anchor) => Promise.resolve(verifyChain([], anchor === undefined ? {} : { anchor })),
    close: () => Promise.resolve(),
  };
}

const EMPTY_TOTALS = {
  requests: 0,
  errors: 0,
  inputTokens: 0,
  cachedInputTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  costUsd: 0,
  referenceCostUsd: 0,
};
