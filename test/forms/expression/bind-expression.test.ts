import { describe, expect, it } from 'vitest';
import { checkDefinition, evaluateReport } from '../../../forms/index.ts';
import { definitionWith, errorsOf, num, planOf, text } from '../helpers.ts';

const ctx = { party: 'FRA', today: '2025-06-01' };

describe('scopes of names in expressions', () => {
  it('names the item of the same repeat row with a bare id', () => {
    const plan = planOf([
      {
        id: 'sites',
        type: 'repeat',
        label: 'sites',
        items: [
          num('area'),
          num('part', { constraint: '. <= area' }),
          { id: 'left', type: 'calculated', label: 'l', expression: 'area - part' },
        ],
      },
    ]);
    const result = evaluateReport(
      plan,
      {
        sites: [
          { area: 5, part: 2 },
          { area: 1, part: 3 },
        ],
      },
      ctx,
    );
    expect(result.calculated).toEqual({ 'sites.0.left': 3, 'sites.1.left': -2 });
    expect(result.issues.map((i) => i.key)).toEqual(['sites.1.part']);
  });

  it('lets an item of a row hide a top-level item of the same id, with a warning', () => {
    const items = [
      num('area'),
      {
        id: 'sites',
        type: 'repeat',
        label: 's',
        items: [num('area'), num('part', { constraint: '. <= area' })],
      },
    ];
    const checked = checkDefinition(definitionWith(items));
    expect(checked.ok && checked.warnings.map((w) => w.code)).toContain('shadows');
    const result = evaluateReport(planOf(items), { area: 100, sites: [{ area: 1, part: 2 }] }, ctx);
    expect(result.issues.map((i) => i.key)).toEqual(['sites.0.part']);
  });

  it('reads top-level items from inside a row', () => {
    const items = [
      num('limit'),
      { id: 'sites', type: 'repeat', label: 's', items: [num('area', { constraint: '. <= limit' })] },
    ];
    const result = evaluateReport(planOf(items), { limit: 3, sites: [{ area: 4 }] }, ctx);
    expect(result.issues.map((i) => i.code)).toEqual(['constraint']);
  });

  it('gives @option the options of the innermost loop (yes_no here, which has no group)', () => {
    const items = [
      {
        id: 'outer',
        type: 'loop',
        over: 'birds',
        label: 'outer',
        items: [
          num('total'),
          {
            id: 'inner',
            type: 'loop',
            over: 'yes_no',
            label: 'inner',
            items: [
              num('part', { constraint: '. <= total' }),
              {
                id: 'tag',
                type: 'calculated',
                label: 't',
                expression: "if(@value == 'yes', @option.group, 'none')",
              },
            ],
          },
        ],
      },
    ];
    expect(errorsOf(items)).toEqual([expect.objectContaining({ code: 'unknown_attribute' })]);
  });

  it('names the current loop option with @value and its attributes with @option', () => {
    const items = [
      {
        id: 'outer',
        type: 'loop',
        over: 'birds',
        label: 'outer',
        items: [
          num('total'),
          {
            id: 'inner',
            type: 'loop',
            over: 'yes_no',
            label: 'inner',
            items: [
              num('part', { constraint: '. <= total' }),
              { id: 'tag', type: 'calculated', label: 't', expression: '@value' },
            ],
          },
          { id: 'group', type: 'calculated', label: 'g', expression: '@option.group' },
        ],
      },
    ];
    const result = evaluateReport(
      planOf(items),
      { outer: { crane: { total: 2, inner: { no: { part: 3 } } } } },
      ctx,
    );
    expect(result.issues.map((i) => i.key)).toEqual(['outer.crane.inner.no.part']);
    expect(result.calculated['outer.crane.inner.yes.tag']).toBe('yes');
    expect(result.calculated['outer.eagle.group']).toBe('raptors');
  });

  it('does not see the items of another repeat by their bare id', () => {
    const items = [
      { id: 'one', type: 'repeat', label: 'one', items: [num('x')] },
      { id: 'two', type: 'repeat', label: 'two', items: [num('y', { constraint: '. > x' })] },
    ];
    expect(errorsOf(items)[0]).toMatchObject({ code: 'unknown_id' });
  });

  it('reads table cells and columns from anywhere, and row cells by column id inside the table', () => {
    const items = [
      {
        id: 'tab',
        type: 'table',
        label: 'tab',
        rows: 'birds',
        columns: [
          num('n'),
          num('m', { constraint: '. <= n' }),
          { id: 'sum', type: 'calculated', label: 's', expression: 'n + m' },
        ],
      },
      { id: 'crane_n', type: 'calculated', label: 'c', expression: 'tab.crane.n' },
      { id: 'all_n', type: 'calculated', label: 'a', expression: 'sum(tab.n)' },
      text('why', { relevant: 'tab.eagle.m > 1' }),
    ];
    const result = evaluateReport(
      planOf(items),
      { tab: { crane: { n: 2, m: 3 }, eagle: { n: 5, m: 4 } } },
      ctx,
    );
    expect(result.calculated).toMatchObject({ crane_n: 2, all_n: 7, 'tab.crane.sum': 5 });
    expect(result.issues.map((i) => i.key)).toEqual(['tab.crane.m']);
    expect(result.irrelevant).not.toContain('why');
  });

  it('gives a calculation the type of its expression for later checks', () => {
    expect(
      errorsOf([
        text('s'),
        { id: 'c', type: 'calculated', label: 'c', expression: 'len(s)' },
        num('x', { relevant: 'c > 2' }),
      ]),
    ).toEqual([]);
    expect(
      errorsOf([
        text('s'),
        { id: 'c', type: 'calculated', label: 'c', expression: 's' },
        num('x', { relevant: 'c > 2' }),
      ]),
    ).toEqual([expect.objectContaining({ code: 'type_mismatch' })]);
  });
});
