/** Embedded deployments for end-to-end tests: generated GGUF models, one decoding thread (tests share 2 cores). */
import type { TestModelOptions } from './gguf/index.ts';
import { testModelPath } from './gguf/index.ts';

/**
 * The runtime settings tests use: CPU only, and one thread — llama.cpp's spinning threads slow decoding
 * by orders of magnitude when other processes hold the cores.
 */
export const TEST_RUNTIME = { gpu: false, threads: 1 } as const;

/** An embedded deployment serving a generated model under `served`. */
export async function embeddedDeployment(
  name: string,
  served: string,
  model: TestModelOptions,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return {
    name,
    engine: 'embedded',
    model: await testModelPath(model),
    models: [served],
    context_size: 512,
    parallel: 2,
    ...extra,
  };
}
