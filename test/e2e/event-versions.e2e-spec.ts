import { randomUUID } from 'node:crypto';
import {
  ALLOCATION_APPROVED_V1,
  ALLOCATION_APPROVED_V2,
  ALLOCATION_DEFERRED_V1,
  ALLOCATION_DEFERRED_V2,
  ALLOCATION_REJECTED_V1,
  ALLOCATION_REJECTED_V2,
  TOPICS,
} from '@fundline/contracts';
import { ensureTopics, physicalName } from '@fundline/messaging';
import { bearer, eventually, readTopic, ReadMessage, testKafka } from '@fundline/testing';
import request from 'supertest';
import { rebuildReadModel } from '../../apps/reporting/src/rebuild/rebuild-read-model';
import { DecisionSteps } from '../support/decision-steps';
import { fundlineForThisFile } from '../support/fundline-system';
import { untilReported } from '../support/read-model';

/** How a v2 decision was written before v2: the same event under its v1 type, the outcome also in `decision`. */
const AS_V1: Record<string, { type: string; decision: string }> = {
  [ALLOCATION_APPROVED_V2]: { type: ALLOCATION_APPROVED_V1, decision: 'approve' },
  [ALLOCATION_DEFERRED_V2]: { type: ALLOCATION_DEFERRED_V1, decision: 'defer' },
  [ALLOCATION_REJECTED_V2]: { type: ALLOCATION_REJECTED_V1, decision: 'reject' },
};

/**
 * Old events stay on the topics after the committee decisions became v2 (approved, deferred and rejected apart). A
 * rebuild of the read model reads them as v2: over topics holding both versions it draws the same reports as over
 * topics holding only v2.
 */
describe('event versions: a rebuild over v1 and v2 decisions', () => {
  const fundline = fundlineForThisFile();
  const ids: Record<string, string> = {};

  /** A decision other than an approval, once the funds replica holds the entry (until then no session takes it). */
  function decide(conceptId: string, decision: 'defer' | 'reject') {
    return eventually(
      async () => {
        const funds = fundline.system.http('funds');
        const session = await request(funds)
          .post('/committee-sessions')
          .set(bearer('fund-admin'))
          .send({
            fundCode: 'FUND_1035',
            quorum: 1,
            members: [{ memberId: 'chair', name: 'Chair', represents: 'donor' }],
            agenda: [conceptId],
          });
        if (session.status !== 201) return undefined;
        await request(funds)
          .post(`/committee-sessions/${session.body.id}/positions`)
          .set(bearer('steering-committee'))
          .send({ conceptId, memberId: 'chair', position: 'support' })
          .expect(200);
        return request(funds)
          .post(`/committee-sessions/${session.body.id}/decisions`)
          .set(bearer('steering-committee'))
          .set('Idempotency-Key', randomUUID())
          .send({ conceptId, decision, reasons: `Committee chose to ${decision}` })
          .expect(201);
      },
      20_000,
      `${decision} of ${conceptId}`,
    );
  }

  async function reports() {
    const get = (path: string) =>
      request(fundline.system.http('reporting')).get(path).set(bearer('fund-admin')).expect(200);
    const bodies = await Promise.all([
      get('/reports/credit-lines/LINE_1?year=2026&asOf=2026-12-31T00:00:00Z'),
      get('/reports/credit-lines/LINE_2?year=2026&asOf=2026-12-31T00:00:00Z'),
      get('/reports/obligations?on=2029-06-30'),
      get('/reports/pipeline?by=status'),
      get('/pipeline?limit=200'),
    ]);
    return bodies.map((b) => b.body);
  }

  function rebuildFrom(kafkaNamespace: string) {
    return rebuildReadModel({
      databaseUrl: fundline.system.db.url,
      kafkaBrokers: fundline.system.config.kafkaBrokers,
      kafkaNamespace,
    });
  }

  /** Every message of one of the system's topics, in order within each partition. */
  async function everyMessage(topic: string): Promise<ReadMessage[]> {
    const admin = testKafka().admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    const total = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    const messages = await readTopic(topic, (m) => m.length >= total);
    return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  }

  /**
   * Copies the system's topics into a namespace of their own, each message on its partition and in its order, with
   * the decisions on the concepts `asV1` names written as v1: topics as a system that published v1 before leaves them.
   */
  async function copyWithV1Decisions(asV1: string[]): Promise<{ namespace: string; types: string[] }> {
    const namespace = `${fundline.system.config.kafkaNamespace}-mixed`;
    const kafka = testKafka();
    await ensureTopics(kafka, namespace);
    const producer = kafka.producer();
    await producer.connect();
    const types: string[] = [];
    try {
      for (const topic of [TOPICS.concepts, TOPICS.funds]) {
        const messages = (await everyMessage(physicalName(fundline.system.config.kafkaNamespace, topic))).map((m) => {
          const event = JSON.parse(m.value!);
          const v1 = AS_V1[event.type];
          if (v1 && asV1.includes(event.payload.conceptId)) {
            event.type = v1.type;
            event.payload = { ...event.payload, decision: v1.decision };
          }
          types.push(event.type);
          return {
            key: m.key,
            partition: m.partition,
            value: JSON.stringify(event),
            headers: { ...m.headers, 'event-type': event.type },
          };
        });
        await producer.send({ topic: physicalName(namespace, topic), acks: -1, messages });
      }
    } finally {
      await producer.disconnect();
    }
    return { namespace, types };
  }

  beforeAll(async () => {
    const steps = new DecisionSteps(fundline.system);
    await steps.fundTheLines();
    ids.phl = await steps.lineProposal('PHL', 2, '200000.00');
    ids.mex = await steps.lineProposal('MEX', 1, '100000.00');
    ids.ken = await steps.lineProposal('KEN', 2, '150000.00');
    ids.sen = await steps.lineProposal('SEN', 1, '80000.00');
    await steps.approveOnLine(ids.phl, '200000.00', 2);
    await steps.approveOnLine(ids.mex, '90000.00', 1);
    await decide(ids.ken, 'defer');
    await decide(ids.sen, 'reject');
    await untilReported(async () => {
      const res = await request(fundline.system.http('reporting'))
        .get('/reports/pipeline?by=status&fund=FUND_1035')
        .set(bearer('fund-admin'));
      const entries = (status: string) =>
        res.body.find?.((g: { status: string; entries: number }) => g.status === status)?.entries;
      return res.status === 200 && entries('approved') === 2 && entries('deferred') === 1 && entries('rejected') === 1;
    }, 'the four decisions in the pipeline report');
  }, 120_000);

  it('draws the same reports from topics holding v1 and v2 decisions as from topics holding only v2', async () => {
    const live = await reports();
    await rebuildFrom(fundline.system.config.kafkaNamespace);
    const onlyV2 = await reports();
    expect(onlyV2).toEqual(live);

    // One approval and the deferral as v1, the other approval and the rejection as v2.
    const mixed = await copyWithV1Decisions([ids.phl, ids.ken]);
    const decisions = mixed.types.filter((t) => /^allocation\.(approved|deferred|rejected)\./.test(t));
    expect(decisions.sort()).toEqual(
      [ALLOCATION_APPROVED_V1, ALLOCATION_DEFERRED_V1, ALLOCATION_APPROVED_V2, ALLOCATION_REJECTED_V2].sort(),
    );
    const result = await rebuildFrom(mixed.namespace);
    expect(result.events).toBe(mixed.types.length);
    expect(await reports()).toEqual(onlyV2);
  }, 120_000);
});
