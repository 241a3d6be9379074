import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface ClientOptions {
  /** The folder `npm run build` writes the client to. */
  root: string;
}

/** Serves the built React client: hashed assets cached for a year, the page itself revalidated each time. */
async function client(app: FastifyInstance, options: ClientOptions): Promise<void> {
  if (!existsSync(options.root)) {
    app.log.warn(`no client build in ${options.root}: run npm run build`);
    return;
  }
  // The client's files are public: mark the routes @fastify/static adds (this plugin is encapsulated).
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? 'public' };
  });
  await app.register(fastifyStatic, {
    root: options.root,
    wildcard: false,
    index: false,
    setHeaders(reply, path) {
      reply.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  // The client routes its own pages: any other GET that is not the API gets the page.
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (
      path.startsWith('/api/') ||
      path === '/api' ||
      path.startsWith('/docs') ||
      path.startsWith('/assets/')
    ) {
      return reply.callNotFound();
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

export default client;
