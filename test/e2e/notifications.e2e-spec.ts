import { randomUUID } from 'node:crypto';
import { bearer, eventually, ReceivedMail, startTestSmtpServer, TestSmtpServer } from '@fundline/testing';
import { createKafka } from '@fundline/messaging';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NoticeScan } from '../../apps/notifications/src/reminders/notice-scan';
import { replayNotifier } from '../../apps/notifications/src/replay/replay-notifier';
import { DecisionSteps } from '../support/decision-steps';
import { aProjectProposal } from '../support/concept-note-builder';
import { submitConcept } from '../support/concept-submissions';
import { fundlineForThisFile } from '../support/fundline-system';
import { usd } from '../support/money-requests';

/**
 * The notifier on the real stack: the three services, the broker, PostgreSQL and a real SMTP server on loopback, read
 * back as a mail client would. Time is the system's test clock, moved to the days the rules speak of.
 */
/** A Senegalese Line 2 proposal whose staff and office costs are 60% of the budget: screened ineligible by F7. */
function overStaffCosts(title: string) {
  return aProjectProposal({
    countries: ['SEN'],
    endorsements: [{ country: 'SEN', letterReference: `L-${title}` }],
    title,
    budget: {
      staffAndOfficeCosts: usd('90000.00'),
      includesOtherDonorFunding: false,
      includesProposalDevelopmentCosts: false,
    },
  });
}

