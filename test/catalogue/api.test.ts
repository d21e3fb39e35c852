import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { issueApiToken } from '../../src/institutions/store.ts';
import { setUp } from '../support/set-up.ts';
import { academicYearOf } from '../../src/catalogue/rules.ts';

const SCHELDE = 'hogeschool-schelde';
const LEIE = 'universiteit-leie';

describe.each(databaseKinds())('catalogue API on $name', (kind) => {
  let t: TestApp;
  const auth = (slug = SCHELDE) => ({ authorization: `Bearer ${t.tokens[slug]}` });
  const manage = (path: string) => `/api/v1/manage/${SCHELDE}${path}`;
  /** Every judgement criterion marked met: the automatic ones are for the platform to decide. */
  const judgedMet = [
    { criterion: 'learning-outcomes-assessable', met: true },
    { criterion: 'level-justified', met: true },
  ];
  const submit = (code: string) =>
    t.app.inject({ method: 'POST', url: manage(`/micro-credentials/${code}/submit`), headers: auth() });
  // A second token of the institution decides: four eyes holds for tokens too.
  let reviewerToken = '';
  const decide = (reviewId: string, decision: string, rationale = 'Assessed against the checklist.') =>
    t.app.inject({
      method: 'POST',
      url: manage(`/qa/reviews/${reviewId}/decision`),
      headers: { authorization: `Bearer ${reviewerToken}` },
      payload: { decision, rationale, checklist: judgedMet },
    });
  const publish = (code: string) =>
    t.app.inject({ method: 'POST', url: manage(`/micro-credentials/${code}/publish`), headers: auth() });
  /** The quality procedure: one token submits, another decides; then publish. */
  const approveAndPublish = async (code: string) => {
    const submitted = await submit(code);
    expect(submitted.statusCode).toBe(201);
    const approved = await decide(submitted.json().id, 'approve');
    expect(approved.statusCode).toBe(200);
    return publish(code);
  };
  const countRows = async () => {
    const [mcs, versions, links] = await Promise.all([
      t.database.handle.db
        .selectFrom('micro_credentials')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
      t.database.handle.db
        .selectFrom('micro_credential_versions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
      t.database.handle.db
        .selectFrom('micro_credential_course_units')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return [Number(mcs.n), Number(versions.n), Number(links.n)];
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const institution = await t.database.handle.db
      .selectFrom('institutions')
      .select('id')
      .where('slug', '=', SCHELDE)
      .executeTakeFirstOrThrow();
    reviewerToken = (
      await setUp(t.database.handle, (cmd) => issueApiToken(cmd, institution, 'quality system'))
    ).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers /health and serves an OpenAPI document', async () => {
    expect((await t.app.inject('/health')).json()).toEqual({ status: 'ok' });
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/micro-credentials');
    expect(Object.keys(doc.paths)).toContain('/api/v1/manage/{slug}/micro-credentials/{code}/publish');
  });

  it('lists only published micro-credentials, with paging', async () => {
    const page = (await t.app.inject('/api/v1/micro-credentials?pageSize=5')).json();
    expect(page.total).toBe(8);
    expect(page.items).toHaveLength(5);
    const second = (await t.app.inject('/api/v1/micro-credentials?pageSize=5&page=2')).json();
    expect(second.items).toHaveLength(3);
    const codes = [...page.items, ...second.items].map((i: { code: string }) => i.code);
    expect(new Set(codes).size).toBe(8);
    expect(codes).not.toContain('PV-VR');
  });

  it('filters by text, VKS level, ECTS range, form, language and institution', async () => {
    const q = async (qs: string) =>
      ((await t.app.inject(`/api/v1/micro-credentials?${qs}`)).json().items as Array<{ code: string }>)
        .map((i) => i.code)
        .sort();
    expect(await q('q=python')).toEqual(['MC-DATA']);
    expect(await q('q=PYTHON')).toEqual(['MC-DATA']);
    expect(await q('q=100%25')).toEqual([]);
    expect(await q('vksLevel=7')).toEqual(['MC-AI', 'PV-KLIMAAT']);
    expect(await q('ectsMin=5&ectsMax=8')).toEqual(['MC-DATA', 'MC-WARMTE']);
    expect(await q('form=outside-regular')).toEqual(['PV-AGILE', 'PV-KLIMAAT', 'PV-LEAN']);
    expect(await q('language=en')).toEqual(['MC-AI', 'PV-AGILE']);
    expect(await q(`institution=${LEIE}`)).toEqual(['MC-AI', 'PV-KLIMAAT']);
    expect(await q('form=regular&vksLevel=5')).toEqual(['MC-WARMTE']);
  });

  it('refuses a bad filter with one message per field', async () => {
    const res = await t.app.inject('/api/v1/micro-credentials?vksLevel=12&form=C');
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['querystring.form', 'querystring.vksLevel']);
  });

  it('shows every EU element, tuition and the proof of learning on the detail', async () => {
    const res = await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/MC-DATA`);
    expect(res.statusCode).toBe(200);
    const mc = res.json();
    expect(mc).toMatchObject({
      code: 'MC-DATA',
      title: { nl: 'Data-analyse met Python', en: 'Data analysis with Python' },
      institution: {
        slug: SCHELDE,
        name: { nl: 'Hogeschool Schelde' },
        address: { country: 'BE', region: 'BE-VLG' },
      },
      ects: 6,
      vksLevel: 6,
      form: 'regular',
      qaType: 'internal-and-external',
      participationForm: 'blended',
      assessmentType: { nl: expect.any(String) },
      supervision: 'supervised-with-id-check',
      proofOfLearning: ['credit-certificate', 'micro-credential-certificate'],
      higherEducationCodeApplies: true,
      tuition: {
        kind: 'decree',
        // The demo carries the 2021-22 amounts forward to the current year, labelled as demo data.
        academicYear: academicYearOf(new Date()),
        fixedCents: 24790,
        perCreditCents: 1190,
        totalCents: 24790 + 6 * 1190,
        indicative: false,
      },
      status: 'published',
      version: 1,
    });
    expect(mc.learningOutcomes.length).toBeGreaterThan(0);
    expect(mc.courseUnits.map((c: { code: string; version: number }) => [c.code, c.version])).toEqual([
      ['DATA101', 1],
      ['DATA102', 1],
    ]);
    const b = (await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/PV-LEAN`)).json();
    expect(b).toMatchObject({
      qaType: 'institution',
      proofOfLearning: ['micro-credential-certificate'],
      tuition: { kind: 'institution', totalCents: 45000 },
    });
  });

  it('does not show drafts publicly', async () => {
    const res = await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/PV-VR`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('needs a token for staff routes, and hides other institutions behind 404', async () => {
    expect((await t.app.inject(`/api/v1/manage/${SCHELDE}/micro-credentials`)).statusCode).toBe(401);
    const wrong = await t.app.inject({
      url: `/api/v1/manage/${SCHELDE}/micro-credentials`,
      headers: { authorization: 'Bearer stp_nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const other = await t.app.inject({
      url: `/api/v1/manage/${SCHELDE}/micro-credentials/MC-DATA`,
      headers: auth(LEIE),
    });
    expect(other.statusCode).toBe(404);
    const own = await t.app.inject({ url: `/api/v1/manage/${SCHELDE}/micro-credentials`, headers: auth() });
    expect(own.json().map((m: { code: string }) => m.code)).toContain('PV-VR');
  });

  it('creates, edits and publishes a micro-credential; a published version is immutable and editing makes a new version', async () => {
    const body = {
      code: 'PV-TEST',
      title: { nl: 'Testen van software', en: 'Software testing' },
      form: 'outside-regular',
      ects: 2,
      vksLevel: 6,
      language: 'nl',
    };
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials`,
      headers: auth(),
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 1, status: 'draft' });

    const early = await publish('PV-TEST');
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('only an approved version can be published');

    // The publishing rules now hold back the approval: the refusal names every missing field.
    const submitted = await submit('PV-TEST');
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json().preCheck.passed).toBe(false);
    const refused = await decide(submitted.json().id, 'approve');
    expect(refused.statusCode).toBe(422);
    expect(
      refused
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['assessmentType', 'learningOutcomes', 'participationForm', 'tuitionEur', 'workloadHours']);
    expect((await decide(submitted.json().id, 'request-changes')).json()).toMatchObject({
      status: 'changes-requested',
      microCredential: { versionStatus: 'draft' },
    });

    const { code: _c, ...update } = body;
    const complete = {
      ...update,
      learningOutcomes: [{ nl: 'Schrijft geautomatiseerde tests.', en: 'Writes automated tests.' }],
      assessmentType: { nl: 'Opdracht', en: 'Assignment' },
      participationForm: 'online',
      tuitionEur: 300,
      workloadHours: 55,
    };
    const edited = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials/PV-TEST`,
      headers: auth(),
      payload: complete,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 1, status: 'draft' });

    const published = await approveAndPublish('PV-TEST');
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ version: 1, status: 'published' });

    const again = await publish('PV-TEST');
    expect(again.statusCode).toBe(409);

    const v2 = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials/PV-TEST`,
      headers: auth(),
      payload: { ...complete, tuitionEur: 350 },
    });
    expect(v2.json()).toMatchObject({ version: 2, status: 'draft', tuitionEur: 350 });
    const publicView = (
      await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/PV-TEST`)
    ).json();
    expect(publicView).toMatchObject({ version: 1, tuitionEur: 300 });

    expect((await approveAndPublish('PV-TEST')).statusCode).toBe(200);
    const history = (
      await t.app.inject({
        url: `/api/v1/manage/${SCHELDE}/micro-credentials/PV-TEST/versions`,
        headers: auth(),
      })
    ).json();
    expect(history.map((h: { version: number; status: string }) => [h.version, h.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const v1 = (
      await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/PV-TEST/versions/1`)
    ).json();
    expect(v1).toMatchObject({ version: 1, status: 'superseded', tuitionEur: 300 });

    const explicit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials/PV-TEST/versions`,
      headers: auth(),
    });
    expect(explicit.statusCode).toBe(201);
    expect(explicit.json()).toMatchObject({ version: 3, status: 'draft', tuitionEur: 350 });
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials/PV-TEST/versions`,
      headers: auth(),
    });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses a write that breaks a rule, names every field, and changes nothing', async () => {
    const before = await countRows();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials`,
      headers: { ...auth(), 'accept-language': 'nl-BE,nl;q=0.9' },
      payload: {
        code: 'MC-BAD',
        title: { nl: 'Te groot' },
        form: 'regular',
        ects: 60,
        vksLevel: 6,
        language: 'nl',
        courseUnits: ['DATA101', 'NOPE'],
        tuitionEur: 10,
      },
    });
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem).toMatchObject({
      type: expect.stringContaining('validation-failed'),
      status: 422,
      code: 'validation-failed',
    });
    const byRule = Object.fromEntries(
      problem.errors.map((e: { rule: string; field: string; message: string }) => [e.rule, e]),
    );
    expect(byRule['ects-below-60']).toMatchObject({
      field: 'ects',
      message: 'Een micro-credential is altijd kleiner dan 60 ECTS.',
    });
    expect(byRule['course-unit-unknown']).toMatchObject({ field: 'courseUnits[1]' });
    expect(byRule['tuition-decree']).toMatchObject({ field: 'tuitionEur' });
    expect(await countRows()).toEqual(before);
  });

  it('refuses a body of the wrong shape with one message per field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials`,
      headers: auth(),
      payload: {
        code: 'X2',
        title: { de: 'x' },
        form: 'C',
        ects: 'many',
        vksLevel: 6,
        language: 'nl',
        colour: 'red',
      },
    });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title.nl', 'title.de', 'form', 'ects', 'colour']));
  });

  it('refuses malformed JSON as problem+json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials`,
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: '{"code": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('builds form A from course units whose ECTS add up, pinning the published versions', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials`,
      headers: auth(),
      payload: {
        code: 'MC-SUM',
        title: { nl: 'Som' },
        form: 'regular',
        ects: 5,
        vksLevel: 6,
        language: 'nl',
        courseUnits: ['DATA101', 'DATA102'],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ field: 'ects', rule: 'ects-sum-of-course-units' }),
    );

    const unit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/course-units`,
      headers: auth(),
      payload: {
        code: 'NEW1',
        title: { nl: 'Nieuw' },
        ects: 3,
        vksLevel: 6,
        qaInternal: true,
        qaExternal: false,
      },
    });
    expect(unit.statusCode).toBe(201);
    const mc = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials`,
      headers: auth(),
      payload: {
        code: 'MC-NEW',
        title: { nl: 'Nieuw' },
        form: 'regular',
        ects: 3,
        vksLevel: 6,
        language: 'nl',
        courseUnits: ['NEW1'],
        learningOutcomes: [{ nl: 'Kan iets.' }],
        assessmentType: { nl: 'Examen' },
        participationForm: 'on-site',
        workloadHours: 80,
      },
    });
    expect(mc.statusCode).toBe(201);
    const review = (await submit('MC-NEW')).json();
    const blocked = await decide(review.id, 'approve');
    expect(blocked.statusCode).toBe(422);
    expect(
      blocked
        .json()
        .errors.map((e: { rule: string }) => e.rule)
        .sort(),
    ).toEqual(['course-unit-not-published', 'course-unit-qa']);

    const fixUnit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/manage/${SCHELDE}/course-units/NEW1`,
      headers: auth(),
      payload: {
        title: { nl: 'Nieuw' },
        ects: 3,
        vksLevel: 6,
        qaInternal: true,
        qaExternal: true,
        learningOutcomes: [{ nl: 'Kan iets.' }],
      },
    });
    expect(fixUnit.json()).toMatchObject({ version: 1, status: 'draft', qaExternal: true });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/manage/${SCHELDE}/course-units/NEW1/publish`,
          headers: auth(),
        })
      ).statusCode,
    ).toBe(200);
    // The decision checks the course units as they stand now, so the pending review can be approved.
    expect((await decide(review.id, 'approve')).statusCode).toBe(200);
    const ok = await publish('MC-NEW');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().courseUnits).toEqual([expect.objectContaining({ code: 'NEW1', version: 1, ects: 3 })]);

    // A new course unit version does not change what the published micro-credential stands on.
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/manage/${SCHELDE}/course-units/NEW1`,
      headers: auth(),
      payload: {
        title: { nl: 'Nieuw, herzien' },
        ects: 3,
        vksLevel: 6,
        qaInternal: true,
        qaExternal: true,
        learningOutcomes: [{ nl: 'Kan meer.' }],
      },
    });
    const pub = (await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/MC-NEW`)).json();
    expect(pub.courseUnits[0]).toMatchObject({ version: 1, title: { nl: 'Nieuw' } });
  });

  it('warns above 20 ECTS without refusing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/micro-credentials`,
      headers: auth(),
      payload: {
        code: 'PV-BIG',
        title: { nl: 'Groot' },
        form: 'outside-regular',
        ects: 24,
        vksLevel: 6,
        language: 'nl',
        learningOutcomes: [{ nl: 'Kan veel.' }],
        assessmentType: { nl: 'Examen' },
        participationForm: 'on-site',
        tuitionEur: 1000,
        workloadHours: 650,
      },
    });
    expect(res.statusCode).toBe(201);
    const pub = await approveAndPublish('PV-BIG');
    expect(pub.statusCode).toBe(200);
    expect(pub.json().warnings).toEqual([
      expect.objectContaining({ field: 'ects', rule: 'ects-above-framework' }),
    ]);
  });
});

describe('decree tuition without the current year', () => {
  it('shows the latest known year, marked indicative', async () => {
    const t = await startTestApp(databaseKinds()[0]!);
    try {
      await t.database.handle.db
        .deleteFrom('decree_tuition')
        .where('academic_year', '!=', '2021-22')
        .execute();
      const mc = (
        await t.app.inject('/api/v1/institutions/hogeschool-schelde/micro-credentials/MC-DATA')
      ).json();
      expect(mc.tuition).toMatchObject({
        kind: 'decree',
        academicYear: '2021-22',
        indicative: true,
        totalCents: 24790 + 6 * 1190,
      });
    } finally {
      await t.close();
    }
  });
});
