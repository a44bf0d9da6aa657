/**
 * Architecture rules, checked by `npm run lint`:
 * - services talk only through Kafka events: an app never imports another app;
 * - libraries never import apps;
 * - domain code imports nothing from Nest, TypeORM, HTTP or Kafka, nor the application layer around it.
 * @type {import('dependency-cruiser').IConfiguration}
 */

/**
 * What counts as domain code: the domain libraries, and in the apps every file named for a domain role (aggregates,
 * fund policies, rule sets, screening rules, formulas, value objects), plus the domain files older than that naming.
 * A new domain file gets one of these suffixes rather than a line here.
 */
const DOMAIN = [
  '^libs/(domain|money)/',
  '\\.(aggregate|policy|rules|screening|formula|value)\\.ts$',
  '-rules\\.ts$',
  '^apps/concepts/src/lifecycle/submission\\.ts$',
  '^apps/funds/src/ledger/(journal-entry|chart-of-accounts)\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'apps-are-independent',
      severity: 'error',
      comment: 'Services share code only through libs/ and data only through Kafka events.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-is-framework-free',
      severity: 'error',
      comment:
        'Domain code holds business rules only: no framework, no database, no HTTP or Kafka, and none of the ' +
        'application layer (entities, repositories, handlers, controllers, services, modules, DTOs) that uses it.',
      from: { path: DOMAIN },
      to: {
        path: [
          'node_modules/(@nestjs|typeorm|express|kafkajs|pg|class-validator|class-transformer|exceljs|jsonwebtoken)/',
          '^libs/(http|auth|messaging|persistence|testing|documents)/',
          '^apps/[^/]+/src/.*\\.(entity|repository|handler|controller|service|module|dto|projection|consumer)\\.ts$',
        ],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.spec\\.ts$', 'dist/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
