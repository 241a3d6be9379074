import { benchAutosave } from './autosave.ts';
import { formatRows } from './report.ts';

console.log(formatRows(await benchAutosave()));
