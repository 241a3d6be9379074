import { describe, expect, it } from 'vitest';
import { type Definition, type DefinitionChange, diffDefinitions } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };
import { checked } from '../helpers.ts';

const base = checked(questionnaire);
const edit = (change: (d: Definition) => void): Definition => {
  const copy = structuredClone(base);
  change(copy);
  return checked(copy);
};
const section = (d: Definition, id: string) => {
  const found = d.sections.find((s) => s.id === id);
  if (!found) throw new Error(id);
  return found;
};
const kinds = (changes: DefinitionChange[]) => changes.map((c) => `${c.kind}:${c.id}`);

describe('diffDefinitions', () => {
  it('finds no change between identical versions', () => {
    expect(diffDefinitions(base, structuredClone(base))).toEqual([]);
  });

  it('finds items added and removed, with their section', () => {
    const next = edit((d) => {
      const general = section(d, 'general');
      general.items.push({ id: 'phone', type: 'text', label: 'Phone' });
      section(d, 'attachments').items.splice(1, 1);
    });
    const changes = diffDefinitions(base, next);
    expect(kinds(changes)).toEqual(['added:phone', 'removed:website']);
    expect(changes[0]).toMatchObject({
      sectionId: 'general',
      summary: 'Added text "phone" to section "general".',
    });
  });

  it('finds an item moved to another section, and one moved out of order', () => {
    const next = edit((d) => {
      const [website] = section(d, 'attachments').items.splice(1, 1);
      if (website) section(d, 'general').items.push(website);
      const general = section(d, 'general');
      const [name] = general.items.splice(1, 1);
      if (name) general.items.splice(3, 0, name);
    });
    const changes = diffDefinitions(base, next);
    expect(kinds(changes)).toEqual(['moved:focal_point_name', 'moved:website']);
    expect(changes.find((c) => c.id === 'website')?.summary).toBe(
      'Moved "website" from section "attachments" to section "general".',
    );
  });

  it('finds an item renamed through renamedFrom, and carries on comparing it', () => {
    const next = edit((d) => {
      const item = section(d, 'protected_areas').items[0];
      if (item) Object.assign(item, { id: 'pa_total', renamedFrom: ['pa_count'] });
      for (const i of section(d, 'protected_areas').items) {
        for (const key of ['relevant', 'expression'] as const) {
          const value = (i as Record<string, unknown>)[key];
          if (typeof value === 'string')
            (i as Record<string, unknown>)[key] = value.replaceAll('pa_count', 'pa_total');
        }
      }
    });
    const changes = diffDefinitions(base, next);
    expect(changes[0]).toEqual({
      kind: 'renamed',
      id: 'pa_total',
      from: 'pa_count',
      summary: 'Renamed "pa_count" to "pa_total".',
    });
    expect(kinds(changes)).toContain('logic:pa_area_km2');
  });

  it('finds a type changed', () => {
    const next = edit((d) => {
      const item = section(d, 'protected_areas').items[0];
      if (item) Object.assign(item, { type: 'decimal' });
    });
    expect(diffDefinitions(base, next)).toEqual([
      {
        kind: 'retyped',
        id: 'pa_count',
        from: 'integer',
        to: 'decimal',
        summary: 'Changed the type of "pa_count" from integer to decimal.',
      },
    ]);
  });

  it('finds labels changed, with the languages', () => {
    const next = edit((d) => {
      const item = section(d, 'general').items[1];
      if (item)
        item.label = {
          en: 'Name of the focal point',
          fr: 'Nom du correspondant national',
          es: 'Nombre',
          pt: 'Nome',
        };
    });
    const changes = diffDefinitions(base, next);
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'relabelled',
        id: 'focal_point_name',
        field: 'label',
        languages: ['en', 'es', 'pt'],
      }),
    ]);
  });

  it('finds options added, removed and relabelled, in code lists too', () => {
    const next = edit((d) => {
      const trend = d.codeLists?.trend;
      if (!trend) throw new Error('trend');
      trend.pop();
      trend.push({ value: 'fluctuating', label: 'Fluctuating' });
      const first = trend[0];
      if (first) first.label = { en: 'Going up', fr: 'En augmentation', es: 'En aumento' };
    });
    const change = diffDefinitions(base, next).find((c) => c.kind === 'options');
    expect(change).toMatchObject({
      id: 'population_trends.trend',
      added: ['fluctuating'],
      removed: ['unknown'],
      relabelled: [{ value: 'increasing', languages: ['en'] }],
    });
    expect(change?.summary).toBe(
      'Changed the options of "population_trends.trend": added fluctuating; removed unknown; relabelled increasing.',
    );
  });

  it('finds logic and settings changed', () => {
    const next = edit((d) => {
      const item = section(d, 'protected_areas').items[1];
      if (item) Object.assign(item, { relevant: 'pa_count > 1', required: false, min: 1 });
    });
    expect(kinds(diffDefinitions(base, next))).toEqual([
      'logic:pa_area_km2',
      'logic:pa_area_km2',
      'settings:pa_area_km2',
    ]);
  });

  it('finds sections added, removed and retitled', () => {
    const next = edit((d) => {
      d.sections.pop();
      d.sections.push({ id: 'extra', title: 'Extra', items: [{ id: 'more', type: 'text', label: 'More' }] });
      section(d, 'general').title = 'General';
    });
    expect(kinds(diffDefinitions(base, next))).toEqual([
      'section-relabelled:general',
      'section-added:extra',
      'section-removed:attachments',
      'added:more',
      'removed:action_plan',
      'removed:website',
    ]);
  });
});
