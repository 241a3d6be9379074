import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, expectations, type Fixture, type Subject, type Variant } from './access-table.ts';
import { buildAppWithProbe, type DeclaredRoute } from './app-with-probe.ts';

/**
 * Hostile input on every route that takes a body, parameters or a query: each is refused with a 4xx
 * problem document (never a 5xx, never a stack trace or SQL) and the database stays exactly as it was.
 * Inputs that the route's own schema accepts are not hostile and are left out (a catch-all body, such as
 * a questionnaire definition checked by the engine, is kept: the handler must refuse it).
 */

const runs = Number(process.env.HOSTILE_RUNS ?? 12);

const sqlFragments = [
  "' OR '1'='1",
  '1; DROP TABLE users; --',
  "'); DELETE FROM reports; --",
  '1 UNION SELECT password_hash FROM users',
  "admin'--",
  '$1',
  '%',
  '\\',
];
const scriptFragments = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, on purpose
  '${process.exit()}',
];
const unicodeEdges = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e\u0041\u0042',
  '\ufeff',
  '𝕏💥👩‍👩‍👧‍👦',
  'e\u0301',
  '\u2028\u2029',
  'İıſK',
  ' ',
  '',
];
const hostileStrings = [...sqlFragments, ...scriptFragments, ...unicodeEdges, '__proto__', 'constructor'];

const hostileString = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.nat({ max: 200_000 }).map((n) => 'x'.repeat(n)),
);

/** Wrong types of every kind: a value for a field that expects something else. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, 2_147_483_648, 0.5),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Raw bodies that are not JSON, or JSON a parser might mishandle. */
const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    'nul',
    '{"a":1,}',
    "{'a':1}",
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"admin":true}}}',
    '"\\ud800"',
    '1e99999',
    '{"a":"\\u0000"}',
    '',
  ),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: 70, max: 3000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 70, max: 3000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

/** A path segment; a lone surrogate cannot be encoded, so it becomes the invalid UTF-8 it would be. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

type ZodLike = { safeParse(value: unknown): { success: boolean }; shape?: Record<string, unknown> };

function keysOf(schema: unknown): string[] {
  const shape = (schema as ZodLike | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** A body declared as any object (`z.record`): the handler, not the schema, decides. */
function acceptsAnything(schema: ZodLike): boolean {
  return (schema as { _zod?: { def?: { type?: string } } })._zod?.def?.type === 'record';
}

