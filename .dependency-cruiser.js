/**
 * Architecture rules, checked by `npm run lint`:
 * - services talk only through Kafka events: an app never imports another app;
 * - libraries never import apps;
 * - domain code (aggregates) imports nothing from Nest, TypeORM, HTTP or Kafka.
 * @type {import('dependency-cruiser').IConfiguration}
 */
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
      comment: 'Aggregates and domain libraries hold business rules only.',
      from: { path: ['\\.aggregate\\.ts$', '^libs/(domain|money)/'] },
      to: {
        path: ['node_modules/(@nestjs|typeorm|express|kafkajs|pg)/', '^libs/(http|auth|messaging|persistence|testing)/'],
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
