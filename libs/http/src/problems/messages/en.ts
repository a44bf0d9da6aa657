import { Message } from './message';

/**
 * English problem texts, the reference for the other languages: one entry per stable problem code (`HTTP.<status>`
 * for the generic ones), `code/variant` where one code is thrown with differently worded details. `{name}` is a
 * parameter the throw site passes; `{count}`, `{fields}` and `{rules}` are filled from the problem's violations.
 * An entry without a title takes its status's (`HTTP.<status>`).
 */
export const EN = {
  // Generic, by status: the title of every problem without its own, and the detail of last resort.
  'HTTP.400': { title: 'The request is invalid', detail: 'The request is invalid' },
  'HTTP.401': { title: 'Authentication is required', detail: 'Authentication is required' },
  'HTTP.401/BEARER_REQUIRED': { detail: 'a bearer token is required' },
  'HTTP.401/INVALID_TOKEN': { detail: 'invalid token: {reason}' },
  'HTTP.403': { title: 'This is not allowed for your role', detail: 'This is not allowed for your role' },
  'HTTP.403/ROLE': { detail: 'role {role} may not do this; allowed: {allowed}' },
  'HTTP.404': { title: 'Not found', detail: 'Not found' },
  'HTTP.405': { title: 'Method not allowed', detail: 'Method not allowed' },
  'HTTP.409': { title: 'Conflict with the current state', detail: 'Conflict with the current state' },
  'HTTP.413': { title: 'The request body is too large', detail: 'The request body is too large' },
  'HTTP.414': { title: 'The request URI is too long', detail: 'The request URI is too long' },
  'HTTP.415': { title: 'Unsupported media type', detail: 'Unsupported media type' },
  'HTTP.422': { title: 'A business rule was broken', detail: 'A business rule was broken' },
  'HTTP.429': { title: 'Too many requests', detail: 'Too many requests' },
  'HTTP.429/RATE_LIMIT': {
    detail: 'more than {perSecond} requests per second (burst {burst}) from this client; retry after {retryAfter} s',
  },
  'HTTP.431': {
    title: 'The request line or headers are too large',
    detail: 'The request line or headers are too large',
  },
  'HTTP.4XX': { title: 'Client error', detail: 'Client error' },
  INTERNAL: {
    title: 'Internal error',
    detail: 'The request could not be completed; it has been logged with its correlation id.',
  },
  'EVENTS.NOT_CAUGHT_UP': {
    title: 'The service is catching up with events; try again',
    detail: 'this service has not yet applied every event published before the request; nothing was decided, try again',
  },
  'HEALTH.NOT_READY': { title: 'The service is not ready', detail: 'not ready: {down} down' },

  // Requests refused before any business rule (libs/http).
  'REQUEST.INVALID': { detail: '{count} problem(s) with the request: {fields}' },
  'REQUEST.MALFORMED_JSON': {
    title: 'The request body is not valid JSON',
    detail: 'The body is not valid JSON: parsing stopped on line {line}, column {column} (character {position})',
  },
  'REQUEST.TOO_DEEP': { detail: 'the body nests deeper than {limit} levels' },
  'REQUEST.NUL_CHARACTER': { detail: 'the body contains a NUL character' },
  'REQUEST.NUL_CHARACTER/URL': { detail: 'the URL contains a NUL character' },
  'IDEMPOTENCY.KEY_REQUIRED': { detail: 'Idempotency-Key is required' },
  'IDEMPOTENCY.IN_FLIGHT': {
    detail: 'a request with the same Idempotency-Key is still being processed; retry later',
  },
  'IDEMPOTENCY.KEY_REUSED': { detail: 'this Idempotency-Key was already used for a different request' },

  // Concepts: submissions, concept notes, project proposals, reference data.
  'SUBMISSION.NOT_FOUND': { detail: 'submission {id} not found' },
  'SUBMISSION.NOT_DRAFT': { detail: 'only a draft can be edited (G4); this submission is {status}' },
  'SUBMISSION.NOT_SCREENABLE': {
    detail: 'only pipeline entries and ineligible submissions are re-screened; this one is {status}',
  },
  'SUBMISSION.NOT_EXPIRED': { detail: 'submission {id} is still valid' },
  'SUBMISSION.NOT_REVISABLE': {
    detail: 'only an ineligible submission is revised as a new version (G4); this one is {status}',
  },
  'SUBMISSION.TRANSITION_NOT_ALLOWED': {
    detail: 'a submission cannot move from {from} to {to} (G4); allowed from {from}: {allowed}',
  },
  'SUBMISSION.GOVERNMENT_LED': {
    detail: 'only a government drafts and submits (M2, F5); fund staff never submit on its behalf',
  },
  'SUBMISSION.KIND': { detail: 'submission {id} is a {kind}' },
  'CONCEPT_NOTE.UNKNOWN_REFERENCE': { detail: 'the concept note names reference data that does not exist: {fields}' },
  'CONCEPT_NOTE.RULE_BROKEN': { detail: 'the concept note breaks {count} rule(s): {rules}' },
  'PROJECT_PROPOSAL.UNKNOWN_REFERENCE': {
    detail: 'the project proposal names reference data that does not exist: {fields}',
  },
  'PROJECT_PROPOSAL.RULE_BROKEN': { detail: 'the project proposal breaks {count} rule(s): {rules}' },
  'REFERENCE_DATA.KEY': { detail: 'malformed key' },
  'REFERENCE_DATA.FILE_REQUIRED': { detail: 'no file was sent' },
  'REFERENCE_DATA.UNKNOWN_DATASET': { detail: 'no dataset {dataset}' },
  'REFERENCE_DATA.VERSION_EXISTS': {
    detail:
      '{dataset}/{key} already has a version effective {effectiveFrom}; versions are never changed: record the ' +
      'correction with a later effective date',
  },
  'REFERENCE_DATA.IMPORT_UNREADABLE': {
    title: 'The file cannot be read',
    detail: 'the file cannot be read as a list; see the errors for {fields}',
  },
  'REFERENCE_DATA.IMPORT_INVALID': {
    title: 'The list is invalid',
    detail: 'the list breaks {count} rule(s); see the errors for {fields}',
  },

  // Funds: funds, contributions, committee, allocations, ledger.
  'FUND.UNKNOWN': { detail: 'no fund {fundCode}' },
  'FUND.UNKNOWN_POCKET': { detail: 'fund {fundCode} has no pocket {pocketCode}' },
  'FUND.NOT_FOUND': { detail: 'no fund {fundCode}' },
  'FUND.CLOSED': { detail: 'fund {fundCode} is closed and accepts no new money' },
  'INCOME.CURRENCY': { detail: "recorded in {currency}, the fund's reporting currency" },
  'FUND_COST.CURRENCY': { detail: "recorded in {currency}, the fund's reporting currency" },
  'FUND_COST.EARMARKED': {
    detail:
      '{pocketCode} holds earmarked money, which funds only its thematic area: charge direct costs to the ' +
      'unearmarked pool',
  },
  'CONTRIBUTION.UNKNOWN_REFERENCE': { detail: 'the request names something that does not exist: {fields}' },
  'COMMITMENT.SCHEDULE': { detail: 'the schedule adds up to {scheduled}, the commitment is {amount}' },
  'COMMITMENT.SCHEDULE/CURRENCY': { detail: 'payments are in {currency}' },
  'DEPOSIT.NOT_AS_COMMITTED': {
    detail: 'the commitment is to {fundCode}/{pocketCode}; earmarked money funds only that',
  },
  'DEPOSIT.RATE': { detail: 'a USD deposit has a rate of exactly 1' },
  'DEPOSIT.TOO_SMALL': { detail: 'the USD equivalent rounds to zero' },
  'SESSION.NOT_FOUND': { detail: 'no session {id}' },
  'SESSION.AGENDA': { detail: 'not in the {fundCode} pipeline: {missing}' },
  'SESSION.MEMBERS': { detail: 'each member once' },
  'SESSION.QUORUM': { detail: 'the quorum cannot exceed the members' },
  'SESSION.NOT_A_MEMBER': { detail: '{memberId} is not a member of session {sessionId}' },
  'SESSION.NO_QUORUM': {
    detail: '{participants} member(s) not recused took part; the quorum is {quorum}',
  },
  'SESSION.NO_CONSENSUS': { detail: 'no consensus: objection from {objectors}' },
  'SESSION.CLOSED': { detail: 'session {id} is closed' },
  'SESSION.NOT_ON_AGENDA': { detail: '{conceptId} is not on the agenda of session {sessionId}' },
  'SESSION.ALREADY_DECIDED': { detail: '{conceptId} was already decided in this session' },
  'ALLOCATION.UNKNOWN_ENTRY': { detail: '{conceptId} is not in the {fundCode} pipeline' },
  'ALLOCATION.NOT_IN_PIPELINE': { detail: '{conceptId} is {status}' },
  'ALLOCATION.NOT_IN_PIPELINE/APPROVAL': {
    detail: '{conceptId} is {status}; only an eligible pipeline entry is approved (G4)',
  },
  'ALLOCATION.AMOUNT': { detail: 'an approval states its amount' },
  'ALLOCATION.NOT_APPROVABLE': { detail: 'the allocation cannot be approved: {count} rule(s) broken: {rules}' },
  'ALLOCATION.EARMARK': {
    detail: 'a programme draws only on unearmarked money or on money earmarked to its own thematic area',
  },
  'ALLOCATION.SHARES': {
    detail: 'one share per participating organisation, adding up to the approved amount',
  },
  'ALLOCATION.UNKNOWN_ORGANISATION': { detail: '{organisation} has no share in allocation {allocationId}' },
  'ALLOCATION.NOT_FOUND': { detail: 'no allocation {id}' },
  'ALLOCATION.CLOSED': { detail: 'allocation {id} is closed' },
  'TRANSFER.ABOVE_SHARE': { detail: '{organisation} may receive at most {room} more (share {share})' },
  'EXPENDITURE.ABOVE_TRANSFERS': {
    detail: '{organisation} would have spent more than the {transferred} transferred to it',
  },
  'EXPENDITURE.LINES': {
    detail: 'the expenditure by category adds up to {total}, not to the {amount} reported, or names a category twice',
  },
  'REVISION.TOO_LATE': {
    detail: 'revisions are requested at least one month before the end date {endDate}',
  },
  'REVISION.END_DATE': { detail: 'a no-cost extension ends after {endDate}' },
  'REVISION.CHANGE': { detail: 'a {kind} states its own change and no other: {count} field(s) wrong: {fields}' },
  'REVISION.BUDGET_UNKNOWN': {
    detail: 'the revised budget names what this allocation does not have: {count} problem(s): {rules}',
  },
  'REVISION.BUDGET': { detail: 'the revised budget is not whole: {count} rule(s) broken: {rules}' },
  'REVISION.NOT_APPROVABLE': { detail: 'the revision cannot be approved: {count} rule(s) broken: {rules}' },
  'REVISION.NOT_FOUND': { detail: 'no revision {id}' },
  'REVISION.NOT_PENDING': { detail: 'revision {id} is {status}; only a pending revision is decided' },
  'REVISION.STALE': {
    detail: 'the allocation changed since revision {id} was requested; request it again on the allocation as it is',
  },
  'OBLIGATION.NOT_FOUND': { detail: 'no obligation {id}' },
  'OBLIGATION.SUBMITTED': { detail: 'already submitted on {submittedOn}' },
  'RESULTS_FRAMEWORK.DUPLICATE_CODE': {
    detail: 'codes are unique across a results framework (RF2): {codes} used more than once',
  },
  'RESULTS_FRAMEWORK.IN_USE': {
    detail: 'progress has been reported against the results framework of allocation {id}; it no longer changes',
  },
  'RESULTS_FRAMEWORK.MISSING': {
    detail: 'allocation {id} has no results framework yet: record it before reporting progress',
  },
  'RESULTS.UNKNOWN_INDICATOR': { detail: 'no indicator {indicators} in the results framework of allocation {id}' },
  'RESULTS.DUPLICATE_INDICATOR': { detail: 'one figure per indicator per report: {indicators} given more than once' },
  'RESULTS.NOT_A_PROGRESS_REPORT': {
    detail: 'progress is reported with an interim or final narrative report, not with {kind}',
  },
  'LINE_FUNDING.NO_CREDIT_LINES': { detail: '{fundCode} is not funded by credit line: it has no Line 1 and Line 2' },
  'LINE_FUNDING.CURRENCY': { detail: 'F9 amounts are recorded in USD' },
  'LINE_FUNDING.YEAR_NOT_OPEN': { detail: 'fund year {year} of {fundCode} is not open' },
  'LINE_FUNDING.ALREADY_RECORDED': {
    detail: 'the credit lines of {fundCode} are already funded for {year}; correct it with a reversing entry',
  },
  'LEDGER.UNKNOWN_ACCOUNT': { detail: 'no ledger account {account}' },
  'LEDGER.CURRENCY_MISMATCH': { detail: 'account {account} is in {accountCurrency}, the entry in {currency}' },
  'LEDGER.AMOUNT_TOO_LARGE': {
    detail: 'this movement would take {account} beyond {limit} {currency}, the most an amount can be',
  },
  'LEDGER.INSUFFICIENT_BALANCE': {
    detail: '{account} holds {balance} {currency}; this movement would take it below zero',
  },
  'LEDGER.ENTRY_INVALID': { detail: 'the journal entry is not a balanced double entry (G2)' },

  // Reporting.
  'REPORT.UNKNOWN_FUND': { detail: 'no fund status report for {fund}' },
  'REPORT.UNKNOWN_LINE': { detail: 'no credit line {line}' },
  'REPORT.UNKNOWN_POCKET': { detail: '{fund} has no line or window {pocket}' },
  'REPORT.PERIOD': { detail: 'a fund year or a period, not both' },
  'REPORT.PERIOD/REVERSED': { detail: 'the period ends before it starts' },
  'PIPELINE.NOT_FOUND': { detail: 'pipeline entry {conceptId} not found' },

  // Notifications: contacts and their preferences.
  'CONTACT.FORBIDDEN': {
    detail: 'a government registers contacts of its own country only; other contacts are registered by a fund admin',
  },
  'CONTACT.DUPLICATE': { detail: 'this e-mail address is already a contact of this party' },
  'CONTACT.NOT_FOUND': { detail: 'no such contact' },
  'CONTACT.PARTY_UNKNOWN': { detail: 'the party is not named by a known code' },
  'PREFERENCES.CONTRACTUAL': {
    detail: 'reminders of reports owed under an agreement (F12, M11) cannot be switched off',
  },
  'WEBHOOK.URL': { detail: '{url} may not receive webhooks: http or https, no credentials, a public host' },
  'WEBHOOK.ENDPOINT_NOT_FOUND': { detail: 'No webhook endpoint {id}' },
  'WEBHOOK.DELIVERY_NOT_FOUND': { detail: 'No webhook delivery {id}' },
  'WEBHOOK.IN_FLIGHT': { detail: 'Delivery {id} is being attempted now; replay it once the attempt is over' },
  'WEBHOOK.EVENT_TYPES': { detail: 'unknown event types {unknown}; known: {known}' },

  // Documents (libs/documents): uploads refused before anything is stored, and look-ups.
  'DOCUMENT.TOO_LARGE': { title: 'The file is too large', detail: 'the file is larger than {limit} bytes' },
  'DOCUMENT.TYPE': {
    title: 'The file type is not accepted',
    detail: "the file's content is {detected}, which is not accepted; allowed: {allowed}",
  },
  'DOCUMENT.TYPE/UNKNOWN': { detail: "the file's content is not of a recognised type; allowed: {allowed}" },
  'DOCUMENT.EMPTY': { title: 'The file is empty', detail: 'the file is empty' },
  'DOCUMENT.NAME': { title: 'The file name is not accepted', detail: 'the file name is not accepted' },
  'DOCUMENT.NAME/MISSING': { detail: 'the file has no name' },
  'DOCUMENT.NAME/SEPARATOR': { detail: 'a file name holds no path separator (/ or \\)' },
  'DOCUMENT.NAME/DOTS': { detail: 'a file name holds no ".."' },
  'DOCUMENT.NAME/CONTROL': { detail: 'a file name holds no control character' },
  'DOCUMENT.NAME/LENGTH': { detail: 'a file name is at most {limit} bytes in UTF-8' },
  'DOCUMENT.CHECKSUM': {
    title: 'The file does not match its checksum',
    detail: "the file's SHA-256 is {actual}, not the {declared} declared; it was altered or cut in transit",
  },
  'DOCUMENT.CHECKSUM/FORMAT': {
    title: 'The request is invalid',
    detail: 'sha256 is the file’s SHA-256 as 64 hexadecimal digits',
  },
  'DOCUMENT.MULTIPART': { detail: 'the upload is not a valid multipart/form-data request' },
  'DOCUMENT.MULTIPART/CONTENT_TYPE': { detail: 'a document is uploaded as multipart/form-data' },
  'DOCUMENT.MULTIPART/MALFORMED': { detail: 'the multipart/form-data body is malformed or was cut short' },
  'DOCUMENT.MULTIPART/FILE_MISSING': {
    detail: 'no file was sent: send it as the multipart/form-data part "file", with a file name',
  },
  'DOCUMENT.MULTIPART/FILE_TWICE': { detail: 'one file per upload, in the part "file"' },
  'DOCUMENT.MULTIPART/FIELD': { detail: 'the field {field} is not accepted here; accepted: {accepted}' },
  'DOCUMENT.MULTIPART/ORDER': { detail: 'the field {field} comes after the file; send the fields first' },
  'DOCUMENT.NOT_FOUND': { detail: 'no document {id}' },
  'DOCUMENT.NOT_DRAFT': { detail: 'letters are attached to a draft; this one is {status}' },
  'DOCUMENT.ENDORSER': { detail: '{country} is not a country of this submission ({countries})' },
  'DOCUMENT.GENERATED': {
    detail: 'the {kind} is written by Fundline; it changes with the allocation, not by upload',
  },
  'DOCUMENT.SUPERSEDED': {
    detail: 'document {id} was already replaced by a newer version; replace the latest version',
  },
  'DOCUMENT.SUPERSEDES': {
    detail: 'document {id} belongs to another owner or is of another kind; a new version replaces its own document',
  },
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof EN;