/** Expects a refusal that says nothing about the inside of the server. */
function expectRefusal(label: string, response: LightMyRequestResponse): void {
  expect(response.statusCode, `${label}: ${response.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, `${label}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
  expect(response.headers['content-type'], label).toContain('application/problem+json');
  // Input may be echoed in a message; what must never show is a stack or a database error.
  expect(response.body, label).not.toMatch(
    /\(\/[^)]*\.(ts|js):\d+|node_modules|"stack"|syntax error at|violates .* constraint|relation "|invalid input syntax/,
  );
}

/** Every row of every table, so that any change shows (but when a token or session was last used). */
async function snapshot(app: FastifyInstance): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'
    ORDER BY 1`.execute(app.db);
  const result: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<{ digest: string | null }>`
      SELECT md5(string_agg(row::text, '|' ORDER BY row::text)) AS digest
      FROM (SELECT to_jsonb(t) - ${sql.lit('last_used_at')} - ${sql.lit('last_seen_at')} - ${sql.lit('expires_at')} AS row
            FROM ${sql.table(name)} t) s`.execute(app.db);
    result[name] = rows.rows[0]?.digest ?? '';
  }
  return result;
}

describe('hostile input', () => {
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

  /** For a route: a variant someone may call, and that someone's headers. */
  function caller(route: DeclaredRoute): { variant: Variant; headers: Record<string, string> } | null {
    for (const variant of expectations(fixture)[`${route.method} ${route.url}`] ?? []) {
      const subject: Subject | undefined =
        variant.allowed === 'everyone'
          ? 'anonymous'
          : variant.allowed === 'signed-in'
            ? 'analyst'
            : variant.allowed[0];
      if (subject) return { variant, headers: headers.get(subject) ?? {} };
    }
    return null;
  }

  const fuzzed = () =>
    probe.routes.filter(
      (route) => (route.hasBody || route.hasParams || route.hasQuery) && caller(route) !== null,
    );

  it('covers every route that takes input', () => {
    expect(fuzzed().length).toBeGreaterThan(20);
  });

  it('refuses hostile bodies, parameters and queries on every route with 4xx and changes nothing', async () => {
    const before = await snapshot(app);
    for (const route of fuzzed()) {
      const call = caller(route);
      if (!call) continue;
      const label = `${route.method} ${route.url}`;
      const send = (options: { url?: string; payload?: unknown; raw?: string; contentType?: string }) =>
        app.inject({
          method: route.method as 'POST',
          url: options.url ?? call.variant.url,
          headers: {
            ...call.headers,
            ...(options.raw !== undefined || options.payload !== undefined
              ? { 'content-type': options.contentType ?? 'application/json' }
              : {}),
          },
          ...(options.raw !== undefined ? { payload: options.raw } : {}),
          ...(options.payload !== undefined ? { payload: JSON.stringify(options.payload) } : {}),
        });

      if (route.hasBody && route.bodySchema) {
        const schema = route.bodySchema as ZodLike;
        const keep = (value: unknown) => acceptsAnything(schema) || !schema.safeParse(value).success;
        const keys = keysOf(schema);
        const wrongTypes = keys.length
          ? fc.dictionary(fc.constantFrom(...keys), hostileValue, { minKeys: 1, maxKeys: keys.length })
          : fc.dictionary(hostileString, hostileValue, { maxKeys: 3 });
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(wrongTypes, hostileValue, fc.jsonValue({ maxDepth: 4 })),
            async (body) => {
              fc.pre(keep(body));
              expectRefusal(
                `${label} body ${JSON.stringify(body)?.slice(0, 200)}`,
                await send({ payload: body }),
              );
            },
          ),
          { numRuns: runs },
        );
        await fc.assert(
          fc.asyncProperty(malformedJson, async (raw) => {
            let parsed: unknown;
            try {
              parsed = JSON.parse(raw);
            } catch {
              parsed = Symbol('not json');
            }
            fc.pre(typeof parsed === 'symbol' || keep(parsed));
            expectRefusal(`${label} raw ${raw.slice(0, 80)}`, await send({ raw }));
          }),
          { numRuns: runs },
        );
        expectRefusal(`${label} text/plain`, await send({ raw: 'hello', contentType: 'text/plain' }));
        expectRefusal(`${label} 6 MiB`, await send({ payload: { a: 'x'.repeat(6 * 1024 * 1024) } }));
      }

      const params = route.url.match(/:[a-zA-Z]+/g) ?? [];
      if (params.length > 0) {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...params), hostileString, async (param, value) => {
            const segments = route.url.split('/');
            const concrete = call.variant.url.split('?')[0]?.split('/') ?? [];
            const url = segments
              .map((segment, index) => (segment === param ? encodeSegment(value) : concrete[index]))
              .join('/');
            fc.pre(url.length < 8000 && !/^\d+$/.test(value));
            const response = await send({
              url,
              ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
            });
            expectRefusal(`${label} ${param}=${value.slice(0, 60)}`, response);
          }),
          { numRuns: runs },
        );
      }

      if (route.hasQuery && route.method === 'GET') {
        const schema = route.querySchema as ZodLike | undefined;
        const keys = keysOf(schema);
        if (keys.length > 0 && schema) {
          await fc.assert(
            fc.asyncProperty(fc.constantFrom(...keys), hostileValue, async (key, value) => {
              const text = typeof value === 'string' ? value : JSON.stringify(value);
              fc.pre(!schema.safeParse({ [key]: text }).success && text.length < 6000);
              const url = `${call.variant.url.split('?')[0]}?${new URLSearchParams({ [key]: text })}`;
              expectRefusal(`${label} ?${key}=${text.slice(0, 60)}`, await send({ url }));
            }),
            { numRuns: runs },
          );
        }
      }
    }
    expect(await snapshot(app)).toEqual(before);
  }, 120_000);
});
