/**
 * The admin API's request bodies, validated with zod: friendly forms (`budget: "50/month"`,
 * `expires: "90d"`, `models: "qwen*,llama*"`) become the store's records. Shared by the API and the CLI.
 */
import { z } from 'zod';
import { deploymentGuardrailsSchema } from '../config/guardrails-schema.ts';
import type { Budget, BudgetPeriod, Limits } from '../store/store.ts';

const teamName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a team name of letters, digits, . _ - (at most 64)');

/** `50/month`, `10/day`, `{usd: 50, period: 'month'}`, or a bare number (per month). */
export const budgetSchema = z.union([
  z
    .number()
    .positive()
    .transform((usd): Budget => ({ usd, period: 'month' })),
  z
    .string()
    .regex(/^\d+(\.\d+)?\/(day|week|month)$/, "expected a budget such as '50/month', '10/day' or '100/week'")
    .transform((text): Budget => {
      const [usd, period] = text.split('/') as [string, BudgetPeriod];
      return { usd: Number(usd), period };
    }),
  z.strictObject({ usd: z.number().positive(), period: z.enum(['day', 'week', 'month']).default('month') }),
]);

/** `90d`, `12h`, `30m`, or an ISO date; becomes an absolute epoch-ms time. */
const expiresSchema = z.union([
  // At most six digits: 999999w is some 19,000 years, and a longer one would overflow the stored time.
  z.string().regex(/^\d{1,6}[mhdw]$/, "expected a duration such as '90d', '12h', '2w' or an ISO date"),
  z.iso.datetime({ offset: true }),
  z.iso.date(),
]);

const modelsSchema = z
  .union([z.string(), z.array(z.string().min(1)).min(1)])
  .transform((value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  )
  .pipe(z.array(z.string().regex(/^[\w.:/*?@-]+$/, 'expected model names or patterns such as qwen*')).min(1));

/** rpm and tpm: whole and positive, and no more than the stores' 32-bit integer columns hold. */
const positiveInt = z.int().positive().max(2_147_483_647);

/** `POST /admin/keys`. */
export const createKeySchema = z.strictObject({
  team: teamName,
  name: z.string().max(200).optional(),
  models: modelsSchema.optional(),
  rpm: positiveInt.optional(),
  tpm: positiveInt.optional(),
  budget: budgetSchema.optional(),
  expires: expiresSchema.optional(),
  guardrails: deploymentGuardrailsSchema,
  log_content: z.boolean().default(false),
});

/** `PUT /admin/teams/{name}`. */
export const putTeamSchema = z.strictObject({
  rpm: positiveInt.nullable().optional(),
  tpm: positiveInt.nullable().optional(),
  budget: budgetSchema.nullable().optional(),
  reference_model: z.string().min(1).nullable().optional(),
});

export type CreateKeyInput = z.output<typeof createKeySchema>;
export type PutTeamInput = z.output<typeof putTeamSchema>;
export { teamName as teamNameSchema };

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Milliseconds in a relative duration (`90d`, `12h`, `30m`, `2w`), or undefined for anything else. */
export function durationMs(text: string): number | undefined {
  const relative = /^(\d+)([mhdw])$/.exec(text);
  return relative === null ? undefined : Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS];
}

/** The absolute expiry for an `expires` value, relative to `now`. */
export function expiryTime(expires: string, now: number): number {
  const relative = durationMs(expires);
  return relative === undefined ? Date.parse(expires) : now + relative;
}

/** Limits from the optional rpm/tpm/budget fields. */
export function limitsOf(input: {
  rpm?: number | null;
  tpm?: number | null;
  budget?: Budget | null;
}): Limits {
  return {
    ...(input.rpm == null ? {} : { rpm: input.rpm }),
    ...(input.tpm == null ? {} : { tpm: input.tpm }),
    ...(input.budget == null ? {} : { budget: input.budget }),
  };
}
