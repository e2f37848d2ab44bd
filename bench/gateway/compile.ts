/**
 * Compiles what the bench runs to plain JavaScript before starting it: Daulat to dist/ (as `npm install`
 * does, so `bin/daulat.js` runs the build the way `npm start` does) and the bench's own child servers to
 * .bench-tmp/servers/. No target then pays tsx's memory (about 25 MiB) or its loader thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));
// Inside the repository, so the compiled servers resolve undici from its node_modules.
const SERVERS = join(ROOT, '.bench-tmp', 'servers');
const SERVER_FILES = ['mock-upstream.ts', 'minimal-proxy.ts', 'child-ready.ts'];

/** Runs `npm run build`'s compiler; throws with its output if it fails. */
export function buildDaulat(): void {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`building dist/ failed:\n${result.stdout}${result.stderr}`);
}

/** Transpiles the mock upstream and the minimal proxy (with their helper); returns the folder. */
export function compileBenchServers(): string {
  mkdirSync(SERVERS, { recursive: true });
  for (const file of SERVER_FILES) {
    const output = ts.transpileModule(readFileSync(join(HERE, file), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ES2022,
        target: ts.ScriptTarget.ES2023,
        rewriteRelativeImportExtensions: true,
      },
      fileName: file,
    });
    writeFileSync(join(SERVERS, file.replace(/\.ts$/, '.js')), output.outputText);
  }
  return SERVERS;
}
