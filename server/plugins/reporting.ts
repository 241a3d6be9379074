import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { BatchedReportingService } from '../reporting/batched-saves.ts';
import type { ReportingService } from '../reporting/service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Reports: reading, autosave and workflow, with the compiled questionnaires they use. */
    reporting: ReportingService;
  }
}

async function reporting(app: FastifyInstance): Promise<void> {
  app.decorate('reporting', new BatchedReportingService(app.db));
}

export default fp(reporting, { name: 'reporting', dependencies: ['database'] });
