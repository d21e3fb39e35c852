import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUp } from '../support/set-up.ts';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/core/actor.ts';
import { grantRole } from '../../src/accounts/memberships.ts';
import { createUser } from '../../src/accounts/users.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

const SCHELDE = 'hogeschool-schelde';
const LEIE = 'universiteit-leie';
const PASSWORD = 'correct horse battery staple';

interface Person {
  email: string;
  name: string;
  cookie: string;
  csrfToken: string;
}

const judgedMet = [
  { criterion: 'learning-outcomes-assessable', met: true, note: 'Observable, assessable verbs.' },
  { criterion: 'level-justified', met: true, note: 'Matches VKS 6: complex, unpredictable contexts.' },
];

/** A complete form B definition, except for the workload in hours. */
const definition = (title: string) => ({
  title: { nl: title, en: title },
  form: 'outside-regular',
  ects: 2,
  vksLevel: 6,
  language: 'nl',
  learningOutcomes: [{ nl: 'Voert een kwaliteitsaudit uit.', en: 'Carries out a quality audit.' }],
  assessmentType: { nl: 'Praktijkopdracht', en: 'Practical assignment' },
  participationForm: 'online',
  tuitionEur: 250,
});

describe.each(databaseKinds())('quality procedure on $name', (kind) => {
  let t: TestApp;
  const people: Record<string, Person> = {};

  const signUp = async (key: string, roles: Array<[string, Role]>) => {
    const email = `${key}@quality.example`;
    const name = `${key[0]?.toUpperCase()}${key.slice(1)} Reviewer`;
    await setUp(t.database.handle, async (cmd) => {
      const { tx } = cmd;
      const { user } = await createUser(tx, { email, name, password: PASSWORD });
      for (const [slug, role] of roles) {
        const institution = await tx
          .selectFrom('institutions')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirstOrThrow();
        await grantRole(cmd, { id: institution.id }, { userId: user.id, role });
      }
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'stapel_session');
    people[key] = { email, name, cookie: `stapel_session=${cookie?.value}`, csrfToken: res.json().csrfToken };
  };

  const as = (key: string) => {
    const person = people[key];
    if (!person) throw new Error(`no such person ${key}`);
    const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: person.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': person.csrfToken }) },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    return {
      get: (url: string) => send('GET', url),
      post: (url: string, payload: unknown = {}) => send('POST', url, payload),
      put: (url: string, payload: unknown) => send('PUT', url, payload),
    };
  };
  const manage = (path: string, slug = SCHELDE) => `/api/v1/manage/${slug}${path}`;

  /** Runs one request and returns the audit records it wrote (a refused request must write none). */
  const audited = async (request: () => Promise<LightMyRequestResponse>) => {
    const ids = async () =>
      new Set((await t.database.handle.db.selectFrom('audit_log').select('id').execute()).map((r) => r.id));
    const before = await ids();
    const res = await request();
    const rows = await t.database.handle.db.selectFrom('audit_log').selectAll().execute();
    return { res, records: rows.filter((r) => !before.has(r.id)) };
  };
  const expectOneRecord = async (
    request: () => Promise<LightMyRequestResponse>,
    status: number,
    expected: { action: string; role?: string | null; actor_label?: string },
  ) => {
    const { res, records } = await audited(request);
    expect(res.statusCode, res.body).toBe(status);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject(expected);
    return res;
  };
  const expectRefused = async (request: () => Promise<LightMyRequestResponse>, status: number) => {
    const { res, records } = await audited(request);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(records).toEqual([]);
    return res;
  };
  const create = async (code: string, extra: Record<string, unknown> = {}, who = 'dana') =>
    expectOneRecord(
      () => as(who).post(manage('/micro-credentials'), { code, ...definition(code), ...extra }),
      201,
      { action: 'micro-credential.create' },
    );
  const submit = (code: string, who = 'dana') => as(who).post(manage(`/micro-credentials/${code}/submit`));
  const decide = (who: string, reviewId: string, body: unknown, slug = SCHELDE) =>
    as(who).post(manage(`/qa/reviews/${reviewId}/decision`, slug), body);

  beforeAll(async () => {
    t = await startTestApp(kind);
    await signUp('dana', [[SCHELDE, 'designer']]);
    await signUp('quinn', [[SCHELDE, 'qa-reviewer']]);
    await signUp('sam', [
      [SCHELDE, 'designer'],
      [SCHELDE, 'qa-reviewer'],
    ]);
    await signUp('lee', [[LEIE, 'qa-reviewer']]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('walks a version from submission through requested changes to approval, publication and a public QA record', async () => {
    await create('PV-QA');

    const submitted = await expectOneRecord(() => submit('PV-QA'), 201, {
      action: 'quality.submit',
      role: 'designer',
      actor_label: `${people.dana?.name} <${people.dana?.email}>`,
    });
    const first = submitted.json();
    expect(first).toMatchObject({
      status: 'pending',
      microCredential: { code: 'PV-QA', version: 1, versionStatus: 'submitted' },
      preCheck: { passed: false },
    });
    expect(first.preCheck.criteria).toContainEqual(
      expect.objectContaining({
        criterion: 'ects-workload',
        met: false,
        findings: [expect.objectContaining({ field: 'workloadHours', rule: 'workload-missing' })],
      }),
    );

    const queue = await as('quinn').get(manage('/qa/queue'));
    expect(queue.statusCode).toBe(200);
    expect(queue.json()).toContainEqual(
      expect.objectContaining({ id: first.id, mayDecide: true, preCheck: first.preCheck }),
    );
    const detail = await as('quinn').get(manage(`/qa/reviews/${first.id}`));
    expect(detail.json()).toMatchObject({ id: first.id, definition: { code: 'PV-QA', status: 'submitted' } });

    // Refused steps change nothing and leave no audit record.
    const failing = await expectRefused(
      () =>
        decide('quinn', first.id, { decision: 'approve', rationale: 'Looks fine.', checklist: judgedMet }),
      422,
    );
    expect(failing.json().errors).toEqual([
      expect.objectContaining({ field: 'workloadHours', rule: 'workload-missing' }),
    ]);
    const noRationale = await expectRefused(
      () => decide('quinn', first.id, { decision: 'request-changes', rationale: '  ' }),
      422,
    );
    expect(noRationale.json().errors).toEqual([
      expect.objectContaining({ field: 'rationale', rule: 'rationale-required' }),
    ]);
    const frozen = await expectRefused(
      () => as('dana').put(manage('/micro-credentials/PV-QA'), { ...definition('PV-QA'), workloadHours: 55 }),
      409,
    );
    expect(frozen.json().detail).toContain('cannot be edited until a reviewer has decided');
    // The same refusal in Dutch for a Dutch reader, and so are the new-version and publish refusals.
    const dana = people['dana']!;
    const inDutch = (method: 'PUT' | 'POST', url: string, payload?: Record<string, unknown>) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: dana.cookie, 'x-csrf-token': dana.csrfToken, 'accept-language': 'nl' },
        ...(payload ? { payload } : {}),
      });
    const frozenNl = await expectRefused(
      () => inDutch('PUT', manage('/micro-credentials/PV-QA'), { ...definition('PV-QA'), workloadHours: 55 }),
      409,
    );
    expect(frozenNl.json().detail).toBe(
      'Micro-credential PV-QA versie 1 is ingediend voor kwaliteitsbeoordeling en wacht op een beslissing; ze kan pas bewerkt worden nadat een beoordelaar beslist heeft (gevraagde wijzigingen maken er weer een concept van).',
    );
    const newVersionNl = await expectRefused(
      () => inDutch('POST', manage('/micro-credentials/PV-QA/versions')),
      409,
    );
    expect(newVersionNl.json().detail).toBe(
      'Versie 1 van micro-credential PV-QA ligt ter kwaliteitsbeoordeling; wacht op de beslissing.',
    );
    const publishNl = await expectRefused(
      () => inDutch('POST', manage('/micro-credentials/PV-QA/publish')),
      409,
    );
    expect(publishNl.json().detail).toContain('alleen een goedgekeurde versie kan gepubliceerd worden');

    const changes = await expectOneRecord(
      () =>
        decide('quinn', first.id, {
          decision: 'request-changes',
          rationale: 'State the workload in hours, so the ECTS can be checked.',
        }),
      200,
      { action: 'quality.request-changes', role: 'qa-reviewer' },
    );
    expect(changes.json()).toMatchObject({
      status: 'changes-requested',
      decision: 'request-changes',
      decidedRole: 'qa-reviewer',
      microCredential: { versionStatus: 'draft' },
    });
    const history = (await as('dana').get(manage('/micro-credentials/PV-QA/qa'))).json();
    expect(history).toEqual([
      expect.objectContaining({
        status: 'changes-requested',
        rationale: 'State the workload in hours, so the ECTS can be checked.',
      }),
    ]);

    await expectOneRecord(
      () => as('dana').put(manage('/micro-credentials/PV-QA'), { ...definition('PV-QA'), workloadHours: 55 }),
      200,
      { action: 'micro-credential.update' },
    );
    const draftPublish = await expectRefused(
      () => as('dana').post(manage('/micro-credentials/PV-QA/publish')),
      409,
    );
    expect(draftPublish.json()).toMatchObject({ code: 'invalid-state' });
    expect(draftPublish.json().detail).toContain('version 1 is a draft');
    expect(draftPublish.json().detail).toContain('only an approved version can be published');

    const second = (await expectOneRecord(() => submit('PV-QA'), 201, { action: 'quality.submit' })).json();
    expect(second.preCheck.passed).toBe(true);
    const submittedPublish = await expectRefused(
      () => as('dana').post(manage('/micro-credentials/PV-QA/publish')),
      409,
    );
    expect(submittedPublish.json().detail).toContain('submitted for quality review and awaiting a decision');

    await expectRefused(() => decide('quinn', second.id, { decision: 'approve', checklist: judgedMet }), 422);
    const unjudged = await expectRefused(
      () =>
        decide('quinn', second.id, {
          decision: 'approve',
          rationale: 'Sound.',
          checklist: [judgedMet[0]],
        }),
      422,
    );
    expect(unjudged.json().errors).toEqual([
      expect.objectContaining({
        rule: 'criterion-not-met',
        message: expect.stringContaining('level-justified'),
      }),
    ]);

    const rationale = 'Meets every criterion; outcomes are assessable and the level fits VKS 6.';
    const approved = await expectOneRecord(
      () => decide('quinn', second.id, { decision: 'approve', rationale, checklist: judgedMet }),
      200,
      { action: 'quality.approve', role: 'qa-reviewer' },
    );
    expect(approved.json()).toMatchObject({
      status: 'approved',
      microCredential: { versionStatus: 'approved' },
    });
    await expectRefused(
      () => as('dana').put(manage('/micro-credentials/PV-QA'), { ...definition('PV-QA'), workloadHours: 56 }),
      409,
    );
    await expectRefused(
      () => decide('quinn', second.id, { decision: 'reject', rationale: 'Changed my mind.' }),
      409,
    );

    const published = await expectOneRecord(
      () => as('dana').post(manage('/micro-credentials/PV-QA/publish')),
      200,
      { action: 'micro-credential.publish' },
    );
    expect(published.json()).toMatchObject({ version: 1, status: 'published' });

    const pub = await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/PV-QA`);
    expect(pub.statusCode).toBe(200);
    const record = pub.json().qualityReview;
    expect(record).toEqual({
      decision: 'approve',
      decidedAt: approved.json().decidedAt,
      decidedRole: 'qa-reviewer',
      submittedAt: second.submittedAt,
      rationale,
      criteria: [
        {
          id: 'eu-elements',
          label: { nl: expect.any(String), en: 'Every mandatory EU element is present.' },
          met: true,
        },
        {
          id: 'learning-outcomes-assessable',
          label: expect.objectContaining({ nl: 'De leerresultaten zijn toetsbaar.' }),
          met: true,
          note: 'Observable, assessable verbs.',
        },
        { id: 'ects-workload', label: expect.any(Object), met: true },
        { id: 'level-justified', label: expect.any(Object), met: true, note: judgedMet[1]?.note },
        { id: 'framework-rules', label: expect.any(Object), met: true },
      ],
    });
    // Who decided stays inside the institution: the public sees the role only.
    expect(pub.body).not.toContain(people.quinn?.email);
    expect(pub.body).not.toContain(people.quinn?.name);
    expect(pub.body).not.toContain(people.dana?.email);

    const full = (await as('dana').get(manage('/micro-credentials/PV-QA/qa'))).json();
    expect(full.map((r: { status: string }) => r.status)).toEqual(['approved', 'changes-requested']);
    expect(full[0]).toMatchObject({ decidedBy: `${people.quinn?.name} <${people.quinn?.email}>` });
  });

  it('shows the QA record of the demo catalogue, approved by the institution’s own procedure', async () => {
    const pub = (await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/MC-DATA`)).json();
    expect(pub.qualityReview).toMatchObject({
      decision: 'approve',
      decidedRole: 'institution-procedure',
      rationale: "Imported as approved by the institution's own quality procedure",
    });
    expect(pub.qualityReview.criteria.map((c: { id: string }) => c.id)).toContain('form-a-course-units');
    expect(pub.qualityReview.criteria.every((c: { met: boolean }) => c.met)).toBe(true);
  });

  it('treats a rejection as final for that version', async () => {
    await create('PV-REJ', { workloadHours: 55 });
    const review = (await submit('PV-REJ')).json();
    const rejected = await expectOneRecord(
      () => decide('quinn', review.id, { decision: 'reject', rationale: 'Duplicates an existing offer.' }),
      200,
      { action: 'quality.reject' },
    );
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      microCredential: { versionStatus: 'rejected' },
    });

    await expectRefused(() => submit('PV-REJ'), 409);
    await expectRefused(
      () => decide('quinn', review.id, { decision: 'approve', rationale: 'x', checklist: judgedMet }),
      409,
    );
    const edit = await expectRefused(
      () =>
        as('dana').put(manage('/micro-credentials/PV-REJ'), { ...definition('PV-REJ'), workloadHours: 55 }),
      409,
    );
    expect(edit.json().detail).toContain('start a new version');
    const publish = await expectRefused(
      () => as('dana').post(manage('/micro-credentials/PV-REJ/publish')),
      409,
    );
    expect(publish.json().detail).toContain('rejected by quality review');
    expect(
      (await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/PV-REJ/versions/1`)).statusCode,
    ).toBe(404);

    // A changed proposal is a new version; the rejected one stays rejected.
    const next = await expectOneRecord(
      () => as('dana').post(manage('/micro-credentials/PV-REJ/versions')),
      201,
      {
        action: 'micro-credential.new-version',
      },
    );
    expect(next.json()).toMatchObject({ version: 2, status: 'draft' });
    const versions = (await as('dana').get(manage('/micro-credentials/PV-REJ/versions'))).json();
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'rejected'],
    ]);
  });

  it('does not let the submitter decide on their own submission (four eyes)', async () => {
    await create('PV-SAM', { workloadHours: 55 }, 'sam');
    const review = (await submit('PV-SAM', 'sam')).json();
    const queue = (await as('sam').get(manage('/qa/queue'))).json();
    expect(queue).toContainEqual(expect.objectContaining({ id: review.id, mayDecide: false }));
    const own = await expectRefused(
      () =>
        decide('sam', review.id, { decision: 'approve', rationale: 'Mine is fine.', checklist: judgedMet }),
      403,
    );
    expect(own.json().detail).toContain('four-eyes');
    await expectOneRecord(
      () => decide('quinn', review.id, { decision: 'approve', rationale: 'Sound.', checklist: judgedMet }),
      200,
      { action: 'quality.approve' },
    );
  });

  it('lets only reviewers decide, and hides one institution’s reviews from another', async () => {
    await create('PV-ROLES', { workloadHours: 55 });
    const review = (await submit('PV-ROLES')).json();

    await expectRefused(
      () => decide('dana', review.id, { decision: 'approve', rationale: 'Sure.', checklist: judgedMet }),
      403,
    );
    expect((await as('dana').get(manage('/qa/queue'))).statusCode).toBe(403);
    expect((await as('quinn').post(manage('/micro-credentials/PV-ROLES/submit'))).statusCode).toBe(403);

    // A reviewer of another institution: 404 on this institution's routes and on its review by id.
    expect((await as('lee').get(manage('/qa/queue'))).statusCode).toBe(404);
    expect((await as('lee').get(manage(`/qa/reviews/${review.id}`))).statusCode).toBe(404);
    await expectRefused(() => decide('lee', review.id, { decision: 'reject', rationale: 'Not ours.' }), 404);
    await expectRefused(
      () => decide('lee', review.id, { decision: 'reject', rationale: 'Not ours.' }, LEIE),
      404,
    );
    expect((await as('lee').get(manage(`/qa/reviews/${review.id}`, LEIE))).statusCode).toBe(404);
    expect((await as('lee').get(manage('/qa/queue', LEIE))).json()).toEqual([]);
    const leieToken = { authorization: `Bearer ${t.tokens[LEIE]}` };
    expect(
      (await t.app.inject({ url: manage(`/qa/reviews/${review.id}`, LEIE), headers: leieToken })).statusCode,
    ).toBe(404);

    // Without a session, nothing.
    const anonymous = await t.app.inject({
      method: 'POST',
      url: manage(`/qa/reviews/${review.id}/decision`),
      payload: { decision: 'reject', rationale: 'Anonymous.' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses to publish a draft, and refuses publishing at creation', async () => {
    const draft = await expectRefused(() => as('dana').post(manage('/micro-credentials/PV-VR/publish')), 409);
    expect(draft.json().detail).toContain('a draft');
    const direct = await expectRefused(
      () =>
        as('dana').post(manage('/micro-credentials'), {
          code: 'PV-DIRECT',
          ...definition('Direct'),
          workloadHours: 55,
          status: 'published',
        }),
      422,
    );
    expect(direct.json().errors).toEqual([
      expect.objectContaining({ field: 'status', rule: 'quality-procedure' }),
    ]);
  });
});
