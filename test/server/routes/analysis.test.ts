import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { type Seeded, seedAnalysis } from '../analysis/seed.ts';

describe('reading across reports', () => {
  const ctx = useTestApp();
  let seeded: Seeded;
  let analyst: { authorization: string };

  beforeAll(async () => {
    seeded = await seedAnalysis(ctx.app);
    analyst = await bearerFor(ctx.app, ['analyst']);
  });

  const get = (url: string, headers = analyst) => ctx.app.inject({ url, headers });
  const distribution = async (question: string, query = '') => {
    const response = await get(
      `/api/analysis/cycles/${seeded.cycles.first}/distribution?question=${question}${query}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  describe('GET /api/analysis/cycles/:id/distribution', () => {
    it("summarises a number over the submitted reports' latest snapshots, leaving out answers that were not relevant", async () => {
      const body = await distribution('pa_count');
      // France resubmitted 12 (first 10); Kenya's 99 was not relevant; Senegal never submitted.
      expect(body.reports).toBe(4);
      expect(body.distribution).toMatchObject({
        kind: 'number',
        n: 3,
        summary: { n: 3, min: 12, max: 30, median: 20, q1: 16, q3: 25 },
      });
      expect(body.distribution.summary.mean).toBeCloseTo(62 / 3);
      const binned = body.distribution.bins.reduce(
        (total: number, bin: { count: number }) => total + bin.count,
        0,
      );
      expect(binned).toBe(3);
      expect(body.parties).toEqual([
        expect.objectContaining({ code: 'DEU', state: 'answered', value: 20 }),
        expect.objectContaining({ code: 'FRA', state: 'answered', value: 12 }),
        expect.objectContaining({ code: 'ITA', state: 'answered', value: 30 }),
        expect.objectContaining({ code: 'KEN', state: 'not-applicable', value: null }),
      ]);
    });

    it('counts each option, and each option of a multiple choice, in the chosen language', async () => {
      const trend = await distribution('trend', '&lang=fr');
      expect(trend.distribution).toEqual({
        kind: 'choice',
        n: 4,
        options: [
          { value: 'up', label: 'En hausse', count: 2 },
          { value: 'down', label: 'En baisse', count: 1 },
          { value: 'stable', label: 'Stable', count: 1 },
        ],
      });
      const threats = await distribution('threats');
      expect(threats.question.multiple).toBe(true);
      expect(threats.distribution.n).toBe(3);
      expect(threats.distribution.options.map((o: { count: number }) => o.count)).toEqual([1, 2, 1]);
      const gate = await distribution('has_pa');
      expect(gate.distribution.options).toEqual([
        { value: 'true', label: null, count: 3 },
        { value: 'false', label: null, count: 1 },
      ]);
    });

    it('gives a table one distribution per cell', async () => {
      const body = await distribution('groups');
      expect(body.distribution.kind).toBe('table');
      expect(body.distribution.n).toBe(2);
      const cell = (row: string, column: string) =>
        body.distribution.cells.find(
          (c: { row: { id: string }; column: { id: string } }) => c.row.id === row && c.column.id === column,
        ).distribution;
      expect(cell('birds', 'level')).toMatchObject({
        kind: 'number',
        n: 2,
        summary: { min: 2, max: 4, mean: 3 },
      });
      expect(cell('bats', 'level')).toMatchObject({ n: 1, summary: { median: 1 } });
      expect(cell('birds', 'action').options).toEqual([
        { value: 'yes', label: 'Yes', count: 1 },
        { value: 'no', label: 'No', count: 1 },
      ]);
      expect(cell('bats', 'action').n).toBe(0);
    });

    it('filters the Parties by region and by attribute', async () => {
      const europe = await distribution('pa_count', '&region=Europe');
      expect(europe.reports).toBe(3);
      expect(europe.distribution.summary).toMatchObject({ n: 3, min: 12, max: 30 });
      const africa = await distribution('pa_count', '&region=Africa');
      expect(africa.reports).toBe(1);
      expect(africa.distribution).toMatchObject({ n: 0, summary: null, bins: [] });
      const coastal = await distribution('pa_count', '&attribute=coastal:yes');
      expect(coastal.distribution.summary).toMatchObject({ n: 2, min: 12, max: 30, mean: 21 });
      const both = await distribution('trend', '&attribute=coastal:yes&region=Europe');
      expect(both.parties.map((p: { code: string }) => p.code)).toEqual(['FRA', 'ITA']);
    });

    it('answers 404 for a question the cycle does not ask, and 400 for a malformed filter', async () => {
      expect(
        (await get(`/api/analysis/cycles/${seeded.cycles.first}/distribution?question=nope`)).statusCode,
      ).toBe(404);
      expect((await get('/api/analysis/cycles/999999/distribution?question=trend')).statusCode).toBe(404);
      const bad = await get(
        `/api/analysis/cycles/${seeded.cycles.first}/distribution?question=trend&attribute=coastal`,
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toEqual(expect.arrayContaining(['attribute']));
    });
  });

  describe('GET /api/analysis/cycles/:id/trend', () => {
    it('follows a question across cycles through the version carry-over', async () => {
      const response = await get(`/api/analysis/cycles/${seeded.cycles.first}/trend?question=pa_count`);
      expect(response.statusCode, response.body).toBe(200);
      const points = response.json().points;
      expect(points.map((p: { cycle: { id: number } }) => p.cycle.id)).toEqual([
        seeded.cycles.first,
        seeded.cycles.second,
      ]);
      expect(points[0]).toMatchObject({ questionId: 'pa_count', match: 'same', distribution: { n: 3 } });
      expect(points[1]).toMatchObject({
        questionId: 'pa_number',
        match: 'carried',
        reports: 2,
        distribution: { kind: 'number', summary: { n: 2, min: 11, max: 21, mean: 16 } },
      });
    });

    it('follows it backwards from the newer cycle too', async () => {
      const response = await get(`/api/analysis/cycles/${seeded.cycles.second}/trend?question=pa_number`);
      const points = response.json().points;
      expect(points[0]).toMatchObject({ questionId: 'pa_count', match: 'carried', distribution: { n: 3 } });
      expect(points[1]).toMatchObject({ questionId: 'pa_number', match: 'same' });
    });
  });

  describe('GET /api/compare', () => {
    it("puts every Party's answers to a concept in every instrument side by side", async () => {
      const response = await get('/api/compare?concept=protected-areas.count');
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      const columns = body.columns.map(
        (c: { instrument: string; itemId: string }) => `${c.instrument}:${c.itemId}`,
      );
      expect(columns).toEqual(['AEWA:pa_total', 'CMS:pa_count', 'CMS:pa_number']);
      const row = (code: string) =>
        body.rows.find((r: { party: { code: string } }) => r.party.code === code)?.cells;
      expect(row('FRA')).toEqual([5, 12, 11]);
      expect(row('KEN')).toEqual([7, null, null]);
      expect(row('DEU')).toEqual([null, 20, 21]);
      expect(row('SEN')).toBeUndefined();
    });

    it('finds the concepts of a target tag, and filters by region', async () => {
      const response = await get('/api/compare?tag=gbf:3&region=Africa');
      const body = response.json();
      expect(body.concepts.map((c: { id: string }) => c.id)).toContain('protected-areas.count');
      expect(body.rows).toEqual([
        { party: { code: 'KEN', name: 'Kenya', region: 'Africa' }, cells: [7, null, null] },
      ]);
    });

    it('keeps a secretariat to its own instrument, and refuses an administrator', async () => {
      const cms = seeded.secretariat.CMS;
      expect((await get('/api/compare?concept=protected-areas.count', cms)).statusCode).toBe(403);
      expect((await get('/api/compare?concept=protected-areas.count&instrument=AEWA', cms)).statusCode).toBe(
        403,
      );
      const own = await get('/api/compare?concept=protected-areas.count&instrument=CMS', cms);
      expect(own.json().columns.map((c: { instrument: string }) => c.instrument)).toEqual(['CMS', 'CMS']);
      const admin = await bearerFor(ctx.app, ['admin']);
      expect((await get('/api/compare?concept=protected-areas.count', admin)).statusCode).toBe(403);
      expect(
        (
          await get(
            `/api/analysis/cycles/${seeded.cycles.first}/distribution?question=trend`,
            seeded.secretariat.AEWA,
          )
        ).statusCode,
      ).toBe(403);
    });

    it('needs a concept or a tag, not both', async () => {
      expect((await get('/api/compare')).statusCode).toBe(400);
      expect((await get('/api/compare?concept=a&tag=b')).statusCode).toBe(400);
    });
  });

  describe('GET /api/analysis/cycles and questions', () => {
    it('lists the cycles with their submitted reports, and the questions and filters of one', async () => {
      const cycles = (await get('/api/analysis/cycles?instrument=CMS')).json().cycles;
      expect(cycles.map((c: { id: number; submitted: number }) => [c.id, c.submitted])).toEqual([
        [seeded.cycles.first, 4],
        [seeded.cycles.second, 2],
      ]);
      const found = (await get(`/api/analysis/cycles/${seeded.cycles.first}/questions?lang=es`)).json();
      expect(found.questions.map((q: { id: string }) => q.id)).toEqual([
        'has_pa',
        'pa_count',
        'trend',
        'threats',
        'groups',
      ]);
      expect(found.questions[1]).toMatchObject({
        label: 'Número de áreas protegidas',
        concept: 'protected-areas.count',
      });
      expect(found.filters).toEqual({
        regions: ['Africa', 'Europe'],
        attributes: { coastal: ['no', 'yes'] },
      });
    });
  });
});
