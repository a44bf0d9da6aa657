import { randomUUID } from 'node:crypto';
import { bearer, eventually } from '@fundline/testing';
import { Client } from 'pg';
import request from 'supertest';
import { approval, ApprovalTerms, committeeSession, support } from '../../infra/workload/requests';
import { aConceptNote, aProjectProposal } from './concept-note-builder';
import { submitConcept } from './concept-submissions';
import { FundlineSystem } from './fundline-system';
import { fundCreditLines, usd } from './money-requests';

/** A registered fund's code (tests may register funds of their own). */
export type FundCode = string;
export type Approval = ApprovalTerms;

/**
 * The steps from a government's draft to a committee decision, over HTTP, as the e2e tests take them. `db` is needed
 * only to wait for the funds replica (inFundsPipeline).
 */
export class DecisionSteps {
  constructor(
    private readonly system: FundlineSystem,
    private readonly db?: Client,
  ) {}

  /** A national Fund 1035 proposal of `country` on a credit line, submitted (and so screened) at once. */
  async lineProposal(country: string, line: 1 | 2, amount: string): Promise<string> {
    const body = aProjectProposal({
      countries: [country],
      endorsements: [{ country, letterReference: `L-${country}` }],
      creditLine: line,
      requested: usd(amount),
      budget: {
        staffAndOfficeCosts: usd('20000.00'),
        includesOtherDonorFunding: false,
        includesProposalDevelopmentCosts: false,
      },
    });
    return (await submitConcept(this.system, country, body, 'project-proposals')).id;
  }

  /** A national Fund 1035 proposal of `country`, submitted, and replicated into the funds pipeline. */
  async inFundsPipeline(country: string, withinMs = 20_000): Promise<string> {
    const db = this.db;
    if (!db) throw new Error('inFundsPipeline reads the funds replica: construct DecisionSteps with a database client');
    const body = aProjectProposal({
      countries: [country],
      endorsements: [{ country, letterReference: `L-${country}` }],
    });
    const { id, submitted } = await submitConcept(this.system, country, body, 'project-proposals');
    if (submitted.status !== 'in-pipeline') throw new Error(`${country}: ${JSON.stringify(submitted)}`);
    await eventually(
      async () => {
        const { rows } = await db.query(`SELECT status FROM funds.pipeline_replica WHERE concept_id = $1`, [id]);
        return rows[0]?.status === 'in-pipeline' ? true : undefined;
      },
      withinMs,
      'the funds replica',
    );
    return id;
  }

  /** A session of one member who supports every entry of the agenda. */
  async sessionFor(agenda: string[], fundCode: FundCode = 'FUND_1035'): Promise<string> {
    const res = await this.openSession(fundCode, agenda).expect(201);
    await this.supportAll(res.body.id, agenda);
    return res.body.id as string;
  }

  /** The committee's approval, as answered: the caller checks the status (a refusal is an answer too). */
  decide(sessionId: string, conceptId: string, terms: Approval) {
    return request(this.system.http('funds'))
      .post(`/committee-sessions/${sessionId}/decisions`)
      .set(bearer('steering-committee'))
      .set('Idempotency-Key', randomUUID())
      .send(approval(conceptId, 'Recommended', terms));
  }

  approve(sessionId: string, conceptId: string, creditLine: 1 | 2, amount = '100000.00') {
    return this.decide(sessionId, conceptId, { amount: usd(amount), creditLine });
  }

  /**
   * Approves a pipeline entry in a session of its own, once the funds replica holds the entry (until then no session
   * takes it on its agenda). Answers the allocation's id.
   */
  approveEntry(fundCode: FundCode, conceptId: string, terms: Approval): Promise<string> {
    return eventually(
      async () => {
        const res = await this.openSession(fundCode, [conceptId]);
        if (res.status !== 201) return undefined;
        await this.supportAll(res.body.id, [conceptId]);
        const decided = await this.decide(res.body.id, conceptId, terms).expect(201);
        return decided.body.allocation.allocationId as string;
      },
      20_000,
      `approval of ${conceptId}`,
    );
  }

  /**
   * A Migration MPTF concept note of the Philippines, submitted and approved for `amount` out of `pocketCode`, shared
   * among the participating organisations as `shares` says (organisation → amount). Answers the allocation's id.
   */
  async approvedConceptNote(pocketCode: string, amount: string, shares: Record<string, string>): Promise<string> {
    const { id } = await submitConcept(this.system, 'PHL', aConceptNote());
    return this.approveEntry('MIGRATION_MPTF', id, {
      amount: usd(amount),
      pocketCode,
      shares: Object.entries(shares).map(([organisation, share]) => ({ organisation, amount: usd(share) })),
    });
  }

  approveOnLine(conceptId: string, amount: string, creditLine: 1 | 2): Promise<string> {
    return this.approveEntry('FUND_1035', conceptId, { amount: usd(amount), creditLine });
  }

  /** Funds both Fund 1035 lines for 2026 (F9), so approvals have money to commit. */
  async fundTheLines(): Promise<void> {
    await fundCreditLines(this.system.http('funds'), 2026, '1400000.00', '30000000.00');
  }

  private openSession(fundCode: FundCode, agenda: string[]) {
    return request(this.system.http('funds'))
      .post('/committee-sessions')
      .set(bearer('fund-admin'))
      .send(committeeSession(fundCode, agenda));
  }

  private async supportAll(sessionId: string, agenda: string[]): Promise<void> {
    for (const conceptId of agenda) {
      await request(this.system.http('funds'))
        .post(`/committee-sessions/${sessionId}/positions`)
        .set(bearer('steering-committee'))
        .send(support(conceptId))
        .expect(200);
    }
  }
}
