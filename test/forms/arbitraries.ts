import fc from 'fast-check';
import type { Option, Plan, PlannedItem } from '../../forms/index.ts';

const dates = ['1999-12-31', '2020-02-29', '2025-06-01', '2101-01-01'];
const junk = fc.constantFrom<unknown>(null, 'junk', 7, -1.5, true, [], {}, ['x'], { a: 1 }, '');

const optionValues = (item: PlannedItem): string[] => (item.options ?? []).map((o: Option) => o.value);

const file = fc.record({
  file: fc.constantFrom('f1', 'f2'),
  name: fc.constantFrom('a.pdf', 'b.png'),
  size: fc.integer({ min: 0, max: 30_000_000 }),
  type: fc.constantFrom('application/pdf', 'image/png', 'text/plain'),
});

/** Answers of every shape a respondent could give an item (and, with `withJunk`, shapes they could not). */
export function valueArbitrary(plan: Plan, item: PlannedItem, withJunk: boolean): fc.Arbitrary<unknown> {
  const valid = validValue(plan, item, withJunk);
  return withJunk ? fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: junk }) : valid;
}

function validValue(plan: Plan, item: PlannedItem, withJunk: boolean): fc.Arbitrary<unknown> {
  const definition = item.item;
  switch (definition.type) {
    case 'text':
    case 'textarea':
      return fc.oneof(
        fc.constantFrom('', 'a@b.org', 'https://x.org', 'FRA', 'http://no'),
        fc.string({ maxLength: 8 }),
      );
    case 'integer':
      return fc.integer({ min: -3, max: 30 });
    case 'decimal':
      return fc.oneof(fc.integer({ min: -3, max: 30 }), fc.double({ min: -10, max: 1000, noNaN: true }));
    case 'date':
      return fc.constantFrom(...dates);
    case 'boolean':
      return fc.boolean();
    case 'choice': {
      const values = optionValues(item);
      if (values.length === 0) return fc.constant(null);
      return definition.multiple ? fc.subarray(values) : fc.constantFrom(...values);
    }
    case 'ranking': {
      const values = optionValues(item);
      return fc.shuffledSubarray(values);
    }
    case 'file':
      return definition.multiple ? fc.array(file, { maxLength: 2 }) : file;
    case 'repeat':
      return fc.array(rowArbitrary(plan, item, withJunk), { maxLength: 3 });
    case 'table':
    case 'loop': {
      const values = optionValues(item);
      if (values.length === 0) return fc.constant({});
      return fc.dictionary(fc.constantFrom(...values), rowArbitrary(plan, item, withJunk), {
        maxKeys: values.length,
      });
    }
    case 'calculated':
    case 'note':
    case 'group':
      return fc.constant(null);
  }
}

function rowArbitrary(
  plan: Plan,
  container: PlannedItem,
  withJunk: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const children = plan.items.filter(
    (i) => i.containerKey === container.key && !['calculated', 'note', 'group'].includes(i.type),
  );
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const child of children) {
    shape[child.id] = valueArbitrary(plan, child, withJunk);
    if (child.item.type === 'choice' && child.item.other)
      shape[`${child.id}_other`] = fc.constantFrom('', 'other');
  }
  return fc.record(shape, { requiredKeys: [] });
}

/** A whole answer set of a plan: any subset of its answer ids with generated values. */
export function answersArbitrary(plan: Plan, withJunk = true): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const item of plan.items) {
    if (item.containerKey !== null || item.answerId !== item.id) continue;
    shape[item.id] = valueArbitrary(plan, item, withJunk);
    if (item.item.type === 'choice' && item.item.other)
      shape[`${item.id}_other`] = fc.constantFrom('', 'other text');
  }
  return fc.record(shape, { requiredKeys: [] });
}

/** A sequence of single-answer changes drawn from the same values. */
export function editsArbitrary(plan: Plan): fc.Arbitrary<[string, unknown][]> {
  const edits = plan.answerIds.map((id) => {
    const item = plan.item(id) ?? plan.item(id.replace(/_other$/, ''));
    const value =
      item === undefined || item.id !== id
        ? fc.constantFrom<unknown>('', 'other', undefined)
        : fc.oneof(valueArbitrary(plan, item, true), fc.constant(undefined));
    return fc.tuple(fc.constant(id), value);
  });
  return fc.array(fc.oneof(...edits), { maxLength: 12 });
}
