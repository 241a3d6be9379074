import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, userWithPassword } from '../../helpers/sessions.ts';
import {
  buildFixture,
  expectations,
  type Fixture,
  isAllowed,
  publicByDesign,
  type Subject,
  subjects,
} from './access-table.ts';
import { buildAppWithProbe } from './app-with-probe.ts';

describe('every route × every role', () => {
  let probe: Awaited<ReturnType<typeof buildAppWithProbe>>;
  let app: FastifyInstance;
  let fixture: Fixture;
  let headers: Map<Subject, Record<string, string>>;

  beforeAll(async () => {
    probe = await buildAppWithProbe();
    app = probe.app;
    ({ fixture, headers } = await buildFixture(app));
  }, 60_000);
  afterAll(() => probe?.close());

  it('has an expectation for every route the app declares, and no expectation for a route that is gone', () => {
    const declared = probe.routes
      .filter((route) => !publicByDesign(route))
      .map((r) => `${r.method} ${r.url}`);
    const expected = Object.keys(expectations(fixture));
    expect(
      declared.filter((key) => !expected.includes(key)),
      'routes without an expectation',
    ).toEqual([]);
    expect(
      expected.filter((key) => !declared.includes(key)),
      'expectations of routes that do not exist',
    ).toEqual([]);
  });

  it('answers every route as docs/security.md says, for every role', async () => {
    const table = expectations(fixture);
    const mismatches: string[] = [];
    for (const [key, variants] of Object.entries(table)) {
      const method = key.split(' ')[0] as 'GET';
      for (const variant of variants) {
        for (const subject of subjects) {
          const response = await app.inject({
            method,
            url: variant.url,
            headers: { ...headers.get(subject), 'x-access-probe': '1' },
            ...(method === 'GET' ? {} : { payload: (variant.body ?? {}) as object }),
          });
          const allowed = isAllowed(variant.allowed, subject);
          const refusal = subject === 'anonymous' ? 401 : 403;
          // Allowed: it passes authorization and reaches validation (400) or the handler (the probe's 299).
          const ok = allowed ? [299, 400].includes(response.statusCode) : response.statusCode === refusal;
          if (!ok) {
            mismatches.push(
              `${key} [${variant.case}] as ${subject}: ${response.statusCode}, expected ${allowed ? 'allowed' : refusal}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 60_000);

  it('refuses every cookie-authenticated write without the CSRF token, and takes it with one', async () => {
    // The writes that act on no session (sign-in, password reset, accepting an invitation) need none.
    const noSession = [
      'POST /api/auth/login',
      'POST /api/auth/password-reset',
      'POST /api/auth/password-reset/confirm',
      'POST /api/invitations/accept',
    ];
    const { email } = await userWithPassword(app, ['admin', 'secretariat:CMS', 'focal_point:FRA:CMS']);
    const session = await signIn(app, email);
    const table = expectations(fixture);
    const mismatches: string[] = [];
    for (const [key, variants] of Object.entries(table)) {
      const method = key.split(' ')[0] as 'GET' | 'POST';
      const variant = variants[0];
      if (method === 'GET' || !variant) continue;
      const send = (extra: Record<string, string>) =>
        app.inject({
          method,
          url: variant.url,
          headers: { cookie: session.cookie, 'x-access-probe': '1', ...extra },
          payload: (variant.body ?? {}) as object,
        });
      const without = await send({});
      const expected = noSession.includes(key) ? 'not 403' : 403;
      if (noSession.includes(key) ? without.statusCode === 403 : without.json().code !== 'ORS_CSRF') {
        mismatches.push(`${key} without the token: ${without.statusCode}, expected ${expected}`);
      }
      const withToken = await send({ 'x-csrf-token': session.csrfToken });
      if (withToken.json().code === 'ORS_CSRF') mismatches.push(`${key} refused with the token`);
    }
    expect(mismatches).toEqual([]);
  });

  it('serves the public pages to everyone', async () => {
    for (const route of probe.routes.filter(publicByDesign)) {
      if (route.url.includes('*') || route.url.includes(':')) continue;
      const response = await app.inject({
        method: 'GET',
        url: route.url,
        headers: { 'x-access-probe': '1' },
      });
      expect([299, 200, 302], `${route.url}`).toContain(response.statusCode);
    }
  });
});
