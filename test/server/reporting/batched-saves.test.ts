import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/build-app.ts';
import { loadConfig } from '../../../server/config.ts';
import { KeyedBatches } from '../../../server/reporting/report-states.ts';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference, testDefinition } from '../../helpers/reporting.ts';

const questions = Array.from({ length: 12 }, (_, index) => `q${index + 1}`);

describe('autosave in batches', () => {
  const ctx = useTestApp();
  /** A second process on the same database: its own caches, as another Node process behind a balancer. */
  let other: FastifyInstance;
  let reportId: number;
  let headers: { authorization: string };

  beforeAll(async () => {
    await seedReference(ctx.app);
    const definition = testDefinition({
      key: 'cms-batched',
      sections: [
        {
          id: 'all',
          title: { en: 'All' },
          items: [
            ...questions.map((id) => ({ id, type: 'text', label: { en: id } })),
            { id: 'count', type: 'integer', label: { en: 'Count' }, required: true },
          ],
        },
      ],
    });
    const { reports } = await openTestCycle(ctx.app, definition);
    reportId = reports.FRA ?? 0;
    headers = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    other = await buildApp({ config, databaseUrl: ctx.database.url }, { logger: false });
  });

  afterAll(async () => {
    await other?.close();
  });

  const save = (payload: Record<string, unknown>, app = ctx.app) =>
    app.inject({ method: 'PATCH', url: `/api/reports/${reportId}/answers`, headers, payload });
  const read = async () =>
    (await ctx.app.inject({ url: `/api/reports/${reportId}`, headers })).json() as {
      revision: number;
      status: string;
      answers: Record<string, unknown>;
    };

  it('gives each of many simultaneous saves its own revision, result and history rows', async () => {
    const responses = await Promise.all(
      questions.map((id) => save({ baseRevision: 0, set: { [id]: `answer ${id}` } })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(questions.map(() => 200));
    const revisions = responses.map((response) => response.json().revision).sort((a, b) => a - b);
    expect(revisions).toEqual(questions.map((_, index) => index + 1));
    // Every answer reports the issue of the required question left empty.
    for (const response of responses) {
      expect(response.json().issues.map((issue: { itemId: string }) => issue.itemId)).toContain('count');
    }
    const history = await ctx.app.inject({ url: `/api/reports/${reportId}/history`, headers });
    const changes = history.json().changes as { revision: number; itemId: string; newValue: unknown }[];
    expect(changes.map((change) => change.revision).sort((a, b) => a - b)).toEqual(revisions);
    expect(new Set(changes.map((change) => change.itemId))).toEqual(new Set(questions));
    const events = history.json().events as { kind: string; fromStatus: string; toStatus: string }[];
    expect(events.filter((event) => event.kind === 'started')).toHaveLength(1);
    const report = await read();
    expect(report.status).toBe('in_progress');
    expect(report.revision).toBe(questions.length);
  });

  it('stores progress and issue count with the last save', async () => {
    const { revision } = await read();
    const response = await save({ baseRevision: revision, set: { count: 3 } });
    expect(response.statusCode).toBe(200);
    expect(response.json().issues).toEqual([]);
    const row = await ctx.app.db
      .selectFrom('reports')
      .select(['issue_count', 'progress', 'revision'])
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow();
    expect(row.issue_count).toBe(0);
    expect(row.revision).toBe(revision + 1);
    expect(row.progress.percent).toBe(100);
  });

  it('sees a change made by another process before it saves again', async () => {
    const { revision } = await read();
    const first = await save({ baseRevision: revision, set: { q1: 'here' } });
    expect(first.statusCode).toBe(200);
    const elsewhere = await save({ baseRevision: first.json().revision, set: { q2: 'there' } }, other);
    expect(elsewhere.statusCode).toBe(200);
    const again = await save({ baseRevision: elsewhere.json().revision, set: { q3: 'here again' } });
    expect(again.statusCode).toBe(200);
    expect(again.json().revision).toBe(elsewhere.json().revision + 1);
    const report = await read();
    expect(report.answers).toMatchObject({ q1: 'here', q2: 'there', q3: 'here again' });
  });

  it('refuses with 409 a question another process changed after baseRevision', async () => {
    const { revision } = await read();
    await save({ baseRevision: revision, set: { q4: 'warm the cache' } });
    const elsewhere = await save({ baseRevision: revision + 1, set: { q5: 'changed elsewhere' } }, other);
    expect(elsewhere.statusCode).toBe(200);
    const stale = await save({ baseRevision: revision + 1, set: { q5: 'stale edit' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().conflicts).toEqual([
      expect.objectContaining({ id: 'q5', value: 'changed elsewhere', revision: revision + 2 }),
    ]);
    expect((await read()).answers.q5).toBe('changed elsewhere');
  });

  it('refuses with 409 a question removed by someone else after baseRevision', async () => {
    const { revision } = await read();
    const removed = await save({ baseRevision: revision, unset: ['q6'] });
    expect(removed.statusCode).toBe(200);
    const stale = await save({ baseRevision: revision, set: { q6: 'late edit' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().conflicts).toEqual([expect.objectContaining({ id: 'q6', value: null })]);
  });

  it('answers a retried save id with the first result, in this process or another', async () => {
    const { revision } = await read();
    const saveId = randomUUID();
    const first = await save({ baseRevision: revision, set: { q7: 'once' }, saveId });
    const again = await save({ baseRevision: revision, set: { q7: 'once' }, saveId });
    const elsewhere = await save({ baseRevision: revision, set: { q7: 'once' }, saveId }, other);
    expect([first.statusCode, again.statusCode, elsewhere.statusCode]).toEqual([200, 200, 200]);
    expect(again.json().revision).toBe(first.json().revision);
    expect(elsewhere.json().revision).toBe(first.json().revision);
    expect((await read()).revision).toBe(first.json().revision);
    const history = await ctx.app.db
      .selectFrom('answer_history')
      .select('revision')
      .where('report_id', '=', reportId)
      .where('item_id', '=', 'q7')
      .where('revision', '>', revision)
      .execute();
    expect(history).toHaveLength(1);
  });

  it('refuses a value of the wrong shape with 422 and keeps the saves queued beside it', async () => {
    const { revision } = await read();
    const [wrong, right] = await Promise.all([
      save({ baseRevision: revision, set: { count: 'many' } }),
      save({ baseRevision: revision, set: { q8: 'fine' } }),
    ]);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].path).toEqual(['set', 'count']);
    expect(right.statusCode).toBe(200);
    expect((await read()).answers.q8).toBe('fine');
  });

  it('refuses every save with 409 ORS_WRONG_STATE once the report is submitted', async () => {
    const secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
    const submitted = await ctx.app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/submit-on-behalf`,
      headers: secretariat,
      payload: { note: 'received by e-mail' },
    });
    expect(submitted.statusCode).toBe(200);
    const { revision } = await read();
    const late = await save({ baseRevision: revision, set: { q9: 'too late' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ORS_WRONG_STATE');
  });
});

describe('KeyedBatches', () => {
  it('runs the first job at once and takes the jobs that arrive meanwhile as one batch', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const batcher = new KeyedBatches<number>(async (_key, jobs) => {
      batches.push(jobs);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    batcher.add(1, 1);
    batcher.add(1, 2);
    batcher.add(1, 3);
    batcher.add(2, 10);
    expect(batches).toEqual([[1], [10]]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(batches).toEqual([[1], [10], [2, 3]]);
  });
});
