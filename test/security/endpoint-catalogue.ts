import { Role } from '@fundline/contracts';
import { ServiceName } from '../support/fundline-system';

/**
 * Who may call what: written down here by hand, independently of the controllers' decorators, so the access matrix
 * compares the code against an intended policy rather than against itself. Every route of every service's OpenAPI
 * document must be listed (the matrix fails on a route missing here).
 */
export interface Endpoint {
  service: ServiceName;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as in the OpenAPI document. */
  route: string;
  /** Roles allowed; 'public' for the health probes. */
  allowed: readonly Role[] | 'public';
  /** Route of one government's submission: another government is answered 404, as if it did not exist. */
  ownedByCountry?: boolean;
  /** Money-moving commands need an Idempotency-Key. */
  idempotent?: boolean;
}

const STAFF = ['fund-admin', 'steering-committee', 'finance-officer'] as const;
const ALL = ['government', ...STAFF] as const;

export const ENDPOINTS: readonly Endpoint[] = [
  { service: 'concepts', method: 'POST', route: '/concept-notes', allowed: ['government'] },
  { service: 'concepts', method: 'PUT', route: '/concept-notes/{id}', allowed: ['government'], ownedByCountry: true },
  { service: 'concepts', method: 'POST', route: '/project-proposals', allowed: ['government'] },
  {
    service: 'concepts',
    method: 'PUT',
    route: '/project-proposals/{id}',
    allowed: ['government'],
    ownedByCountry: true,
  },
  { service: 'concepts', method: 'GET', route: '/concepts', allowed: ALL },
  { service: 'concepts', method: 'GET', route: '/concepts/{id}', allowed: ALL, ownedByCountry: true },
  { service: 'concepts', method: 'GET', route: '/concepts/{id}/history', allowed: ALL, ownedByCountry: true },
  { service: 'concepts', method: 'GET', route: '/concepts/{id}/screenings', allowed: ALL, ownedByCountry: true },
  { service: 'concepts', method: 'POST', route: '/concepts/{id}/screenings', allowed: ['fund-admin'] },
  {
    service: 'concepts',
    method: 'POST',
    route: '/concepts/{id}/submit',
    allowed: ['government'],
    ownedByCountry: true,
  },
  {
    service: 'concepts',
    method: 'POST',
    route: '/concepts/{id}/withdraw',
    allowed: ['government'],
    ownedByCountry: true,
  },
  {
    service: 'concepts',
    method: 'POST',
    route: '/concepts/{id}/revise',
    allowed: ['government'],
    ownedByCountry: true,
  },
  {
    service: 'concepts',
    method: 'POST',
    route: '/concepts/{id}/endorsements',
    allowed: ['government'],
    ownedByCountry: true,
  },
  { service: 'concepts', method: 'GET', route: '/concepts/{id}/documents', allowed: ALL, ownedByCountry: true },
  {
    service: 'concepts',
    method: 'GET',
    route: '/concepts/{id}/documents/{documentId}',
    allowed: ALL,
    ownedByCountry: true,
  },
  {
    service: 'concepts',
    method: 'POST',
    route: '/concepts/{id}/documents/{documentId}/versions',
    allowed: ['government'],
    ownedByCountry: true,
  },
  { service: 'concepts', method: 'GET', route: '/reference-data/{dataset}', allowed: ALL },
  { service: 'concepts', method: 'PUT', route: '/reference-data/{dataset}/{key}', allowed: ['fund-admin'] },
  { service: 'concepts', method: 'POST', route: '/reference-data/{dataset}/import', allowed: ['fund-admin'] },
  { service: 'concepts', method: 'GET', route: '/health', allowed: 'public' },
  { service: 'concepts', method: 'GET', route: '/health/ready', allowed: 'public' },

  { service: 'funds', method: 'GET', route: '/funds', allowed: STAFF },
  { service: 'funds', method: 'POST', route: '/funds/{fundCode}/years', allowed: ['fund-admin'] },
  { service: 'funds', method: 'POST', route: '/funds/{fundCode}/close', allowed: ['fund-admin'] },
  {
    service: 'funds',
    method: 'POST',
    route: '/funds/{fundCode}/pockets/{pocketCode}/income',
    allowed: ['finance-officer'],
    idempotent: true,
  },
  {
    service: 'funds',
    method: 'POST',
    route: '/funds/{fundCode}/pockets/{pocketCode}/costs',
    allowed: ['finance-officer'],
    idempotent: true,
  },
  {
    service: 'funds',
    method: 'POST',
    route: '/funds/{fundCode}/credit-line-funding',
    allowed: ['finance-officer'],
    idempotent: true,
  },
  { service: 'funds', method: 'GET', route: '/funds/{fundCode}/balances', allowed: STAFF },
  { service: 'funds', method: 'GET', route: '/ledger/reconciliation', allowed: ['finance-officer', 'fund-admin'] },
  { service: 'funds', method: 'GET', route: '/ledger/entries', allowed: ['finance-officer', 'fund-admin'] },
  { service: 'funds', method: 'POST', route: '/contributions/donors', allowed: ['finance-officer', 'fund-admin'] },
  { service: 'funds', method: 'GET', route: '/contributions/donors', allowed: STAFF },
  {
    service: 'funds',
    method: 'POST',
    route: '/contributions/commitments',
    allowed: ['finance-officer'],
    idempotent: true,
  },
  {
    service: 'funds',
    method: 'POST',
    route: '/contributions/deposits',
    allowed: ['finance-officer'],
    idempotent: true,
  },
  { service: 'funds', method: 'POST', route: '/committee-sessions', allowed: ['fund-admin'] },
  { service: 'funds', method: 'GET', route: '/committee-sessions/{id}', allowed: STAFF },
  { service: 'funds', method: 'POST', route: '/committee-sessions/{id}/positions', allowed: ['steering-committee'] },
  {
    service: 'funds',
    method: 'POST',
    route: '/committee-sessions/{id}/decisions',
    allowed: ['steering-committee'],
    idempotent: true,
  },
  { service: 'funds', method: 'GET', route: '/allocations/{id}', allowed: STAFF },
  {
    service: 'funds',
    method: 'POST',
    route: '/allocations/{id}/transfers',
    allowed: ['finance-officer'],
    idempotent: true,
  },
  {
    service: 'funds',
    method: 'POST',
    route: '/allocations/{id}/expenditures',
    allowed: ['finance-officer'],
    idempotent: true,
  },
  // Revisions (issue 14): requested by fund staff, decided by the approving authority, read by staff and the owner.
  {
    service: 'funds',
    method: 'POST',
    route: '/allocations/{id}/revisions',
    allowed: ['fund-admin', 'finance-officer'],
    idempotent: true,
  },
  { service: 'funds', method: 'GET', route: '/allocations/{id}/revisions', allowed: ALL },
  {
    service: 'funds',
    method: 'POST',
    route: '/allocations/{id}/revisions/{revisionId}/decision',
    allowed: ['steering-committee'],
    idempotent: true,
  },
  {
    service: 'funds',
    method: 'POST',
    route: '/allocations/{id}/close',
    allowed: ['finance-officer'],
    idempotent: true,
  },
  { service: 'funds', method: 'GET', route: '/allocations/{id}/obligations', allowed: STAFF },
  { service: 'funds', method: 'GET', route: '/obligations', allowed: STAFF },
  {
    service: 'funds',
    method: 'POST',
    route: '/allocations/{id}/obligations/{obligationId}/reports',
    allowed: ['fund-admin', 'finance-officer'],
  },
  // Results frameworks (issue 14): fund staff record them and the progress reported with each report.
  {
    service: 'funds',
    method: 'PUT',
    route: '/allocations/{id}/results-framework',
    allowed: ['fund-admin', 'finance-officer'],
  },
  {
    service: 'funds',
    method: 'POST',
    route: '/allocations/{id}/obligations/{obligationId}/progress',
    allowed: ['fund-admin', 'finance-officer'],
  },
  // Documents of an allocation: staff, and the government whose concept it is (another one is answered 404).
  { service: 'funds', method: 'GET', route: '/allocations/{id}/documents', allowed: ALL },
  { service: 'funds', method: 'GET', route: '/documents/{documentId}', allowed: ALL },
  {
    service: 'funds',
    method: 'POST',
    route: '/documents/{documentId}/versions',
    allowed: ['fund-admin', 'finance-officer'],
  },
  { service: 'funds', method: 'GET', route: '/documents/{documentId}/downloads', allowed: ['fund-admin'] },
  { service: 'funds', method: 'GET', route: '/health', allowed: 'public' },
  { service: 'funds', method: 'GET', route: '/health/ready', allowed: 'public' },

  { service: 'reporting', method: 'GET', route: '/pipeline', allowed: ALL },
  { service: 'reporting', method: 'GET', route: '/pipeline/{conceptId}', allowed: ALL, ownedByCountry: true },
  { service: 'reporting', method: 'GET', route: '/reports/pipeline', allowed: STAFF },
  { service: 'reporting', method: 'GET', route: '/reports/regional-balance', allowed: STAFF },
  { service: 'reporting', method: 'GET', route: '/reports/obligations', allowed: ALL },
  { service: 'reporting', method: 'GET', route: '/reports/fund-status/{fund}', allowed: STAFF },
  { service: 'reporting', method: 'GET', route: '/reports/credit-lines/{line}', allowed: ALL },
  { service: 'reporting', method: 'GET', route: '/reports/results', allowed: ALL },
  { service: 'reporting', method: 'GET', route: '/reports/results/{conceptId}', allowed: ALL, ownedByCountry: true },
  {
    service: 'reporting',
    method: 'GET',
    route: '/reports/budgets/programmes/{conceptId}',
    allowed: ALL,
    ownedByCountry: true,
  },
  { service: 'reporting', method: 'GET', route: '/reports/budgets/{fund}/{pocket}', allowed: STAFF },
  { service: 'reporting', method: 'GET', route: '/health', allowed: 'public' },
  { service: 'reporting', method: 'GET', route: '/health/ready', allowed: 'public' },

  // Contacts: a government its own country's, a fund admin any; others see only the contact named for them (G6).
  { service: 'notifications', method: 'POST', route: '/contacts', allowed: ['fund-admin', 'government'] },
  { service: 'notifications', method: 'GET', route: '/contacts', allowed: ALL },
  { service: 'notifications', method: 'GET', route: '/contacts/{id}', allowed: ALL },
  { service: 'notifications', method: 'PUT', route: '/contacts/{id}/preferences', allowed: ALL },
  { service: 'notifications', method: 'DELETE', route: '/contacts/{id}', allowed: ['fund-admin', 'government'] },
  { service: 'notifications', method: 'GET', route: '/notifications', allowed: ['fund-admin'] },
  { service: 'notifications', method: 'POST', route: '/webhooks/endpoints', allowed: ['fund-admin'] },
  { service: 'notifications', method: 'GET', route: '/webhooks/endpoints', allowed: ['fund-admin'] },
  { service: 'notifications', method: 'GET', route: '/webhooks/endpoints/{id}', allowed: ['fund-admin'] },
  { service: 'notifications', method: 'PATCH', route: '/webhooks/endpoints/{id}', allowed: ['fund-admin'] },
  { service: 'notifications', method: 'DELETE', route: '/webhooks/endpoints/{id}', allowed: ['fund-admin'] },
  { service: 'notifications', method: 'POST', route: '/webhooks/endpoints/{id}/secret', allowed: ['fund-admin'] },
  { service: 'notifications', method: 'GET', route: '/webhooks/endpoints/{id}/deliveries', allowed: ['fund-admin'] },
  { service: 'notifications', method: 'POST', route: '/webhooks/endpoints/{id}/replay', allowed: ['fund-admin'] },
  { service: 'notifications', method: 'POST', route: '/webhooks/deliveries/{id}/replay', allowed: ['fund-admin'] },
  { service: 'notifications', method: 'GET', route: '/health', allowed: 'public' },
  { service: 'notifications', method: 'GET', route: '/health/ready', allowed: 'public' },
];

/** `/concepts/{id}` → `/concepts/<value>`, each parameter from `params` (by name) or else `fallback`. */
export function fillRoute(route: string, params: Record<string, string>, fallback: (name: string) => string): string {
  return route.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? fallback(name)));
}

/** The routes and methods an OpenAPI document declares, as `METHOD /route`. */
export function declaredRoutes(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([route, operations]) =>
    Object.keys(operations)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${route}`),
  );
}
