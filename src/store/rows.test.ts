import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeLedgerBatch } from './ledger-batch.ts';
import { LEDGER_COLUMNS } from './ledger-chunks.ts';
import { ledgerEntryBuilder, MAX_LEDGER_TOKENS, toLedgerRow } from './rows.ts';
import type { LedgerEntry } from './store.ts';

const entry: LedgerEntry = {
  at: 1_700_000_000_000.6,
  requestId: 'req-1',
  model: 'qwen',
  operation: 'chat',
  stream: true,
  status: 'error',
  errorCode: 'upstream_timeout',
  inputTokens: 12.4,
  cachedInputTokens: Number.NaN,
  outputTokens: MAX_LEDGER_TOKENS * 3,
  reasoningTokens: -5,
  costUsd: 0.000_012_5,
  referenceCostUsd: 0.25,
  latencyMs: 12.5,
  attempts: 2.2,
};

describe('a ledger entry as its row', () => {
  it('fills defaults and nulls, and makes integer columns whole and in range', () => {
    assert.deepEqual(toLedgerRow(entry), {
      at: 1_700_000_000_001,
      request_id: 'req-1',
      purpose: 'request',
      team: null,
      key_id: null,
      model: 'qwen',
      deployment: null,
      location: null,
      operation: 'chat',
      stream: 1,
      status: 'error',
      error_code: 'upstream_timeout',
      input_tokens: 12,
      cached_input_tokens: 0,
      output_tokens: MAX_LEDGER_TOKENS,
      reasoning_tokens: 0,
      cost_usd: 0.000_012_5,
      reference_model: null,
      reference_cost_usd: 0.25,
      latency_ms: 12.5,
      ttft_ms: null,
      attempts: 2,
      data_classes: null,
      guard_actions: null,
      content: null,
    });
  });

  it('is what the gateway’s batch builder encodes, column for column', () => {
    const full: LedgerEntry = {
      ...entry,
      purpose: 'guard',
      team: 'risk',
      keyId: 'k1',
      deployment: 'd1',
      location: 'on-prem',
      referenceModel: 'gpt-4.1',
      ttftMs: 3.5,
      dataClasses: 'pii.email',
      guardActions: 'redacted=1',
      content: '{"request":"héllo"}',
    };
    const builder = ledgerEntryBuilder();
    builder.add(entry);
    builder.add(full);
    const rows = [toLedgerRow(entry), toLedgerRow(full)];
    assert.deepEqual(
      decodeLedgerBatch(builder.seal()),
      rows.flatMap((row) => LEDGER_COLUMNS.map((column) => row[column])),
    );
  });
});
