import { bearer } from '@fundline/testing';
import request from 'supertest';
import { FundlineSystem } from './fundline-system';

/** A fund admin records `country` as subject to Article 4 (in arrears) from `since`; answers the response. */
export function recordArticle4(system: FundlineSystem, country: string, since = '2026-11-01') {
  return request(system.http('concepts'))
    .put(`/reference-data/article4/${country}`)
    .set(bearer('fund-admin'))
    .send({
      effectiveFrom: since,
      value: { subject: true, since, arrearsMinor: '50000000', dueTwoYearsMinor: '40000000' },
    })
    .expect(200);
}
