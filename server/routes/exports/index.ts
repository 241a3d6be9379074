import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../auth/policy.ts';
import { NotFoundError } from '../../errors.ts';
import { cycleExport } from '../../exports/cycle-export.ts';
import { reportPdf } from '../../exports/report-document.ts';
import { reportDocx } from '../../exports/report-docx.ts';
import { cycleScope, reportScope } from '../../reporting/access.ts';
import { findCycle } from '../../repositories/cycles.ts';

const separators = { ',': ',', ';': ';', tab: '\t' } as const;
const language = z.enum(['en', 'fr', 'es']).optional();

const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/cycles/:id/export',
    {
      config: { access: { permission: 'cycle.export', scope: cycleScope } },
      schema: {
        tags: ['exports'],
        summary:
          'Every answer of the cycle, streamed: one row per Party (wide) or per answer (long); analysts get submitted reports only',
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        querystring: z.object({
          format: z.enum(['csv', 'xlsx']).default('csv'),
          layout: z.enum(['wide', 'long']).default('wide'),
          separator: z.enum([',', ';', 'tab']).default(','),
          lang: language,
        }),
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const cycle = await findCycle(app.db, request.params.id);
      if (!cycle || !actor) throw new NotFoundError('cycle');
      const { format, layout, separator, lang } = request.query;
      // Whoever may read a draft of any Party of the instrument (its secretariat) exports every report.
      const everyReport = can(actor, 'report.read', {
        instrument: cycle.instrument_code,
        reportStatus: 'in_progress',
      });
      const stream = await cycleExport(app.db, app.reporting.plans, {
        cycleId: cycle.id,
        title: cycle.title,
        format,
        layout,
        separator: separators[separator],
        language: lang ?? actor.language,
        onlySubmitted: !everyReport,
      });
      const name =
        `${cycle.instrument_code}-cycle-${cycle.id}${layout === 'long' ? '-long' : ''}`.toLowerCase();
      reply
        .type(
          format === 'xlsx'
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'text/csv; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="${name}.${format}"`);
      return reply.send(stream);
    },
  );

  app.get(
    '/api/reports/:id/export',
    {
      config: { access: { permission: 'report.read', scope: reportScope(true) } },
      schema: {
        tags: ['exports'],
        summary:
          'The report as a PDF or Word document: every relevant question (full) or the answered ones (short)',
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        querystring: z.object({
          format: z.enum(['pdf', 'docx']).default('pdf'),
          variant: z.enum(['full', 'short']).default('full'),
          lang: language,
        }),
      },
    },
    async (request, reply) => {
      const { format, variant, lang } = request.query;
      const { header, answers, evaluation } = await app.reporting.read(request.params.id);
      const { plan } = await app.reporting.plans.get(header.questionnaire_version_id);
      const input = {
        header,
        answers,
        evaluation,
        plan,
        variant,
        language: lang ?? request.actor?.language ?? plan.definition.defaultLanguage,
      };
      const name = `${header.instrument_code}-${header.party_code}-report-${header.id}`.toLowerCase();
      reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
      if (format === 'docx') {
        reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
        return reply.send(await reportDocx(input));
      }
      return reply.type('application/pdf').send(reportPdf(input));
    },
  );
};

export default exportRoutes;
