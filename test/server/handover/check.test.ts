import { describe, expect, it } from 'vitest';
import { compileDefinition, type Plan } from '../../../forms/index.ts';
import { changedIterations, refusedChanges } from '../../../server/handover/check.ts';
import { collaborationDefinition } from '../../helpers/collaboration.ts';

const plan = compileDefinition(collaborationDefinition() as never) as unknown as Plan;
const section = (sectionId: string) => ({ sectionId, loopId: null, iterations: null });
const species = (...iterations: string[]) => ({ sectionId: 'species', loopId: 'species_status', iterations });

describe('changedIterations', () => {
  it('lists the options whose content differs, added and removed ones included', () => {
    expect(
      changedIterations(
        { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } },
        { a: { n: 1 }, b: { n: 5 }, d: { n: 4 } },
      ).sort(),
    ).toEqual(['b', 'c', 'd']);
    expect(changedIterations(undefined, { a: {} })).toEqual(['a']);
    expect(changedIterations({ a: {} }, undefined)).toEqual(['a']);
  });
});

describe('refusedChanges', () => {
  it('passes changes inside a handed section', () => {
    const touched = [
      { id: 'pa_count', oldValue: 1, newValue: 2 },
      { id: 'trend', oldValue: undefined, newValue: 'up' },
    ];
    expect(refusedChanges(plan, [section('general')], touched)).toEqual([]);
  });

  it('refuses a whole answer outside every hand-over', () => {
    expect(
      refusedChanges(plan, [section('species')], [{ id: 'pa_count', oldValue: 1, newValue: 2 }]),
    ).toEqual([{ id: 'pa_count', iterations: null }]);
    expect(refusedChanges(plan, [], [{ id: 'report_file', oldValue: undefined, newValue: null }])).toEqual([
      { id: 'report_file', iterations: null },
    ]);
  });

  it('passes a loop change confined to handed iterations and names the others', () => {
    const oldValue = { otis_tarda: { population: 1 } };
    const inside = {
      id: 'species_status',
      oldValue,
      newValue: { otis_tarda: { population: 1 }, grus_grus: { population: 3 } },
    };
    expect(refusedChanges(plan, [species('grus_grus')], [inside])).toEqual([]);
    const outside = {
      id: 'species_status',
      oldValue,
      newValue: { otis_tarda: { population: 2 }, grus_grus: { population: 3 } },
    };
    expect(refusedChanges(plan, [species('grus_grus')], [outside])).toEqual([
      { id: 'species_status', iterations: ['otis_tarda'] },
    ]);
    // Iterations handed by several hand-overs add up.
    expect(refusedChanges(plan, [species('grus_grus'), species('otis_tarda')], [outside])).toEqual([]);
  });
});
