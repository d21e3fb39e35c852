import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import type { Role } from '../core/actor.ts';
import { actingRole, actorOf, staffOf } from '../core/auth.ts';
import { UnauthorizedError } from '../core/errors.ts';
import { PROBLEM_TYPE_BASE, requestLang } from '../core/http.ts';
import { decodeUtf8, replacementLine } from '../core/utf8.ts';
import { SUPERVISION_OPTIONS } from '../catalogue/rules.ts';
import { NO_ASSESSMENT_HOOKS, type AssessmentHooks } from './hooks.ts';
import {
  correctResult,
  editionResults,
  getEditionFacts,
  importResults,
  learnerResults,
  recordResult,
  type RecordingOptions,
} from './store.ts';
import type { CsvLineProblem } from './rules.ts';
import { assessmentMessage } from './messages.ts';

export interface AssessmentRoutesOptions {
  context: AppContext;
  /** What follows recorded results (issuing, wired at startup); nothing when absent. */
  hooks?: AssessmentHooks | undefined;
}

/** Assessors record results; registrars issue (see the issuing routes); both read results. */
const ASSESSORS: readonly Role[] = ['assessor', 'administrator'];

const EditionParams = Type.Object({ slug: Type.String(), code: Type.String() });
const ResultParams = Type.Object({ slug: Type.String(), code: Type.String(), id: Type.String() });
const staff = { security: [{ apiToken: [] }] };

const ResultFields = {
  // Type lists rather than unions: with type coercion on, a union's first branch would turn null into 0.
  score: Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'], description: 'Score on 20' })),
  passed: Type.Optional(Type.Boolean({ description: 'Derived from the score when absent' })),
  assessedOn: Type.String({ maxLength: 10, description: 'Date of the assessment, YYYY-MM-DD' }),
  assessmentType: Type.String({ maxLength: 300 }),
  supervision: Type.String({
    maxLength: 40,
    description: `Supervision and identity verification: ${SUPERVISION_OPTIONS.join(', ')}`,
  }),
};

const ResultBody = Type.Object(
  {
    enrolmentId: Type.Optional(Type.String({ maxLength: 64 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    courseUnit: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 40 })),
    ...ResultFields,
  },
  { additionalProperties: false },
);