describe('notifications (issue 15)', () => {
  const f = fundlineForThisFile();
  let smtp: TestSmtpServer;
  const contacts: Record<string, string> = {};
  /** The Senegalese Line 2 project approved in the reminder test, revised later. */
  let allocationId = '';

  const notifier = () => f.system.http('notifications');
  const scan = () => f.system.app('notifications').get(NoticeScan).scan();
  const mailsTo = (address: string, kind?: string) =>
    smtp.received.filter((m: ReceivedMail) => m.to.includes(address) && (!kind || m.kind === kind));

  async function contact(body: Record<string, unknown>, token = bearer('fund-admin')): Promise<string> {
    const res = await request(notifier()).post('/contacts').set(token).send(body).expect(201);
    return res.body.contactId as string;
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    f.system.notifier = { ...f.system.notifier, smtpUrl: smtp.url };
    await f.system.startService('notifications');
    // The government registers its own focal point; a fund admin registers the organisation and the fund's staff.
    contacts.senegal = await contact(
      { partyType: 'government', partyCode: 'SEN', name: 'Awa Diop', email: 'awa.diop@example.sn' },
      bearer('government', 'SEN'),
    );
    contacts.iom = await contact({
      partyType: 'organisation',
      partyCode: 'IOM',
      name: 'Lucía Pérez',
      email: 'lucia.perez@example.org',
      language: 'es',
    });
    contacts.staff = await contact({
      partyType: 'fund-staff',
      partyCode: 'FUND_1035',
      name: 'Fund staff',
      email: 'idf@example.org',
    });
  });

  afterAll(async () => {
    await smtp?.stop();
  });

  it('an ineligible verdict reaches the government in French for a francophone country, the failed rule in plain words', async () => {
    const body = overStaffCosts('Gestion des frontières');
    const { submitted } = await submitConcept(f.system, 'SEN', body, 'project-proposals');
    expect(submitted.status).toBe('screened-ineligible');

    await smtp.waitFor(() => mailsTo('awa.diop@example.sn').length >= 1);
    const [mail] = mailsTo('awa.diop@example.sn');
    expect(mail.language).toBe('fr');
    expect(mail.kind).toBe('screening-ineligible');
    expect(mail.subject).toBe('Non éligible : « Gestion des frontières »');
    expect(mail.text).toContain('- F7: des coûts de personnel et de bureau de 30 % du budget au plus');
    expect(mail.text).toContain('Awa Diop');
    // The organisation is not told of a verdict on a government's submission; staff are.
    expect(mailsTo('lucia.perez@example.org')).toEqual([]);
    await smtp.waitFor(() => mailsTo('idf@example.org', 'screening-ineligible').length === 1);
  });

  it('F12 a report due in 7 days gets exactly one reminder per recipient, through a restart and a replay of the notifier', async () => {
    const steps = new DecisionSteps(f.system, f.db);
    await steps.fundTheLines();
    const proposal = await steps.inFundsPipeline('SEN');
    allocationId = await steps.approveOnLine(proposal, '100000.00', 2);
    await smtp.waitFor(
      () =>
        mailsTo('awa.diop@example.sn', 'decision-approved').length === 1 &&
        mailsTo('lucia.perez@example.org', 'decision-approved').length === 1,
    );
    expect(mailsTo('awa.diop@example.sn', 'decision-approved')[0].text).toContain('100\u202f000,00 USD');
    expect(mailsTo('lucia.perez@example.org', 'decision-approved')[0].subject).toMatch(/^Aprobada: «/);

    const first = await eventually(async () => {
      const { rows } = await f.db.query(
        `SELECT obligation_id, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM notifications.obligations
         WHERE allocation_id = $1 ORDER BY due_on, obligation_id LIMIT 1`,
        [allocationId],
      );
      return rows[0] as { obligation_id: string; kind: string; due_on: string } | undefined;
    });
    const sevenDaysBefore = new Date(Date.parse(`${first.due_on}T09:00:00Z`) - 7 * 86_400_000);
    f.system.clock.set(sevenDaysBefore);

    const reminders = () => smtp.received.filter((m) => m.kind === 'obligation-reminder');
    await scan();
    await smtp.waitFor(() => reminders().length >= 3);
    const once = reminders()
      .map((m) => [m.to.join(), m.language, m.subject])
      .sort();
    expect(once).toEqual(
      [
        [
          'awa.diop@example.sn',
          'fr',
          expect.stringMatching(/^Rapport attendu dans 7 jours : cadre de suivi des résultats/),
        ],
        ['idf@example.org', 'en', expect.stringMatching(/^Report due in 7 days: results monitoring framework/)],
        ['lucia.perez@example.org', 'es', expect.stringMatching(/^Informe pendiente en 7 días: marco de seguimiento/)],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    // The same day scanned again, the notifier restarted, then its whole state replayed from the topics.
    await scan();
    await f.system.stopService('notifications');
    await f.system.startService('notifications');
    await scan();
    await f.system.stopService('notifications');
    const dataSource = new DataSource({ type: 'postgres', url: f.system.db.url, schema: 'notifications' });
    await dataSource.initialize();
    await replayNotifier(
      dataSource,
      createKafka('test-replay', f.system.config.kafkaBrokers),
      f.system.config.kafkaNamespace,
    );
    await dataSource.destroy();
    await f.system.startService('notifications');
    await eventually(async () => {
      const { rows } = await f.db.query(`SELECT 1 FROM notifications.obligations WHERE obligation_id = $1`, [
        first.obligation_id,
      ]);
      return rows.length ? true : undefined;
    });
    await scan();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(reminders()).toHaveLength(3);
    const { rows } = await f.db.query(
      `SELECT count(*)::int AS n FROM notifications.notifications WHERE kind = 'obligation-reminder'`,
    );
    expect(rows[0].n).toBe(3);
    // The replay did not mail the past again either: one approval notice per recipient.
    expect(mailsTo('awa.diop@example.sn', 'decision-approved')).toHaveLength(1);

    // The day after the due date, still not submitted: overdue, once per recipient, however often it is scanned.
    f.system.clock.set(`${first.due_on}T00:00:00Z`);
    f.system.clock.set(new Date(f.system.clock.now().getTime() + 86_400_000 + 3_600_000));
    await scan();
    await scan();
    const overdue = () => smtp.received.filter((m) => m.kind === 'obligation-overdue');
    await smtp.waitFor(() => overdue().length >= 3);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      overdue()
        .map((m) => m.to.join())
        .sort(),
    ).toEqual(['awa.diop@example.sn', 'idf@example.org', 'lucia.perez@example.org']);
    expect(mailsTo('awa.diop@example.sn', 'obligation-overdue')[0].subject).toMatch(/^Rapport en retard : /);
  });

  it('tells the government and the organisation of a revision, in their languages', async () => {
    const funds = () => request(f.system.http('funds'));
    const requested = await funds()
      .post(`/allocations/${allocationId}/revisions`)
      .set(bearer('fund-admin'))
      .set('Idempotency-Key', randomUUID())
      .send({ kind: 'no-cost-extension', newEndDate: '2029-06-30', justification: 'Élections reportées' })
      .expect(201);
    expect(requested.body.status).toBe('pending');
    await funds()
      .post(`/allocations/${allocationId}/revisions/${requested.body.id}/decision`)
      .set(bearer('steering-committee'))
      .set('Idempotency-Key', randomUUID())
      .send({ decision: 'approve', reason: 'Approved by the approving authority' })
      .expect(200);
    const allocation = await funds().get(`/allocations/${allocationId}`).set(bearer('fund-admin')).expect(200);
    expect(allocation.body.endDate).toBe('2029-06-30');
    await smtp.waitFor(
      () =>
        mailsTo('awa.diop@example.sn', 'allocation-revised').length === 1 &&
        mailsTo('lucia.perez@example.org', 'allocation-revised').length === 1,
    );
    const [french] = mailsTo('awa.diop@example.sn', 'allocation-revised');
    expect(french.text).toContain('prolongation sans incidence financière');
    expect(french.text).toContain('30 juin 2029');
    expect(french.text).toContain('Motif : Élections reportées');
    expect(mailsTo('lucia.perez@example.org', 'allocation-revised')[0].subject).toMatch(/^Revisión registrada: «/);
  });

  it('tells the government and the organisation of a refused revision, with the reason, in their languages', async () => {
    const funds = () => request(f.system.http('funds'));
    const requested = await funds()
      .post(`/allocations/${allocationId}/revisions`)
      .set(bearer('fund-admin'))
      .set('Idempotency-Key', randomUUID())
      .send({ kind: 'scope-change', scope: 'Adds a border component', justification: 'Demande du gouvernement' })
      .expect(201);
    await funds()
      .post(`/allocations/${allocationId}/revisions/${requested.body.id}/decision`)
      .set(bearer('steering-committee'))
      .set('Idempotency-Key', randomUUID())
      .send({ decision: 'refuse', reason: 'Hors du domaine prioritaire' })
      .expect(200);
    await smtp.waitFor(
      () =>
        mailsTo('awa.diop@example.sn', 'revision-refused').length === 1 &&
        mailsTo('lucia.perez@example.org', 'revision-refused').length === 1,
    );
    const [french] = mailsTo('awa.diop@example.sn', 'revision-refused');
    expect(french.subject).toMatch(/^Révision non approuvée : « /);
    expect(french.text).toContain('modification de la portée');
    expect(french.text).toContain('Motif : Hors du domaine prioritaire');
    expect(mailsTo('lucia.perez@example.org', 'revision-refused')[0].subject).toMatch(/^Revisión no aprobada: «/);
  });

  it('M7 warns the government once before its pipeline entry expires', async () => {
    f.system.clock.set('2026-11-22T10:00:00Z');
    const steps = new DecisionSteps(f.system, f.db);
    const verdicts = () => [
      mailsTo('awa.diop@example.sn', 'screening-eligible').length,
      mailsTo('idf@example.org', 'screening-eligible').length,
    ];
    const [governmentBefore, staffBefore] = verdicts();
    const proposal = await steps.inFundsPipeline('SEN');
    // The notifier reads the submission on its own consumer: wait until it has, and until its verdict mails are out.
    const expiresAt = await eventually(async () => {
      const { rows } = await f.db.query(`SELECT expires_at FROM notifications.submissions WHERE submission_id = $1`, [
        proposal,
      ]);
      return (rows[0]?.expires_at as Date | null) ?? undefined;
    });
    await smtp.waitFor(() => verdicts()[0] > governmentBefore && verdicts()[1] > staffBefore);
    const warnings = () => mailsTo('awa.diop@example.sn', 'pipeline-expiry-warning');
    f.system.clock.set(new Date(expiresAt.getTime() - 31 * 86_400_000));
    await scan();
    f.system.clock.set(new Date(expiresAt.getTime() - 10 * 86_400_000));
    await scan();
    await scan();
    await smtp.waitFor(() => warnings().length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0].subject).toMatch(/^Sortie de la liste des projets le /);
  });

  it('gathers the staff notices of a day into one digest mail the next morning, once', async () => {
    await f.system.stopService('notifications');
    f.system.notifier = { ...f.system.notifier, staffDigest: true, digestHourUtc: 6 };
    await f.system.startService('notifications');
    try {
      f.system.clock.set('2027-06-01T10:00:00Z');
      const before = mailsTo('idf@example.org').length;
      for (const title of ['Premier projet', 'Second projet']) {
        await submitConcept(f.system, 'SEN', overStaffCosts(title), 'project-proposals');
      }
      await smtp.waitFor(
        () => mailsTo('awa.diop@example.sn').filter((m) => /(Premier|Second) projet/.test(m.subject)).length === 2,
      );
      await scan();
      expect(mailsTo('idf@example.org')).toHaveLength(before);
      f.system.clock.set('2027-06-02T05:00:00Z');
      await scan();
      f.system.clock.set('2027-06-02T06:30:00Z');
      await scan();
      await scan();
      await smtp.waitFor(() => mailsTo('idf@example.org', 'digest').length >= 1);
      await new Promise((r) => setTimeout(r, 500));
      const digests = mailsTo('idf@example.org', 'digest');
      expect(digests).toHaveLength(1);
      expect(digests[0].subject).toBe('Fundline: 2 updates for 2 June 2027');
      expect(digests[0].text).toContain('- Not eligible: "Premier projet"');
      expect(digests[0].text).toContain('- Not eligible: "Second projet"');
    } finally {
      await f.system.stopService('notifications');
      f.system.notifier = { ...f.system.notifier, staffDigest: false };
      await f.system.startService('notifications');
    }
  });

  it('G6 a government sees and changes only its own contacts; someone else’s answers as absent', async () => {
    const kenya = bearer('government', 'KEN');
    const listed = await request(notifier()).get('/contacts').set(kenya).expect(200);
    expect(listed.body).toEqual([]);
    await request(notifier()).get(`/contacts/${contacts.senegal}`).set(kenya).expect(404);
    await request(notifier())
      .put(`/contacts/${contacts.senegal}/preferences`)
      .set(kenya)
      .send({ language: 'en' })
      .expect(404);
    await request(notifier())
      .post('/contacts')
      .set(kenya)
      .send({ partyType: 'government', partyCode: 'SEN', name: 'X', email: 'x@example.org' })
      .expect(403);
    const own = await request(notifier()).get('/contacts').set(bearer('government', 'SEN')).expect(200);
    expect(own.body.map((c: { contactId: string }) => c.contactId)).toEqual([contacts.senegal]);
    await request(notifier()).get('/contacts').set(bearer('finance-officer')).expect(200, []);
  });

  it('registers one address once per party, even when asked twice at the same moment: 201 and 409, never 500', async () => {
    const body = { partyType: 'organisation', partyCode: 'UNDP', name: 'Twice', email: 'Twice@example.org' };
    const answers = await Promise.all(
      [body, { ...body, email: 'twice@example.org' }].map((b) =>
        request(notifier()).post('/contacts').set(bearer('fund-admin')).send(b),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe('CONTACT.DUPLICATE');
  });

  it('F12 refuses an opt-out from reminders of reports owed, and honours one from other kinds', async () => {
    const refused = await request(notifier())
      .put(`/contacts/${contacts.iom}/preferences`)
      .set(bearer('fund-admin'))
      .send({ optOut: ['obligation-reminder', 'transfer-disbursed'] })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'PREFERENCES.CONTRACTUAL', errors: [{ field: 'optOut', rule: 'F12' }] });
    const unchanged = await request(notifier()).get(`/contacts/${contacts.iom}`).set(bearer('fund-admin')).expect(200);
    expect(unchanged.body.optOut).toEqual([]);
    const accepted = await request(notifier())
      .put(`/contacts/${contacts.iom}/preferences`)
      .set(bearer('fund-admin'))
      .send({ optOut: ['transfer-disbursed'], language: 'fr' })
      .expect(200);
    expect(accepted.body).toMatchObject({ optOut: ['transfer-disbursed'], language: 'fr', languageChosen: true });
  });

  it.each([
    [{}, ['partyType', 'partyCode', 'name', 'email']],
    [{ partyType: 'government', partyCode: 'SEN', name: null, email: 'a@b.org' }, ['name']],
    [{ partyType: 'government', partyCode: 'SEN', name: 'A', email: 'not-an-address' }, ['email']],
    [{ partyType: 'government', partyCode: 'SEN', name: 'A', email: 'a@b.org', language: 'de' }, ['language']],
    [{ partyType: 'fund-staff', partyCode: 'NO_SUCH_FUND', name: 'A', email: 'a@b.org' }, ['partyCode']],
    [{ partyType: 'government', partyCode: 'SEN', name: 'A', email: 'a@b.org', role: 'fund-admin' }, ['role']],
  ])('refuses a bad contact %j with problem+json naming the field, and stores nothing', async (body, fields) => {
    const before = await f.db.query(`SELECT count(*)::int AS n FROM notifications.contacts`);
    const res = await request(notifier()).post('/contacts').set(bearer('fund-admin')).send(body);
    expect([400, 422]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect([...new Set((res.body.errors as { field: string }[]).map((e) => e.field))].sort()).toEqual(
      [...fields].sort(),
    );
    const after = await f.db.query(`SELECT count(*)::int AS n FROM notifications.contacts`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('readiness answers 503 naming smtp while the SMTP server refuses; the mail waits, then goes once', async () => {
    const title = 'Pendant la panne';
    const during = () => smtp.received.filter((m) => m.subject.includes(title));
    smtp.refuse(true);
    try {
      const down = await eventually(async () => {
        const res = await request(notifier()).get('/health/ready');
        return res.status === 503 ? res : undefined;
      });
      expect(down.body.checks.smtp).toMatchObject({ status: 'down' });
      const body = overStaffCosts(title);
      await submitConcept(f.system, 'SEN', body, 'project-proposals');
      await eventually(async () => {
        const { rows } = await f.db.query(
          `SELECT attempts FROM notifications.notifications WHERE subject LIKE $1 AND attempts > 0`,
          [`%${title}%`],
        );
        return rows.length ? true : undefined;
      });
      expect(during()).toEqual([]);
    } finally {
      smtp.refuse(false);
    }
    await eventually(async () => ((await request(notifier()).get('/health/ready')).status === 200 ? true : undefined));
    // Retried with backoff (2 s, then 4 s…): it arrives, once per recipient (the government and the staff).
    await smtp.waitFor(() => during().length === 2, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      during()
        .map((m) => m.to.join())
        .sort(),
    ).toEqual(['awa.diop@example.sn', 'idf@example.org']);
  });
});
