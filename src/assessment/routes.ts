import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../core/app-context.ts';
import { actorOf, staffOf } from '../core/auth.ts';
import type { Command } from '../core/command.ts';
import type { Lang } from '../core/i18n.ts';
import { requestLang } from '../core/http.ts';
import { runRequestCommand } from '../core/route-command.ts';
import { sendProblem } from '../core/route-problem.ts';
import { route, routesOf } from '../core/route-spec.ts';
import { userOf } from '../core/route-user.ts';
import { decodeUtf8, replacementLine } from '../core/utf8.ts';
import { NO_ASSESSMENT_HOOKS, type AssessmentHooks } from './hooks.ts';
import { getEditionFacts, type EditionFacts } from './edition-facts.ts';
import { correctResult, recordResult } from './record-results.ts';
import { importResults } from './import-results.ts';
import { directResultsOfVersion, editionResults, learnerResults } from './results-views.ts';
import { lineProblem, type CsvLineProblem } from './results-csv.ts';
import { assessmentMessage } from './messages.ts';
import {
  CorrectedSchema,
  CorrectionInputSchema,
  EditionParams,
  EditionResultsSchema,
  ImportedSchema,
  ImportInputSchema,
  MyResultsSchema,
  RecordedSchema,
  ResultInputSchema,
  ResultParams,
  type ResultView,
} from './schemas.ts';

export interface AssessmentRoutesOptions {
  context: AppContext;
  /** What follows recorded results (issuing, wired at startup); nothing when absent. */
  hooks?: AssessmentHooks | undefined;
}

const staff = { security: [{ apiToken: [] }] };
/** Recording, importing and correcting results: the assessors' routes. */
const recording = routesOf({ capability: 'assessment.record' }, 'evaluation');

/** A line problem of a results file in the reader's language, as the import answers it. */
const rendered = (problem: CsvLineProblem, lang: Lang) => ({
  line: problem.line,
  field: problem.field,
  ...(problem.rule ? { rule: problem.rule } : {}),
  message: assessmentMessage(problem.key, lang, problem.params),
});

