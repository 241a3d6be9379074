import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { testDefinition } from '../../helpers/reporting.ts';
import { seedScopes, signIn, userWithPassword } from '../../helpers/sessions.ts';

describe('security headers', () => {
  const ctx = useTestApp();

  it('sends a Content-Security-Policy with no inline script and no eval, and forbids framing', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps API answers out of caches unless a route asks otherwise', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/instruments' });
    expect(response.headers['cache-control']).toBe('no-store');
    const refused = await ctx.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('serves the API docs under the same policy: a page with no inline script, whose scripts load', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-eval');
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/src="/);
      expect(content?.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes ?? '')?.[1] ?? '';
      const script = await ctx.app.inject({ method: 'GET', url: new URL(src, 'http://x/docs/').pathname });
      expect(script.statusCode, src).toBe(200);
      expect(script.headers['content-type'], src).toMatch(/javascript/);
    }
    const initializer = await ctx.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(initializer.body).not.toMatch(/\beval\(|new Function/);
    const spec = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(spec.statusCode).toBe(200);
    expect(spec.json().paths['/api/auth/login']).toBeTruthy();
  });
});

describe('the client page', () => {
  const ctx = useTestApp();

  it.skipIf(!existsSync(new URL('../../../client/dist/index.html', import.meta.url)))(
    'loads its scripts from files, never inline',
    async () => {
      const page = await ctx.app.inject({ method: 'GET', url: '/' });
      expect(page.statusCode).toBe(200);
      expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
      for (const [, attributes] of page.body.matchAll(/<script([^>]*)>/g))
        expect(attributes).toMatch(/src="/);
    },
  );
});

describe('over https', () => {
  const ctx = useTestApp({ PUBLIC_URL: 'https://ors.example.org', LOGIN_RATE_LIMIT: '1000' });

  it('sends HSTS and marks the session cookie Secure', async () => {
    const { email } = await userWithPassword(ctx.app);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'correct horse battery staple' },
    });
    expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(response.cookies.find((c) => c.name === 'ors_session')?.secure).toBe(true);
  });
});

describe('request limits', () => {
  const ctx = useTestApp({ LOGIN_RATE_LIMIT: '1000' });
  beforeAll(() => seedScopes(ctx.app));

  it('refuses a sign-in body over 16 KiB with 413', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@example.org', password: 'x'.repeat(20_000) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('takes a definition of several MiB to the engine, but refuses one over 20 MiB', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const big = { instrument: 'CMS', filler: 'x'.repeat(3 * 1024 * 1024) };
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: secretariat,
      payload: big,
    });
    expect(accepted.statusCode).toBe(422);
    const huge = { instrument: 'CMS', filler: 'x'.repeat(21 * 1024 * 1024) };
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: secretariat,
      payload: huge,
    });
    expect(refused.statusCode).toBe(413);
  });

  it('refuses a body nested deeper than the limit before any schema sees it', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const deep = `{"instrument":"CMS","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: { ...secretariat, 'content-type': 'application/json' },
      payload: deep,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('ORS_INPUT_TOO_COMPLEX');
  });

  it('refuses hostile definitions with 422 and their path: deep expressions, too many items, deep items', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const base = testDefinition();
    const section = base.sections[0] as { items: Record<string, unknown>[] };
    const nestedGroups = (depth: number): Record<string, unknown> =>
      depth === 0
        ? { id: 'leaf', type: 'text', label: { en: 'Leaf' } }
        : { id: `g${depth}`, type: 'group', label: { en: 'Group' }, items: [nestedGroups(depth - 1)] };
    const hostile = [
      { ...section.items[0], relevant: `${'('.repeat(5000)}true${')'.repeat(5000)}` },
      { ...section.items[0], relevant: `${'!'.repeat(5000)}true` },
      { ...section.items[0], constraint: `. > ${'1 + '.repeat(3000)}1` },
      nestedGroups(20),
    ];
    for (const item of hostile) {
      const definition = { ...base, sections: [{ ...section, items: [item] }] };
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/questionnaires',
        headers: secretariat,
        payload: definition,
      });
      expect(response.statusCode, JSON.stringify(item).slice(0, 80)).toBe(422);
      expect(response.json().errors.length).toBeGreaterThan(0);
    }
    const many = Array.from({ length: 25_000 }, (_, i) => ({ id: `q${i}`, type: 'boolean', label: 'Q' }));
    const started = Date.now();
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: secretariat,
      payload: { ...base, sections: [{ ...section, items: many }] },
    });
    expect(response.statusCode).toBe(422);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a NUL character anywhere in the input', async () => {
    const headers = await bearerFor(ctx.app, []);
    const body = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers,
      payload: { name: 'a\u0000b' },
    });
    expect(body.json().code).toBe('ORS_INVALID_CHARACTER');
    const param = await ctx.app.inject({ method: 'GET', url: '/api/questionnaires/%00/draft', headers });
    expect(param.statusCode).toBe(400);
  });

  it('refuses a URL that cannot be decoded with a problem document', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/reports/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps a signed-in session working after these refusals', async () => {
    const { email } = await userWithPassword(ctx.app);
    await expect(signIn(ctx.app, email)).resolves.toBeTruthy();
  });
});