const CorrectionBody = Type.Object(
  { ...ResultFields, reason: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
);

/** Recording, importing and correcting results (evaluation), and a learner's own results. */
export const assessmentRoutes: FastifyPluginAsync<AssessmentRoutesOptions> = async (
  fastify,
  { context, hooks = NO_ASSESSMENT_HOOKS },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = context;

  // Spreadsheets are exported as CSV; the import takes the file's bytes and reads them strictly as UTF-8,
  // so that nothing unreadable becomes U+FFFD in a record or a signed credential. A file that is not
  // UTF-8 leaves the body empty and its first bad line here, for the handler to refuse by line.
  const undecodable = new WeakMap<FastifyRequest, number>();
  app.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (request, body, done) => {
    const decoded = decodeUtf8(body as Buffer);
    if (decoded.ok) return done(null, decoded.text);
    undecodable.set(request, decoded.line);
    done(null, '');
  });

  /** The import's refusal: nothing was written, every problem by line, in the asker's language. */
  const refuseImport = (request: FastifyRequest, reply: FastifyReply, problems: readonly CsvLineProblem[]) =>
    reply
      .status(422)
      .type('application/problem+json')
      .send({
        type: `${PROBLEM_TYPE_BASE}validation-failed`,
        title: 'Unprocessable Content',
        status: 422,
        detail: assessmentMessage('import-refused', requestLang(request), { count: problems.length }),
        instance: request.url,
        code: 'validation-failed',
        ok: false,
        imported: 0,
        problems,
        errors: problems.map((p) => ({
          field: `line ${p.line}: ${p.field}`,
          rule: p.rule ?? 'results-file',
          message: p.message,
        })),
      });

  /** A file with bytes that are not UTF-8, or (read by a browser) with U+FFFD where they were. */
  const encodingProblem = (request: FastifyRequest, text: string): CsvLineProblem | undefined => {
    const lang = requestLang(request);
    const badBytes = undecodable.get(request);
    if (badBytes !== undefined)
      return {
        line: badBytes,
        field: '(file)',
        rule: 'csv-encoding',
        message: assessmentMessage('csv-encoding', lang, { line: badBytes }),
      };
    const replaced = replacementLine(text);
    if (replaced !== undefined)
      return {
        line: replaced,
        field: '(file)',
        rule: 'csv-encoding',
        message: assessmentMessage('csv-replacement-character', lang, { line: replaced }),
      };
    return undefined;
  };

  const recording = (request: Parameters<typeof staffOf>[0]): RecordingOptions => ({
    actor: actorOf(request),
    role: actingRole(request, ASSESSORS),
    passMark: context.settings.passMark,
    lang: requestLang(request),
  });

  app.post(
    '/api/v1/manage/:slug/editions/:code/results',
    {
      config: { policy: { capability: 'assessment.record' } },
      schema: {
        tags: ['evaluation'],
        summary:
          'Record one result (per course unit for form A, one for form B); what it earns is issued at once',
        params: EditionParams,
        body: ResultBody,
        ...staff,
      },
    },
    async (request, reply) => {
      const edition = await getEditionFacts(database.db, staffOf(request), request.params.code);
      const result = await database.transaction((tx) =>
        recordResult(tx, recording(request), edition, request.body),
      );
      const [issuance] = await hooks.onResultsRecorded([result.enrolmentId], actorOf(request));
      return reply.status(201).send({ result, issuance });
    },
  );

  app.post(
    '/api/v1/manage/:slug/editions/:code/results/import',
    {
      config: { policy: { capability: 'assessment.record' } },
      schema: {
        tags: ['evaluation'],
        summary:
          'Import results from CSV (text/csv body or JSON { csv }): all or nothing, with a report by line',
        description:
          'Columns: email, course_unit (form A), score and/or passed, assessed_on, assessment_type, supervision.',
        params: EditionParams,
        body: Type.Union([
          Type.String({ maxLength: 2_000_000 }),
          Type.Object({ csv: Type.String({ maxLength: 2_000_000 }) }, { additionalProperties: false }),
        ]),
        ...staff,
      },
    },
    async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : request.body.csv;
      const edition = await getEditionFacts(database.db, staffOf(request), request.params.code);
      const unreadable = encodingProblem(request, text);
      if (unreadable) return refuseImport(request, reply, [unreadable]);
      const report = await database.transaction((tx) => importResults(tx, recording(request), edition, text));
      if (!report.ok) return refuseImport(request, reply, report.problems);
      const issuance = await hooks.onResultsRecorded(report.enrolmentIds, actorOf(request));
      return { ok: true, imported: report.imported, problems: [], issuance };
    },
  );

  app.post(
    '/api/v1/manage/:slug/editions/:code/results/:id/correction',
    {
      config: { policy: { capability: 'assessment.record' } },
      schema: {
        tags: ['evaluation'],
        summary: 'Correct a result: a new record supersedes it, the old one stays as history',
        params: ResultParams,
        body: CorrectionBody,
        ...staff,
      },
    },
    async (request, reply) => {
      const edition = await getEditionFacts(database.db, staffOf(request), request.params.code);
      const result = await database.transaction((tx) =>
        correctResult(tx, recording(request), edition, request.params.id, request.body),
      );
      const [issuance] = await hooks.onResultsRecorded([result.enrolmentId], actorOf(request));
      const heldNotOwed = issuance?.heldNotOwed ?? [];
      const warnings =
        heldNotOwed.length > 0
          ? [
              `The learner holds proofs the corrected results no longer earn (${heldNotOwed
                .map((p) => p.id)
                .join(', ')}); they stay valid until a registrar revokes them.`,
            ]
          : [];
      return reply.status(201).send({ result, issuance, warnings });
    },
  );

  app.get(
    '/api/v1/manage/:slug/editions/:code/results',
    {
      config: { policy: { capability: 'assessment.read' } },
      schema: {
        tags: ['evaluation'],
        summary: 'Results of the edition: per learner and requirement the result that counts, with history',
        params: EditionParams,
        ...staff,
      },
    },
    async (request) => {
      const edition = await getEditionFacts(database.db, staffOf(request), request.params.code);
      return {
        edition: { code: edition.code, microCredential: edition.microCredential },
        passMark: context.settings.passMark,
        courseUnits: edition.courseUnits.map((u) => ({ code: u.code, title: u.title })),
        learners: await editionResults(database.db, edition),
      };
    },
  );

  app.get(
    '/api/v1/me/results',
    {
      config: { policy: 'signed-in' },
      schema: { tags: ['evaluation'], summary: 'My results, per edition, with their history' },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'user') throw new UnauthorizedError('Sign in with an account.');
      return learnerResults(database.db, actor.userId);
    },
  );
};
