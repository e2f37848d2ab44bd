/**
 * The guardrail stage of the pipeline for chat requests: screen the input once, narrow the route to the
 * deployments the data may reach (residency), apply each deployment's policy when the router tries it, and
 * screen the answer. Built once per gateway from the `guardrails:` config.
 */
import type { Config } from '../config/schema.ts';
import type { ChatEvent, ChatRequest, ChatResponse } from '../engines/engine.ts';
import { GatewayError } from '../errors.ts';
import { formatGuardHeader, type GuardEvent } from '../guardrails/guard-event.ts';
import { applyInputPolicy, screenInput } from '../guardrails/input-guard.ts';
import { guardChatResponse, guardChatStream } from '../guardrails/output-guard.ts';
import { isScannerOn, resolvePolicy, type Direction, type GuardPolicy } from '../guardrails/policy.ts';
import { createVault, type RedactionVault } from '../guardrails/redaction/vault.ts';
import { deniedClass, requestDataClasses } from '../guardrails/residency.ts';
import { createInjectionScanner } from '../guardrails/scanners/injection.ts';
import { createPiiScanner } from '../guardrails/scanners/pii.ts';
import { createPromptLeakScanner } from '../guardrails/scanners/prompt-leak.ts';
import { createSecretsScanner } from '../guardrails/scanners/secrets.ts';
import type { Route, Target } from '../router/router.ts';

/** One chat request's guard: the narrowed route, the request each target gets, and the answer's screening. */
export interface GuardedChat {
  readonly route: Route;
  /** The request as `target`'s policy lets it through; throws `content_blocked`. */
  requestFor(target: Target): ChatRequest;
  guardResponse(response: ChatResponse): ChatResponse;
  guardStream(events: AsyncIterable<ChatEvent>): AsyncIterable<ChatEvent>;
  /** Every decision so far (input, then output as it is screened). */
  readonly events: GuardEvent[];
  /** `x-daulat-guard` for what is known now. */
  header(): string | undefined;
  /** Data classes found in the request or declared by the caller. */
  readonly dataClasses: readonly string[];
}

/** The guard stage: `prepare` per chat request. */
export interface GuardStage {
  prepare(request: ChatRequest, route: Route, declaredClasses: string | undefined): GuardedChat;
}

/**
 * Builds the stage with the built-in scanners, keeping only those some deployment's policy uses; with every
 * guardrail off and no residency rule there is no stage at all, and requests pay nothing.
 */
export function createGuardStage(config: Config): GuardStage | undefined {
  const defaults = createInjectionScanner();
  const thresholds = { direct: defaults.thresholds.block, indirect: defaults.thresholds.indirect };
  const policies = new Map(
    config.deployments.map((deployment) => [
      deployment.name,
      resolvePolicy(config.guardrails, deployment.location, deployment.guardrails, thresholds),
    ]),
  );
  const used = (direction: Direction, scanner: string): boolean =>
    [...policies.values()].some((policy) => isScannerOn(policy, direction, scanner));
  // The scanner drops findings below its minimum score: never above the lowest threshold a policy uses.
  const lowest = Math.min(
    thresholds.indirect,
    ...[...policies.values()].flatMap((policy) => [
      policy.input.injection.threshold,
      policy.input.indirectInjection.threshold,
    ]),
  );
  const injection = lowest < thresholds.indirect ? createInjectionScanner({ minScore: lowest }) : defaults;
  const secrets = createSecretsScanner();
  const pii = createPiiScanner();
  const inputScanners = [secrets, pii, injection].filter((scanner) => used('input', scanner.id));
  const outputScanners = [secrets, pii].filter((scanner) => used('output', scanner.id));
  const promptLeak = used('output', 'prompt_leak');
  const residency = Object.entries(config.guardrails.residency).some(
    ([key, value]) => key !== 'redact_then_egress' && Array.isArray(value),
  );
  if (inputScanners.length === 0 && outputScanners.length === 0 && !promptLeak && !residency)
    return undefined;
  const policyOf = (target: Target): GuardPolicy => policies.get(target.deployment.name)!;

  return {
    prepare(request, route, declaredClasses) {
      const screening = screenInput(request, inputScanners);
      const classes = requestDataClasses(screening.dataClasses, declaredClasses);
      const targets = route.targets.filter(
        (target) =>
          deniedClass(
            config.guardrails.residency,
            classes,
            screening.dataClasses,
            target.deployment.location,
            policyOf(target),
          ) === undefined,
      );
      if (targets.length === 0 && route.targets.length > 0) {
        const denied = deniedClass(
          config.guardrails.residency,
          classes,
          screening.dataClasses,
          route.targets[0]!.deployment.location,
          policyOf(route.targets[0]!),
        );
        throw new GatewayError(
          'residency_denied',
          `the request carries ${denied ?? 'restricted'} data, which no deployment of model '${route.model}' may receive under the residency policy`,
        );
      }
      const events: GuardEvent[] = [];
      let chosen: { policy: GuardPolicy; vault: RedactionVault } | undefined;
      const leak = promptLeak ? createPromptLeakScanner(systemPrompt(request)) : undefined;
      const output = () => {
        const { policy, vault } = chosen ?? { policy: policyOf(targets[0]!), vault: createVault() };
        return {
          policy,
          vault,
          events,
          scanners: leak === undefined ? outputScanners : [...outputScanners, leak],
        };
      };
      return {
        route: { ...route, targets },
        events,
        dataClasses: [...classes],
        requestFor(target) {
          const policy = policyOf(target);
          const guarded = applyInputPolicy(request, screening, policy);
          events.length = 0;
          events.push(...guarded.events);
          if (guarded.kind === 'block') throw guarded.error;
          chosen = { policy, vault: guarded.vault };
          return guarded.request;
        },
        guardResponse: (response) => guardChatResponse(response, output()),
        guardStream: (events) => guardChatStream(events, output()),
        header: () => formatGuardHeader(events),
      };
    },
  };
}

function systemPrompt(request: ChatRequest): string {
  return request.messages
    .filter((message) => message.role === 'system' || message.role === 'developer')
    .map((message) => (typeof message.content === 'string' ? message.content : ''))
    .join('\n');
}
