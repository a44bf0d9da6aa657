// @ts-check
/**
 * `npm run bench:reports`: the report benchmark of issue 16 (apps/reporting/src/bench/bench-reports.ts). It runs the
 * TypeScript sources as they are, compiled on require by swc with the options jest uses, so the projections and the
 * reports it times are exactly the repository's. Options: --projects 1000,10000 --runs 7 --movements-per-project 100
 * --timeout-ms 60000 --keep (or BENCH_*); PostgreSQL at --admin-url (default the local trust server).
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const ROOT = path.join(__dirname, '..');
const LIBS = ['contracts', 'messaging', 'money', 'auth', 'http', 'domain', 'testing', 'persistence'];

/** @type {Record<string, (module: NodeJS.Module, filename: string) => void>} */ (
  /** @type {unknown} */ (require.extensions)
)['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs' },
  });
  /** @type {NodeJS.Module & { _compile(code: string, filename: string): void }} */ (module)._compile(code, filename);
};

// The @fundline/* aliases of tsconfig.json.
const moduleWithResolver = /** @type {{ _resolveFilename: (request: string, ...rest: unknown[]) => string }} */ (
  /** @type {unknown} */ (Module)
);
const resolve = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = (/** @type {string} */ request, /** @type {unknown[]} */ ...rest) => {
  const alias = /^@fundline\/([a-z]+)$/.exec(request);
  return resolve(
    alias && LIBS.includes(alias[1]) ? path.join(ROOT, 'libs', alias[1], 'src', 'index.ts') : request,
    ...rest,
  );
};

require('reflect-metadata');
// Required by a computed path: the infra type check (tsconfig.infra.json) covers this file, not the sources it runs.
/** @type {{ benchReports(): Promise<void> }} */
const bench = require(path.join(ROOT, 'apps', 'reporting', 'src', 'bench', 'bench-reports.ts'));
bench.benchReports().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
