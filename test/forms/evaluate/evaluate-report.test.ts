import { describe, expect, it } from 'vitest';
import { compileDefinition, evaluateReport, type ReportEvaluation } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { checked, num, planOf, text } from '../helpers.ts';

const ctx = { party: 'FRA', today: '2025-06-01' };
const run = (items: unknown[], answers: Record<string, unknown>, extra?: Record<string, unknown>) =>
  evaluateReport(planOf(items, extra), answers, ctx);
const issueCodes = (result: ReportEvaluation) => result.issues.map((i) => `${i.key}:${i.code}`);

describe('evaluateReport', () => {
  describe('required answers', () => {
    it('reports a required question without an answer, and not once answered', () => {
      expect(issueCodes(run([num('a', { required: true })], {}))).toEqual(['a:required']);
      expect(issueCodes(run([num('a', { required: true })], { a: 0 }))).toEqual([]);
      expect(issueCodes(run([text('s', { required: true })], { s: '' }))).toEqual(['s:required']);
    });

    it('evaluates a required expression', () => {
      const items = [num('a'), num('b', { required: 'a > 10' })];
      expect(issueCodes(run(items, { a: 11 }))).toEqual(['b:required']);
      expect(issueCodes(run(items, { a: 1 }))).toEqual([]);
    });

    it('counts a choice answered by its other text alone', () => {
      const items = [{ id: 'c', type: 'choice', options: 'yes_no', other: true, required: true, label: 'c' }];
      expect(issueCodes(run(items, { c_other: 'maybe' }))).toEqual([]);
    });
  });

  describe('relevance', () => {
    it('neither requires nor validates an irrelevant item, and lists it', () => {
      const items = [num('a'), num('b', { relevant: 'a > 0', required: true, max: 1 })];
      const result = run(items, { a: 0, b: 5 });
      expect(result.issues).toEqual([]);
      expect(result.irrelevant).toEqual(['b']);
      expect(issueCodes(run(items, { a: 1, b: 5 }))).toEqual(['b:max']);
    });

    it('reads an irrelevant item as null in expressions', () => {
      const items = [
        num('a'),
        num('b', { relevant: 'a > 0' }),
        { id: 'c', type: 'calculated', label: 'c', expression: 'b' },
      ];
      expect(run(items, { a: 0, b: 5 }).calculated.c).toBe(null);
      expect(run(items, { a: 1, b: 5 }).calculated.c).toBe(5);
    });

    it('applies the relevance of a group and of a section to everything inside', () => {
      const items = [
        { id: 'has', type: 'boolean', label: 'has' },
        { id: 'g', type: 'group', relevant: 'has', items: [num('x', { required: true })] },
      ];
      expect(run(items, { has: false }).irrelevant).toEqual(['g', 'x']);
      expect(issueCodes(run(items, { has: true }))).toEqual(['x:required']);
      const sections = {
        sections: [
          { id: 'one', title: 'One', items: [{ id: 'go', type: 'boolean', label: 'go' }] },
          { id: 'two', title: 'Two', relevant: 'go', items: [num('y', { required: true })] },
        ],
      };
      const off = run([], { go: false }, sections);
      expect(off.irrelevant).toEqual(['y']);
      expect(off.progress.sections.two).toMatchObject({ relevant: false, required: 0, percent: 100 });
      expect(run([], { go: true }, sections).progress.sections.two).toMatchObject({
        relevant: true,
        required: 1,
      });
    });

    it('keeps the stored answer of an irrelevant item out of issues and progress only', () => {
      const items = [num('a'), num('b', { relevant: 'a > 0', required: true })];
      const result = run(items, { a: 0, b: 'not a number' });
      expect(result.issues).toEqual([]);
      expect(result.progress).toMatchObject({ answered: 0, required: 0, percent: 100 });
    });
  });

  describe('validation of each type', () => {
    it('validates texts: lengths, pattern (whole answer), e-mail and URL formats', () => {
      expect(issueCodes(run([text('s', { minLength: 3 })], { s: 'ab' }))).toEqual(['s:minLength']);
      expect(issueCodes(run([text('s', { maxLength: 3 })], { s: 'abcd' }))).toEqual(['s:maxLength']);
      expect(issueCodes(run([text('s', { pattern: '[A-Z]{3}' })], { s: 'FRANCE' }))).toEqual(['s:pattern']);
      expect(issueCodes(run([text('s', { pattern: '[A-Z]{3}' })], { s: 'FRA' }))).toEqual([]);
      expect(issueCodes(run([text('s', { format: 'email' })], { s: 'a@b' }))).toEqual(['s:format']);
      expect(issueCodes(run([text('s', { format: 'email' })], { s: 'a@b.org' }))).toEqual([]);
      expect(issueCodes(run([text('s', { format: 'url' })], { s: 'cms.int' }))).toEqual(['s:format']);
      expect(issueCodes(run([text('s', { format: 'url' })], { s: 'https://www.cms.int/en' }))).toEqual([]);
    });

    it('validates numbers: type, whole numbers, min and max', () => {
      const integer = { id: 'i', type: 'integer', label: 'i', min: 0, max: 10 };
      expect(issueCodes(run([integer], { i: 11 }))).toEqual(['i:max']);
      expect(issueCodes(run([integer], { i: -1 }))).toEqual(['i:min']);
      expect(issueCodes(run([integer], { i: 1.5 }))).toEqual(['i:type']);
      expect(issueCodes(run([integer], { i: '3' }))).toEqual(['i:type']);
      expect(issueCodes(run([num('d', { min: 0.5 })], { d: 0.25 }))).toEqual(['d:min']);
    });

    it('validates dates: ISO form and bounds', () => {
      const date = { id: 'd', type: 'date', label: 'd', min: '2000-01-01', max: '2030-12-31' };
      expect(issueCodes(run([date], { d: '1999-12-31' }))).toEqual(['d:min']);
      expect(issueCodes(run([date], { d: '2031-01-01' }))).toEqual(['d:max']);
      expect(issueCodes(run([date], { d: '2020-02-30' }))).toEqual(['d:type']);
      expect(issueCodes(run([date], { d: '2020-02-29' }))).toEqual([]);
    });

    it('validates booleans', () => {
      expect(issueCodes(run([{ id: 'b', type: 'boolean', label: 'b' }], { b: 'yes' }))).toEqual(['b:type']);
    });

    it('validates choices: known options, selection counts including the other text', () => {
      const single = { id: 'c', type: 'choice', options: 'yes_no', label: 'c' };
      expect(issueCodes(run([single], { c: 'maybe' }))).toEqual(['c:option']);
      expect(issueCodes(run([single], { c: ['yes'] }))).toEqual(['c:type']);
      const multiple = {
        id: 'm',
        type: 'choice',
        options: 'birds',
        multiple: true,
        minSelected: 2,
        maxSelected: 2,
        other: true,
        label: 'm',
      };
      expect(issueCodes(run([multiple], { m: ['crane'] }))).toEqual(['m:minSelected']);
      expect(issueCodes(run([multiple], { m: ['crane'], m_other: 'owl' }))).toEqual([]);
      expect(issueCodes(run([multiple], { m: ['crane', 'eagle', 'warbler'] }))).toEqual(['m:maxSelected']);
      expect(issueCodes(run([multiple], { m: ['crane', 'crane'] }))).toEqual(['m:type']);
    });

    it('validates rankings: known options, no repeats, at most maxRanked', () => {
      const ranking = { id: 'r', type: 'ranking', options: 'birds', maxRanked: 2, label: 'r' };
      expect(issueCodes(run([ranking], { r: ['crane', 'eagle', 'warbler'] }))).toEqual(['r:maxRanked']);
      expect(issueCodes(run([ranking], { r: ['owl'] }))).toEqual(['r:option']);
      expect(issueCodes(run([ranking], { r: ['eagle', 'crane'] }))).toEqual([]);
    });

    it('validates files: shape, accepted types and size', () => {
      const file = {
        id: 'f',
        type: 'file',
        label: 'f',
        accept: ['application/pdf', 'image/*'],
        maxSizeMB: 1,
      };
      const pdf = { file: 'f1', name: 'plan.pdf', size: 1000, type: 'application/pdf' };
      expect(issueCodes(run([file], { f: pdf }))).toEqual([]);
      expect(issueCodes(run([file], { f: { ...pdf, type: 'image/png' } }))).toEqual([]);
      expect(issueCodes(run([file], { f: { ...pdf, type: 'text/plain' } }))).toEqual(['f:accept']);
      expect(issueCodes(run([file], { f: { ...pdf, size: 2_000_000 } }))).toEqual(['f:maxSize']);
      expect(issueCodes(run([file], { f: 'plan.pdf' }))).toEqual(['f:type']);
      expect(issueCodes(run([{ ...file, multiple: true }], { f: [pdf, pdf] }))).toEqual([]);
    });

    it('checks a constraint with . as the answer, only when there is an answer', () => {
      const items = [num('a'), num('b', { constraint: '. >= a', constraintMessage: { en: 'At least a.' } })];
      const result = run(items, { a: 5, b: 3 });
      expect(issueCodes(result)).toEqual(['b:constraint']);
      expect(result.issues[0]?.message).toBe('At least a.');
      expect(issueCodes(run(items, { a: 5 }))).toEqual([]);
      expect(issueCodes(run(items, { a: 5, b: 5 }))).toEqual([]);
    });

    it('fails a constraint that gives null', () => {
      expect(issueCodes(run([num('a'), num('b', { constraint: '. > a' })], { b: 1 }))).toEqual([
        'b:constraint',
      ]);
    });

    it('checks a constraint on a calculated value', () => {
      const items = [
        num('a'),
        num('b'),
        { id: 't', type: 'calculated', label: 't', expression: 'a + b', constraint: '. <= 100' },
      ];
      expect(issueCodes(run(items, { a: 60, b: 50 }))).toEqual(['t:constraint']);
    });
  });

  describe('repeats', () => {
    const repeat = {
      id: 'sites',
      type: 'repeat',
      label: 'sites',
      minItems: 2,
      maxItems: 3,
      items: [
        text('name', { required: true }),
        num('area', { min: 0 }),
        num('share', { relevant: 'area > 0', constraint: '. <= area' }),
        { id: 'half', type: 'calculated', label: 'half', expression: 'area / 2' },
      ],
    };

    it('validates each row with its own answers, with paths [repeat, index, item]', () => {
      const result = run([repeat], {
        sites: [
          { name: 'A', area: -1 },
          { area: 4, share: 5 },
        ],
      });
      expect(result.issues.map((i) => i.path)).toEqual([
        ['sites', 0, 'area'],
        ['sites', 1, 'name'],
        ['sites', 1, 'share'],
      ]);
      expect(result.issues.map((i) => i.itemId)).toEqual(['sites.area', 'sites.name', 'sites.share']);
      expect(result.irrelevant).toEqual(['sites.0.share']);
      expect(result.calculated).toEqual({ 'sites.0.half': -0.5, 'sites.1.half': 2 });
    });

    it('checks minItems and maxItems', () => {
      expect(issueCodes(run([repeat], { sites: [{ name: 'A' }] }))).toEqual(['sites:minItems']);
      const four = Array.from({ length: 4 }, () => ({ name: 'x' }));
      expect(issueCodes(run([repeat], { sites: four }))).toEqual(['sites:maxItems']);
    });

    it('aggregates a field of every row for expressions outside', () => {
      const items = [repeat, { id: 'total', type: 'calculated', label: 't', expression: 'sum(sites.area)' }];
      expect(
        run(items, {
          sites: [
            { name: 'A', area: 1 },
            { name: 'B', area: 2.5 },
          ],
        }).calculated.total,
      ).toBe(3.5);
    });

    it('requires a required repeat to have a row', () => {
      expect(issueCodes(run([{ ...repeat, minItems: undefined, required: true }], {}))).toEqual([
        'sites:required',
      ]);
    });
  });

  describe('tables', () => {
    const table = {
      id: 'pop',
      type: 'table',
      label: 'pop',
      rows: 'birds',
      filter: 'contains(@option.range, @party)',
      columns: [
        { id: 'trend', type: 'choice', options: 'yes_no', label: 'trend', required: true },
        num('count', { min: 0 }),
        text('why', { relevant: "trend == 'no'" }),
        { id: 'heavy', type: 'calculated', label: 'heavy', expression: '@option.weight > 1' },
      ],
    };

    it('keeps only the rows whose filter holds for the Party', () => {
      const fra = evaluateReport(planOf([table]), {}, { party: 'FRA' });
      expect(fra.issues.map((i) => i.key)).toEqual(['pop.crane.trend', 'pop.warbler.trend']);
      const deu = evaluateReport(planOf([table]), {}, { party: 'DEU' });
      expect(deu.issues.map((i) => i.key)).toEqual(['pop.crane.trend', 'pop.eagle.trend']);
    });

    it('evaluates cells with the row in scope, and @option of the row', () => {
      const result = run([table], { pop: { crane: { trend: 'no', count: -2 }, warbler: { trend: 'yes' } } });
      expect(result.issues.map((i) => i.path)).toEqual([['pop', 'crane', 'count']]);
      expect(result.irrelevant).toEqual(['pop.warbler.why']);
      expect(result.calculated).toEqual({ 'pop.crane.heavy': true, 'pop.warbler.heavy': false });
    });

    it('counts each required cell of each kept row in progress', () => {
      const result = run([table], { pop: { crane: { trend: 'no' } } });
      expect(result.progress).toMatchObject({ answered: 1, required: 2, percent: 50 });
    });
  });

  describe('loops', () => {
    const chooser = { id: 'present', type: 'choice', multiple: true, options: 'birds', label: 'present' };
    const loop = {
      id: 'detail',
      type: 'loop',
      over: 'present',
      label: 'detail',
      items: [
        {
          id: 'threats',
          type: 'choice',
          multiple: true,
          options: 'yes_no',
          label: 'threats',
          required: true,
        },
        text('action', { relevant: "selected(threats, 'yes')", required: true }),
        {
          id: 'name',
          type: 'calculated',
          label: 'name',
          expression: "if(@option.group == 'cranes', 'crane', @value)",
        },
      ],
    };

    it('runs once for each chosen option, in option order, with paths [loop, option, item]', () => {
      const result = run([chooser, loop], {
        present: ['warbler', 'crane'],
        detail: { crane: { threats: ['yes'] } },
      });
      expect(result.issues.map((i) => i.path)).toEqual([
        ['detail', 'crane', 'action'],
        ['detail', 'warbler', 'threats'],
      ]);
      expect(result.irrelevant).toEqual(['detail.warbler.action']);
      expect(result.calculated).toEqual({ 'detail.crane.name': 'crane', 'detail.warbler.name': 'warbler' });
    });

    it('keeps answers of options no longer chosen out of issues', () => {
      const result = run([chooser, loop], { present: ['eagle'], detail: { crane: { threats: 'bad' } } });
      expect(result.issues.map((i) => i.key)).toEqual(['detail.eagle.threats']);
    });

    it('runs over a code list with a filter, and nests loops', () => {
      const nested = {
        id: 'by_bird',
        type: 'loop',
        over: 'birds',
        filter: "@option.group != 'passerines'",
        label: 'by bird',
        items: [
          {
            id: 'by_answer',
            type: 'loop',
            over: 'yes_no',
            label: 'by answer',
            items: [num('n', { required: true, constraint: '. < 10' })],
          },
        ],
      };
      const result = run([nested], { by_bird: { crane: { by_answer: { yes: { n: 12 } } } } });
      expect(result.issues.map((i) => i.key)).toEqual([
        'by_bird.crane.by_answer.yes.n',
        'by_bird.crane.by_answer.no.n',
        'by_bird.eagle.by_answer.yes.n',
        'by_bird.eagle.by_answer.no.n',
      ]);
      expect(result.issues.map((i) => i.code)).toEqual(['constraint', 'required', 'required', 'required']);
      expect(result.issues[0]?.path).toEqual(['by_bird', 'crane', 'by_answer', 'yes', 'n']);
    });

    it('reads one iteration from outside as loop.option.item, and all as loop.item', () => {
      const items = [
        chooser,
        { ...loop, items: [num('count')] },
        { id: 'crane_count', type: 'calculated', label: 'c', expression: 'detail.crane.count' },
        { id: 'all', type: 'calculated', label: 'a', expression: 'sum(detail.count)' },
      ];
      const result = run(items, {
        present: ['crane', 'eagle'],
        detail: { crane: { count: 3 }, eagle: { count: 4 } },
      });
      expect(result.calculated).toMatchObject({ crane_count: 3, all: 7 });
    });
  });

  describe('progress', () => {
    it('counts required and relevant items answered, per section and overall, rounded down', () => {
      const extra = {
        sections: [
          {
            id: 'one',
            title: 'One',
            items: [num('a', { required: true }), num('b', { required: true }), num('c', { required: true })],
          },
          { id: 'two', title: 'Two', items: [num('d'), num('e', { required: true, max: 1 })] },
        ],
      };
      const result = run([], { a: 1, d: 5, e: 3 }, extra);
      expect(result.progress).toEqual({
        answered: 2,
        required: 4,
        percent: 50,
        issues: 3,
        sections: {
          one: { answered: 1, required: 3, percent: 33, issues: 2, relevant: true },
          two: { answered: 1, required: 1, percent: 100, issues: 1, relevant: true },
        },
      });
    });

    it('is 100% when nothing is required', () => {
      expect(run([num('a')], {}).progress).toMatchObject({ answered: 0, required: 0, percent: 100 });
    });
  });

  describe('the example questionnaire', () => {
    const plan = compileDefinition(checked(questionnaire));

    it('computes its calculations, relevance and issues', () => {
      const answers = {
        focal_point_name: 'Ana',
        focal_point_email: 'ana@example.org',
        report_date: '2025-03-01',
        has_appendix_i: 'yes',
        appendix_i_present: ['aquila_clanga'],
        take_prohibited: true,
        species_detail: { aquila_clanga: { main_threats: ['bycatch'] } },
        population_trends: { aquila_clanga: { trend: 'stable', population: 40 } },
        pa_count: 4,
        pa_area_km2: 10,
        new_sites: [{ site_name: 'Marsh', site_area_km2: 2 }],
        pa_area_total_ok: true,
        website: 'https://example.org',
      };
      const result = evaluateReport(plan, answers, ctx);
      expect(result.issues).toEqual([]);
      expect(result.calculated).toEqual({ pa_mean_area: 2.5, new_sites_area_check: 2 });
      expect(result.irrelevant).toEqual(['exceptions_reason', 'species_detail.aquila_clanga.priority_rank']);
      expect(result.progress.percent).toBe(100);
    });

    it('hides the Appendix I block when the country has no Appendix I species', () => {
      const result = evaluateReport(plan, { has_appendix_i: 'no' }, ctx);
      expect(result.irrelevant).toEqual(
        expect.arrayContaining([
          'appendix_i_block',
          'appendix_i_present',
          'take_prohibited',
          'species_detail',
          'population_trends',
        ]),
      );
      expect(result.issues.map((i) => i.key)).toEqual([
        'focal_point_name',
        'focal_point_email',
        'report_date',
        'pa_count',
      ]);
    });
  });

  it('never throws on answers of any shape', () => {
    const plan = compileDefinition(checked(questionnaire));
    for (const answers of [
      null,
      [],
      'x',
      { pa_count: {} },
      { new_sites: { a: 1 } },
      { species_detail: [1] },
      { __proto__: { x: 1 } },
    ]) {
      expect(() => evaluateReport(plan, answers as Record<string, unknown>, {})).not.toThrow();
    }
  });
});