/** Recording, importing and correcting results (evaluation), and a learner's own results. */
export const assessmentRoutes: FastifyPluginAsync<AssessmentRoutesOptions> = async (
  fastify,
  { context, hooks = NO_ASSESSMENT_HOOKS },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = context;
  const settings = () => ({ passMark: context.settings.passMark });

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
  const refuseImport = (request: FastifyRequest, reply: FastifyReply, found: readonly CsvLineProblem[]) => {
    const lang = requestLang(request);
    const problems = found.map((p) => rendered(p, lang));
    const detail = assessmentMessage('import-refused', lang, { count: problems.length });
    return sendProblem(
      request,
      reply,
      { status: 422, title: 'Unprocessable Content', code: 'validation-failed', detail },
      {
        ok: false,
        imported: 0,
        problems,
        errors: problems.map((p) => ({
          field: `line ${p.line}: ${p.field}`,
          rule: p.rule ?? 'results-file',
          message: p.message,
        })),
      },
    );
  };

  /** A file with bytes that are not UTF-8, or (read by a browser) with U+FFFD where they were. */
  const encodingProblem = (request: FastifyRequest, text: string): CsvLineProblem | undefined => {
    const badBytes = undecodable.get(request);
    if (badBytes !== undefined)
      return lineProblem(badBytes, '(file)', 'csv-encoding', { line: badBytes }, 'csv-encoding');
    const replaced = replacementLine(text);
    if (replaced !== undefined)
      return lineProblem(replaced, '(file)', 'csv-replacement-character', { line: replaced }, 'csv-encoding');
    return undefined;
  };

  /**
   * Records results of the request's edition as its command, then issues what they earn (the hooks): the
   * one answer of recording one result and of correcting one.
   */
  const recordThenIssue = async (
    request: FastifyRequest & { params: { code: string } },
    write: (cmd: Command, edition: EditionFacts) => Promise<ResultView>,
  ) => {
    const edition = await getEditionFacts(database.db, staffOf(request), request.params.code);
    const result = await runRequestCommand(request, context, (cmd) => write(cmd, edition));
    const [issuance] = await hooks.onResultsRecorded([result.enrolmentId!], actorOf(request));
    return { result, issuance };
  };

  app.post(
    '/api/v1/manage/:slug/editions/:code/results',
    recording(
      'Record one result (per course unit for form A, one for form B); what it earns is issued at once',
      { params: EditionParams, body: ResultInputSchema, response: { 201: RecordedSchema }, ...staff },
    ),
    async (request, reply) => {
      const recorded = await recordThenIssue(request, (cmd, edition) =>
        recordResult(cmd, edition, request.body, settings()),
      );
      return reply.status(201).send(recorded);
    },
  );

  app.post(
    '/api/v1/manage/:slug/editions/:code/results/import',
    recording(
      'Import results from CSV (text/csv body or JSON { csv }): all or nothing, with a report by line',
      {
        description:
          'Columns: email, course_unit (form A), score and/or passed, assessed_on, assessment_type, supervision.',
        params: EditionParams,
        body: ImportInputSchema,
        response: { 200: ImportedSchema },
        ...staff,
      },
    ),
    async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : request.body.csv;
      const edition = await getEditionFacts(database.db, staffOf(request), request.params.code);
      const unreadable = encodingProblem(request, text);
      if (unreadable) return refuseImport(request, reply, [unreadable]);
      const report = await runRequestCommand(request, context, (cmd) =>
        importResults(cmd, edition, text, settings()),
      );
      if (!report.ok) return refuseImport(request, reply, report.problems);
      const issuance = await hooks.onResultsRecorded(report.enrolmentIds, actorOf(request));
      return { ok: true as const, imported: report.imported, problems: [], issuance };
    },
  );

  app.post(
    '/api/v1/manage/:slug/editions/:code/results/:id/correction',
    recording('Correct a result: a new record supersedes it, the old one stays as history', {
      params: ResultParams,
      body: CorrectionInputSchema,
      response: { 201: CorrectedSchema },
      ...staff,
    }),
    async (request, reply) => {
      const { result, issuance } = await recordThenIssue(request, (cmd, edition) =>
        correctResult(cmd, edition, { ...request.body, resultId: request.params.id }, settings()),
      );
      const heldNotOwed = issuance?.heldNotOwed ?? [];
      const warnings =
        heldNotOwed.length > 0
          ? [
              assessmentMessage('held-not-owed', requestLang(request), {
                proofs: heldNotOwed.map((p) => p.id).join(', '),
              }),
            ]
          : [];
      return reply.status(201).send({ result, issuance, warnings });
    },
  );

  app.get(
    '/api/v1/manage/:slug/editions/:code/results',
    route(
      { capability: 'assessment.read' },
      'evaluation',
      'Results of the edition: per learner and requirement the result that counts, with history',
      { params: EditionParams, response: { 200: EditionResultsSchema }, ...staff },
    ),
    async (request) => {
      const edition = await getEditionFacts(database.db, staffOf(request), request.params.code);
      return {
        edition: { code: edition.code, microCredential: edition.microCredential },
        passMark: context.settings.passMark,
        courseUnits: edition.courseUnits.map((u) => ({ code: u.code, title: u.title })),
        learners: await editionResults(database.db, edition),
        awardedWithoutEdition: await directResultsOfVersion(database.db, edition),
      };
    },
  );

  app.get(
    '/api/v1/me/results',
    route(
      'signed-in',
      'evaluation',
      'My results, per edition (and awarded without one), with their history',
      {
        response: { 200: Type.Array(MyResultsSchema) },
      },
    ),
    async (request) => learnerResults(database.db, userOf(request).userId),
  );
};
