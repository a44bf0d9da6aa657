import request from 'supertest';
import { bearer } from '@fundline/testing';
import { LETTER_PDF } from './endorsements';

/** Uploads a report against an obligation, as fund staff (issue 13: the upload, and nothing else, fulfils it). */
export function uploadReport(
  http: Parameters<typeof request>[0],
  allocationId: string,
  obligationId: string,
  role: 'fund-admin' | 'finance-officer' = 'fund-admin',
) {
  return request(http)
    .post(`/allocations/${allocationId}/obligations/${obligationId}/reports`)
    .set(bearer(role))
    .attach('file', Buffer.from(LETTER_PDF), { filename: 'report.pdf', contentType: 'application/pdf' });
}
