import { checkDefinition, compileDefinition, createFormState, evaluateReport } from '../forms/index.ts';
import { generateQuestionnaire } from './generate-questionnaire.ts';
import { type BenchRow, medianMs } from './report.ts';

const ctx = { party: 'FRA', today: '2025-06-01' };

/**
 * The form engine on generated questionnaires of 1,000 and 5,000 items: median time to check a
 * definition, compile it, validate a full answer set, and re-evaluate after one changed answer.
 */
export async function benchEngine(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of [1_000, 5_000]) {
    const { definition, answers } = generateQuestionnaire(size);
    const checked = checkDefinition(definition);
    if (!checked.ok)
      throw new Error(`generated definition does not check: ${JSON.stringify(checked.issues.slice(0, 3))}`);
    const plan = compileDefinition(checked.value);
    const label = size.toLocaleString('en');
    rows.push({
      name: `engine: check a ${label}-item definition`,
      value: medianMs(() => checkDefinition(definition), { warmup: 3, minRuns: 10 }),
      unit: 'ms',
      ...(size === 5_000 ? { target: '≤ 100 ms' } : {}),
    });
    rows.push({
      name: `engine: compile a ${label}-item definition`,
      value: medianMs(() => compileDefinition(checked.value), { warmup: 3, minRuns: 10 }),
      unit: 'ms',
    });
    rows.push({
      name: `engine: validate a full ${label}-item answer set`,
      value: medianMs(() => evaluateReport(plan, answers, ctx)),
      unit: 'ms',
      ...(size === 1_000 ? { target: '≤ 1 ms' } : {}),
    });
    const form = createFormState(plan, answers, ctx);
    let n = 0;
    rows.push({
      name: `engine: re-evaluate after one answer (${label} items)`,
      value: medianMs(() => {
        n++;
        form.setAnswer('q0_n', n % 2 === 0 ? 0 : 30);
      }),
      unit: 'ms',
    });
  }
  return rows;
}
