/**
 * One chat request's guard (the GuardedChat the guard stage prepares): its input screening, the route that
 * residency leaves it, the request each target gets, and the screening of the answer.
 *
 * A class rather than closures over the request: a request holds its guard from routing to its last byte, so
 * under load the guard lives through young-generation collections, which copy (and then promote) whatever is
 * still alive. As a dozen closures sharing one context, returned in an object of getters, it was most of what
 * an all-on request still held at a scavenge (V8's sampling heap profiler): as one object, that fell from 2.9
 * to 0.9 KB per request, what was promoted to the old generation from ~2.3 to ~0.5 KB, and the
 * scavenges' pause from 25–40 to 18 µs per request (docs/benchmarks-history.md, fourteenth session).
 */
import type { Config } from '../config/schema.ts';
import type { ChatEvent, ChatRequest, ChatResponse } from '../engines/engine.ts';
import { GatewayError } from '../errors.ts';
import { withCanary } from '../guardrails/canary.ts';
import { formatGuardHeader, type GuardEvent } from '../guardrails/guard-event.ts';
import { judgeResponse, judgeStream, type AnswerJudging } from '../guardrails/guard-model/answer-guard.ts';
import { guardConversation } from '../guardrails/guard-model/conversation.ts';
import { GUARD_MODEL_SCANNER, type GuardModel } from '../guardrails/guard-model/guard-model.ts';
import {
  applyInputPolicy,
  screenSlots,
  screenSlotsOffloaded,
  withRequestFindings,
  type InputScreening,
} from '../guardrails/input-guard.ts';
import { guardChatResponse, guardChatStream, type OutputGuardContext } from '../guardrails/output-guard.ts';
import { isScannerOn, type GuardPolicy } from '../guardrails/policy.ts';
import { createVault, type RedactionVault } from '../guardrails/redaction/vault.ts';
import { requestTexts, type TextSlot } from '../guardrails/request-texts.ts';
import { deniedClass, requestDataClasses } from '../guardrails/residency.ts';
import type { ScanOffload } from '../guardrails/scan-offload.ts';
import type { ScannerSpec } from '../guardrails/scanner-spec.ts';
import type { TextScanner } from '../guardrails/scanner.ts';
import { createPromptLeakScanner } from '../guardrails/scanners/prompt-leak.ts';
import type { Route, Target } from '../router/router.ts';
import type { CancelSignal } from '../client-signal.ts';
import type { GuardedChat, KeyGuardrails, PrepareOptions } from './guard-stage.ts';
import type { GuardCallRecord } from './request-record.ts';

/** Which scanners a request on a route runs, for a key (or none) and an API: worked out once, then reused. */
export interface ScreeningPlan {
  readonly inputScanners: readonly TextScanner[];
  /** The same input scanners, described for the scanning thread. */
  readonly inputSpecs: readonly ScannerSpec[];
  readonly outputScanners: readonly TextScanner[];
  readonly promptLeak: boolean;
  readonly judgeInput: boolean;
  readonly judgeOutput: boolean;
  /** Nothing to screen and no residency: the request gets no guard. */
  readonly idle: boolean;
}

/** What the stage shares with every request's guard. */
export interface GuardStageParts {
  readonly residency: Config['guardrails']['residency'];
  /** Inputs at least this long are screened on the scanning thread, in `prescreen`. */
  readonly scanThreadMinChars: number;
  readonly offload: ScanOffload;
  /** The deployment's policy with the key's overrides on top. */
  policyFor(target: Target, key: KeyGuardrails | undefined): GuardPolicy;
  /** A guard model whose calls are kept in `calls`; undefined when none is configured. */
  readonly guardModelFor: ((calls: GuardCallRecord[]) => GuardModel) | undefined;
  mintCanary(systemPrompt: string): string;
}

/** What residency leaves of a request's route once its input is screened, and the data classes it carries. */
interface Narrowed {
  readonly route: Route;
  readonly dataClasses: readonly string[];
}

