import { useController } from 'react-hook-form';
import { answerIdOf } from '../normalize.ts';
import { countRender } from '../render-count.ts';
import { useReport } from '../report-context.tsx';

/** The value of one answer path (`id`, `table.row.col`, `rep.0.id`) and a setter that informs engine and autosave. */
export function useAnswerField(name: string) {
  countRender(name);
  const { control, commit, readOnly, editable } = useReport();
  const { field } = useController({ name, control });
  const set = (value: unknown) => {
    field.onChange(value);
    commit(answerIdOf(name));
  };
  return { value: field.value as unknown, set, onBlur: field.onBlur, readOnly: readOnly || !editable(name) };
}
