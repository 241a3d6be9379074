import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../forms/index.ts';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { seedReference, testDefinition } from '../../helpers/reporting.ts';

describe('questionnaire routes', () => {
  const ctx = useTestApp();

  it('creates a draft, publishes it as version 1 and serves it as immutable', async () => {
    await seedReference(ctx.app);
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: secretariat,
      payload: testDefinition(),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'cms-test-report', instrument: 'CMS' });

    const published = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires/cms-test-report/publish',
      headers: secretariat,
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ key: 'cms-test-report', version: 1 });
    expect(published.json().contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);

    const version = await ctx.app.inject('/api/questionnaires/cms-test-report/versions/1');
    expect(version.statusCode).toBe(200);
    expect(version.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(version.json()).toMatchObject({
      key: 'cms-test-report',
      version: 1,
      instrument: 'CMS',
      contentHash: published.json().contentHash,
      definition: { key: 'cms-test-report' },
    });

    const concepts = await ctx.app.db.selectFrom('concept_items').select(['concept_id', 'item_id']).execute();
    expect(concepts).toEqual([{ concept_id: 'party.focal-point.name', item_id: 'focal_point_name' }]);
  });

  it('numbers the next publication 2, after the draft is replaced', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const changed = testDefinition({ title: { en: 'Test national report, revised' } });
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/questionnaires/cms-test-report/draft',
      headers: secretariat,
      payload: changed,
    });
    expect(put.statusCode).toBe(200);
    const draft = await ctx.app.inject({
      url: '/api/questionnaires/cms-test-report/draft',
      headers: secretariat,
    });
    expect(draft.json().definition.title).toEqual({ en: 'Test national report, revised' });
    const published = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires/cms-test-report/publish',
      headers: secretariat,
    });
    expect(published.json().version).toBe(2);
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires/cms-test-report/publish',
      headers: secretariat,
    });
    expect(again.statusCode).toBe(409);
    const list = await ctx.app.inject({ url: '/api/questionnaires', headers: secretariat });
    expect(list.json().questionnaires).toEqual([
      { key: 'cms-test-report', instrument: 'CMS', latestVersion: 2, hasDraft: false },
    ]);
    const diff = await ctx.app.inject({
      url: '/api/questionnaires/cms-test-report/diff?from=1&to=2',
      headers: secretariat,
    });
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toMatchObject({ key: 'cms-test-report', from: 1, to: 2 });
  });

  it('refuses an invalid definition with 422 listing each problem with its path', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const definition = testDefinition({ key: 'cms-broken' });
    (definition.sections[0]?.items[1] as Record<string, unknown>).type = 'no-such-type';
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: secretariat,
      payload: definition,
    });
    expect(response.statusCode).toBe(422);
    const errors: { in: string; path: (string | number)[] }[] = response.json().errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((error) => error.path.join('.').startsWith('sections.0.items.1'))).toBe(true);
    expect(errors.every((error) => error.in === 'body')).toBe(true);
  });

  it('names the values of each problem, so that a client can say it in French', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const definition = testDefinition({ key: 'cms-unknown-id' });
    (definition.sections[0]?.items[1] as Record<string, unknown>).relevant = 'has_pax == true';
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: secretariat,
      payload: definition,
    });
    expect(response.statusCode).toBe(422);
    const [problem] = (
      response.json().errors as {
        path: (string | number)[];
        code: string;
        message: string;
        params?: Record<string, string>;
      }[]
    ).filter((error) => error.code === 'unknown_id');
    expect(problem?.params).toMatchObject({ id: 'has_pax' });
    expect(formatProblem({ ...(problem as NonNullable<typeof problem>), severity: 'error' }, 'fr')).toContain(
      'has_pax',
    );
    expect(formatProblem({ ...(problem as NonNullable<typeof problem>), severity: 'error' }, 'fr')).not.toBe(
      problem?.message,
    );
  });

  it('refuses a second questionnaire with the same key with 409', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: secretariat,
      payload: testDefinition(),
    });
    expect(response.statusCode).toBe(409);
  });

  it("refuses another instrument's secretariat with 403 and answers 404 for an unknown version", async () => {
    const aewa = await bearerFor(ctx.app, ['secretariat:AEWA']);
    const post = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires',
      headers: aewa,
      payload: testDefinition({ key: 'cms-other' }),
    });
    expect(post.statusCode).toBe(403);
    const publish = await ctx.app.inject({
      method: 'POST',
      url: '/api/questionnaires/cms-test-report/publish',
      headers: aewa,
    });
    expect(publish.statusCode).toBe(403);
    expect((await ctx.app.inject('/api/questionnaires/cms-test-report/versions/9')).statusCode).toBe(404);
  });
});