const NO_CLASSES: readonly string[] = [];
const NO_CALLS: readonly GuardCallRecord[] = Object.freeze([]);

/** The guard of one chat request under `plan`. */
export class RequestGuard implements GuardedChat {
  /** Every decision so far (input, then output as it is screened). */
  readonly events: GuardEvent[] = [];
  readonly guardCalls: readonly GuardCallRecord[];
  readonly #parts: GuardStageParts;
  readonly #request: ChatRequest;
  readonly #route: Route;
  readonly #plan: ScreeningPlan;
  readonly #key: KeyGuardrails | undefined;
  readonly #declaredClasses: string | undefined;
  readonly #signal: CancelSignal;
  /** Set only when a policy in play judges with the guard model (input, output or both). */
  readonly #guardModel: GuardModel | undefined;
  readonly #slots: readonly TextSlot[];
  /** Undefined until the scanning thread answers, for an input screened there. */
  #screening: InputScreening | undefined;
  #narrowed: Narrowed | undefined;
  #chosen: { readonly policy: GuardPolicy; readonly vault: RedactionVault } | undefined;
  readonly #canary: string | undefined;
  readonly #leak: TextScanner | undefined;

  constructor(
    parts: GuardStageParts,
    request: ChatRequest,
    route: Route,
    plan: ScreeningPlan,
    options: PrepareOptions,
  ) {
    this.#parts = parts;
    this.#request = request;
    this.#route = route;
    this.#plan = plan;
    this.#key = options.key;
    this.#declaredClasses = options.declaredClasses;
    this.#signal = options.signal;
    if ((plan.judgeInput || plan.judgeOutput) && parts.guardModelFor !== undefined) {
      const calls: GuardCallRecord[] = [];
      this.guardCalls = calls;
      this.#guardModel = parts.guardModelFor(calls);
    } else this.guardCalls = NO_CALLS;
    this.#slots = requestTexts(request);
    // A very large input is scanned on the scanning thread, in `prescreen`; the route and data classes that
    // residency derives from the findings are known from then on.
    const offloaded = plan.inputScanners.length > 0 && textLength(this.#slots) >= parts.scanThreadMinChars;
    if (!offloaded) this.#screened(screenSlots(this.#slots, plan.inputScanners));
    const system = plan.promptLeak ? systemPrompt(request) : '';
    this.#canary = system === '' ? undefined : parts.mintCanary(system);
    this.#leak = plan.promptLeak ? createPromptLeakScanner(system, this.#canary) : undefined;
  }

  get route(): Route {
    return this.#narrowedRoute().route;
  }

  get dataClasses(): readonly string[] {
    // A request that failed before its thread's scan came back carries only what it declared.
    return this.#narrowed?.dataClasses ?? declaredOnly(this.#declaredClasses);
  }

  requestFor(target: Target): ChatRequest {
    const policy = this.#policyOf(target);
    this.#narrowedRoute();
    const guarded = applyInputPolicy(this.#request, this.#screening!, policy);
    this.events.length = 0;
    this.events.push(...guarded.events);
    if (guarded.kind === 'block') throw guarded.error;
    this.#chosen = { policy, vault: guarded.vault };
    const canary = this.#canary;
    return canary !== undefined && isScannerOn(policy, 'output', 'prompt_leak')
      ? withCanary(guarded.request, canary)
      : guarded.request;
  }

  prescreen(): Promise<void> | undefined {
    const judged = this.#guardModel !== undefined && this.#plan.judgeInput;
    return this.#screening === undefined || judged ? this.#prescreen() : undefined;
  }

  async #prescreen(): Promise<void> {
    if (this.#screening === undefined)
      this.#screened(await screenSlotsOffloaded(this.#slots, this.#plan.inputSpecs, this.#parts.offload));
    const model = this.#guardModel;
    if (model === undefined || !this.#plan.judgeInput) return;
    const findings = await model.judge(guardConversation(this.#request), this.#signal);
    this.#screening = withRequestFindings(this.#screening!, findings);
  }

  guardResponse(response: ChatResponse): ChatResponse | Promise<ChatResponse> {
    const context = this.#output();
    const screened = guardChatResponse(response, context);
    const model = this.#judgeOutput(context.policy);
    if (model === undefined) return screened;
    return judgeResponse(screened, this.#judging(model, context.policy));
  }

  guardStream(stream: AsyncIterable<ChatEvent>): AsyncIterable<ChatEvent> {
    const context = this.#output();
    const screened = guardChatStream(stream, context);
    const model = this.#judgeOutput(context.policy);
    if (model === undefined) return screened;
    return judgeStream(screened, this.#judging(model, context.policy));
  }

  header(): string | undefined {
    return formatGuardHeader(this.events);
  }

  #policyOf(target: Target): GuardPolicy {
    return this.#parts.policyFor(target, this.#key);
  }

  /** Records the input's screening and narrows the route to the deployments its data may reach. */
  #screened(found: InputScreening): void {
    const route = this.#route;
    const residency = this.#parts.residency;
    const classes = requestDataClasses(found.dataClasses, this.#declaredClasses);
    // No data class, nothing residency can deny: the route stands as it is.
    const denied = (target: Target): string | undefined =>
      deniedClass(residency, classes, found.dataClasses, target.deployment.location, this.#policyOf(target));
    const targets =
      classes.size === 0 ? route.targets : route.targets.filter((target) => denied(target) === undefined);
    if (targets.length === 0 && route.targets.length > 0) {
      throw new GatewayError(
        'residency_denied',
        `the request carries ${denied(route.targets[0]!) ?? 'restricted'} data, which no deployment of model '${route.model}' may receive under the residency policy`,
      );
    }
    this.#narrowed = {
      route: targets === route.targets ? route : { ...route, targets },
      dataClasses: classes.size === 0 ? NO_CLASSES : [...classes],
    };
    this.#screening = found;
  }

  #narrowedRoute(): Narrowed {
    if (this.#narrowed === undefined)
      throw new Error('the input is screened on the scanning thread: call prescreen() first');
    return this.#narrowed;
  }

  #output(): OutputGuardContext {
    const { policy, vault } = this.#chosen ?? {
      policy: this.#policyOf(this.#narrowedRoute().route.targets[0]!),
      vault: createVault(),
    };
    const { outputScanners } = this.#plan;
    // One literal of fixed shape (the canary undefined when there is none): a conditional spread cost a temporary
    // object and Node 20's slow path for every screened answer.
    return {
      policy,
      vault,
      events: this.events,
      scanners: this.#leak === undefined ? outputScanners : [...outputScanners, this.#leak],
      canary: this.#canary,
    };
  }

  /** The guard model, when the answer is to be judged by it under `policy`. */
  #judgeOutput(policy: GuardPolicy): GuardModel | undefined {
    if (!this.#plan.judgeOutput || !isScannerOn(policy, 'output', GUARD_MODEL_SCANNER)) return undefined;
    return this.#guardModel;
  }

  #judging(model: GuardModel, policy: GuardPolicy): AnswerJudging {
    return { model, request: this.#request, policy, events: this.events, signal: this.#signal };
  }
}

function textLength(slots: readonly TextSlot[]): number {
  let total = 0;
  for (const slot of slots) total += slot.text.length;
  return total;
}

function declaredOnly(declared: string | undefined): readonly string[] {
  const classes = requestDataClasses(new Set(), declared);
  return classes.size === 0 ? NO_CLASSES : [...classes];
}

/** The system and developer messages' text, joined by newlines; '' when there are none (no arrays made: per request). */
function systemPrompt(request: ChatRequest): string {
  let prompt: string | undefined;
  for (const message of request.messages) {
    if (message.role !== 'system' && message.role !== 'developer') continue;
    const text = typeof message.content === 'string' ? message.content : '';
    prompt = prompt === undefined ? text : `${prompt}\n${text}`;
  }
  return prompt ?? '';
}
