import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import outbox from './mail/outbox-plugin.ts';
import authorization from './plugins/authorization.ts';
import client from './plugins/client.ts';
import database from './plugins/database.ts';
import openapi from './plugins/openapi.ts';
import problems from './plugins/problems.ts';
import reporting from './plugins/reporting.ts';
import resilience from './plugins/resilience.ts';
import security from './plugins/security.ts';
import analysisRoutes from './routes/analysis/index.ts';
import authRoutes from './routes/auth/index.ts';
import conceptRoutes from './routes/concepts/index.ts';
import cycleSettingsRoutes from './routes/cycle-settings/index.ts';
import cycleRoutes from './routes/cycles/index.ts';
import dashboardRoutes from './routes/dashboard/index.ts';
import exportRoutes from './routes/exports/index.ts';
import fileRoutes from './routes/files/index.ts';
import handOverRoutes from './routes/handovers/index.ts';
import healthRoutes from './routes/health/index.ts';
import invitationRoutes from './routes/invitations/index.ts';
import membershipRoutes from './routes/memberships/index.ts';
import outboxRoutes from './routes/outbox/index.ts';
import prefillRoutes from './routes/prefill/index.ts';
import publicRoutes from './routes/public/index.ts';
import questionnaireVersionRoutes from './routes/questionnaire-versions/index.ts';
import questionnaireRoutes from './routes/questionnaires/index.ts';
import referenceRoutes from './routes/reference/index.ts';
import reportRoutes from './routes/reports/index.ts';
import translationRoutes from './routes/translations/index.ts';
import userRoutes from './routes/users/index.ts';
import xlsformRoutes from './routes/xlsform/index.ts';

export interface AppOptions {
  config: Config;
  /** The database to use: DATABASE_URL, or the embedded server's URL. */
  databaseUrl: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

const clientRoot = fileURLToPath(new URL('../client/dist', import.meta.url));

/** The whole ORS application as one Fastify plugin: server/main.ts listens, tests inject. */
export default async function app(fastify: FastifyInstance, options: AppOptions): Promise<void> {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  fastify.decorate('config', options.config);

  // Infrastructure
  await fastify.register(problems);
  // Security headers, rate limits and body limits first: their hooks then cover every later route.
  await fastify.register(security);
  await fastify.register(database, {
    databaseUrl: options.databaseUrl,
    poolSize: options.config.DATABASE_POOL_SIZE,
    statementTimeoutMs: options.config.STATEMENT_TIMEOUT_MS,
  });
  // Load shedding and the reference reads kept for when the database is unavailable.
  await fastify.register(resilience);
  await fastify.register(authorization);
  // After authorization, which marks the /docs routes public.
  await fastify.register(openapi);
  await fastify.register(reporting);
  await fastify.register(outbox);

  // Routes
  await fastify.register(healthRoutes);
  await fastify.register(authRoutes);
  await fastify.register(invitationRoutes);
  await fastify.register(userRoutes);
  await fastify.register(outboxRoutes);
  await fastify.register(referenceRoutes);
  await fastify.register(questionnaireRoutes);
  await fastify.register(cycleRoutes);
  await fastify.register(reportRoutes);
  await fastify.register(exportRoutes);
  await fastify.register(membershipRoutes);
  await fastify.register(questionnaireVersionRoutes);
  await fastify.register(conceptRoutes);
  await fastify.register(cycleSettingsRoutes);
  await fastify.register(publicRoutes);
  await fastify.register(xlsformRoutes);
  await fastify.register(dashboardRoutes);
  await fastify.register(handOverRoutes);
  await fastify.register(fileRoutes);
  await fastify.register(prefillRoutes);
  await fastify.register(analysisRoutes);
  await fastify.register(translationRoutes);
  await fastify.register(client, { root: clientRoot });
}
