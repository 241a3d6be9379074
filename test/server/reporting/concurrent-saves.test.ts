import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { openTestCycle, seedReference, testDefinition } from '../../helpers/reporting.ts';

const questions = Array.from({ length: 30 }, (_, index) => `q${index + 1}`);

describe('concurrent autosave', () => {
  const ctx = useTestApp();
  let reportId: number;
  let headers: { authorization: string }[];

  beforeAll(async () => {
    await seedReference(ctx.app);
    const definition = testDefinition({
      key: 'cms-many-questions',
      sections: [
        {
          id: 'all',
          title: { en: 'All' },
          items: questions.map((id) => ({ id, type: 'text', label: { en: id } })),
        },
      ],
    });
    const { reports } = await openTestCycle(ctx.app, definition);
    reportId = reports.FRA ?? 0;
    headers = await Promise.all(questions.map(() => bearerFor(ctx.app, ['focal_point:FRA:CMS'])));
  });

  const save = (index: number, payload: Record<string, unknown>) =>
    ctx.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportId}/answers`,
      headers: headers[index],
      payload,
    });

  it('keeps every save of different questions made from the same revision at once', async () => {
    const responses = await Promise.all(
      questions.map((id, index) => save(index, { baseRevision: 0, set: { [id]: `answer ${id}` } })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(questions.map(() => 200));
    expect(new Set(responses.map((response) => response.json().revision)).size).toBe(questions.length);
    const report = await ctx.app.inject({ url: `/api/reports/${reportId}`, headers: headers[0] });
    expect(report.json().revision).toBe(questions.length);
    expect(report.json().answers).toEqual(Object.fromEntries(questions.map((id) => [id, `answer ${id}`])));
  });

  it('lets exactly one of several saves of the same question from the same revision win', async () => {
    const base = questions.length;
    const responses = await Promise.all(
      [0, 1, 2, 3, 4].map((index) => save(index, { baseRevision: base, set: { q1: `edit ${index}` } })),
    );
    const codes = responses.map((response) => response.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409]);
    const winner = responses.find((response) => response.statusCode === 200);
    const report = await ctx.app.inject({ url: `/api/reports/${reportId}`, headers: headers[0] });
    expect(report.json().revision).toBe(winner?.json().revision);
  });

  it('applies a save retried many times at once exactly once', async () => {
    const report = await ctx.app.inject({ url: `/api/reports/${reportId}`, headers: headers[0] });
    const base: number = report.json().revision;
    const saveId = randomUUID();
    const responses = await Promise.all(
      [0, 1, 2, 3, 4].map(() => save(0, { baseRevision: base, set: { q2: 'once' }, saveId })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(responses.map((response) => response.json().revision))).toEqual(new Set([base + 1]));
    const history = await ctx.app.db
      .selectFrom('answer_history')
      .select('revision')
      .where('report_id', '=', reportId)
      .where('item_id', '=', 'q2')
      .execute();
    expect(history).toHaveLength(2);
  });
});
