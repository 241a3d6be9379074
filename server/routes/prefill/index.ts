import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../errors.ts';
import { handOverWriteScope } from '../../handover/access.ts';
import { sendAnswerConflict } from '../../plugins/problems.ts';
import { prefillSuggestions } from '../../reporting/prefill.ts';

const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const accepted = z.strictObject({
  id: z.string().min(1).max(200),
  sourceReportId: z.number().int().min(1).max(2_147_483_647),
});

const prefillRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/reports/:id/prefill/apply',
    {
      config: { access: { permission: 'report.write', scope: handOverWriteScope } },
      schema: {
        tags: ['reports'],
        summary:
          'Accept prefill proposals (GET /api/reports/:id/prefill), each named by question and source report: saved as an autosave, recorded in history as prefill',
        params: idParams,
        body: z.strictObject({
          baseRevision: z.number().int().min(0),
          accept: z.array(accepted).min(1).max(10_000),
        }),
        response: {
          200: z.object({
            revision: z.number(),
            applied: z.array(z.string()),
            issues: z.array(z.unknown()),
            progress: z.unknown(),
            calculated: z.record(z.string(), z.unknown()),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (!actor) throw new NotFoundError('report');
      const { header, answers } = await app.reporting.read(request.params.id);
      const { plan } = await app.reporting.plans.get(header.questionnaire_version_id);
      const offered = await prefillSuggestions(
        app.db,
        { id: header.id, party: header.party_code, questionnaireKey: header.questionnaire_key, answers },
        plan,
      );
      const set: Record<string, unknown> = {};
      const problems: { in: 'body'; path: (string | number)[]; message: string }[] = [];
      request.body.accept.forEach(({ id, sourceReportId }, index) => {
        const proposal = offered.find((each) => each.id === id && each.source.reportId === sourceReportId);
        if (!proposal) {
          problems.push({
            in: 'body',
            path: ['accept', index],
            message: `no proposal for ${id} from report ${sourceReportId} (answered since, or no such source)`,
          });
        } else if (Object.hasOwn(set, id)) {
          problems.push({ in: 'body', path: ['accept', index], message: `${id} is accepted twice` });
        } else {
          set[id] = proposal.value;
        }
      });
      if (problems.length > 0) throw new InputError('some proposals cannot be applied', problems);
      const outcome = await app.reporting.save(
        request.params.id,
        actor,
        { baseRevision: request.body.baseRevision, set },
        'prefill',
      );
      if (outcome.ok) return { ...outcome.result, applied: Object.keys(set) };
      return sendAnswerConflict(reply, outcome.conflicts);
    },
  );
};

export default prefillRoutes;
