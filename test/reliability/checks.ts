import pg from 'pg';
import type { SaveIntent } from './contributors.ts';

export interface Verdict {
  /** Acknowledged saves missing from the history at their revision, or not in the final report. */
  lost: number;
  /** Saves whose values are in the history more than once (a retry applied twice). */
  appliedTwice: number;
  /** Saves applied but never acknowledged (the client would not know): must be 0 once clients retried. */
  appliedUnacknowledged: number;
  /** History rows with a value no contributor sent. */
  phantom: number;
  /** A contributor's acknowledged saves out of order, or two saves acknowledged at one revision. */
  outOfOrder: number;
  details: string[];
}

interface HistoryRow {
  report_id: number;
  revision: number;
  item_id: string;
  new_value: unknown;
}

/**
 * Compares what the contributors were told with what the database holds: every acknowledged save in
 * the history at the revision it was acknowledged at, each question's final answer the last
 * acknowledged value, each contributor's saves in the order it made them, nothing applied twice.
 */
export async function verify(databaseUrl: string, intents: SaveIntent[]): Promise<Verdict> {
  const reportIds = [...new Set(intents.map((intent) => intent.reportId))];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let history: HistoryRow[];
  let answers: { report_id: number; item_id: string; value: unknown }[];
  try {
    history = (
      await client.query<HistoryRow>(
        'SELECT report_id, revision, item_id, new_value FROM answer_history WHERE report_id = ANY($1) ORDER BY report_id, revision, id',
        [reportIds],
      )
    ).rows;
    answers = (
      await client.query('SELECT report_id, item_id, value FROM answers WHERE report_id = ANY($1)', [
        reportIds,
      ])
    ).rows;
  } finally {
    await client.end();
  }
  const verdict: Verdict = {
    lost: 0,
    appliedTwice: 0,
    appliedUnacknowledged: 0,
    phantom: 0,
    outOfOrder: 0,
    details: [],
  };
  const note = (line: string) => {
    if (verdict.details.length < 30) verdict.details.push(line);
  };

  // Every value is unique to one save: where is each in the history?
  const rowsByValue = new Map<string, HistoryRow[]>();
  for (const row of history) {
    if (typeof row.new_value !== 'string') continue;
    const rows = rowsByValue.get(row.new_value) ?? [];
    rows.push(row);
    rowsByValue.set(row.new_value, rows);
  }
  const intentByValue = new Map<string, SaveIntent>();
  for (const intent of intents)
    for (const value of Object.values(intent.set)) intentByValue.set(value, intent);

  for (const row of history) {
    if (typeof row.new_value !== 'string' || !intentByValue.has(row.new_value)) {
      verdict.phantom += 1;
      note(
        `history of report ${row.report_id} at ${row.revision}: ${row.item_id} = ${JSON.stringify(row.new_value)}, sent by nobody`,
      );
    }
  }
  for (const intent of intents) {
    const rows = Object.values(intent.set).flatMap((value) => rowsByValue.get(value) ?? []);
    const revisions = new Set(rows.map((row) => row.revision));
    if (rows.length > Object.keys(intent.set).length) {
      verdict.appliedTwice += 1;
      note(
        `save of contributor ${intent.contributor} ${JSON.stringify(intent.set)} applied at ${[...revisions]}`,
      );
    }
    if (intent.revision === null) {
      if (rows.length > 0) {
        verdict.appliedUnacknowledged += 1;
        note(
          `save of contributor ${intent.contributor} ${JSON.stringify(intent.set)} applied at ${[...revisions]}, never acknowledged`,
        );
      }
      continue;
    }
    const complete = Object.entries(intent.set).every(([id, value]) =>
      (rowsByValue.get(value) ?? []).some(
        (row) => row.report_id === intent.reportId && row.item_id === id && row.revision === intent.revision,
      ),
    );
    if (!complete) {
      verdict.lost += 1;
      note(
        `acknowledged save of contributor ${intent.contributor} at ${intent.revision} ${JSON.stringify(intent.set)} is not in the history`,
      );
    }
  }

  // The final answer of each question: the value of its last acknowledged save.
  const last = new Map<string, { revision: number; value: string }>();
  for (const intent of intents) {
    if (intent.revision === null) continue;
    for (const [id, value] of Object.entries(intent.set)) {
      const key = `${intent.reportId}/${id}`;
      const known = last.get(key);
      if (!known || intent.revision > known.revision) last.set(key, { revision: intent.revision, value });
    }
  }
  const finalAnswers = new Map(answers.map((row) => [`${row.report_id}/${row.item_id}`, row.value]));
  for (const [key, expected] of last) {
    const actual = finalAnswers.get(key);
    if (actual !== expected.value) {
      verdict.lost += 1;
      note(
        `${key}: the report holds ${JSON.stringify(actual)}, the last acknowledged save ${JSON.stringify(expected)}`,
      );
    }
  }

  // Each contributor's acknowledged saves in the order it made them; one save per revision of a report.
  const byContributor = new Map<number, number[]>();
  const atRevision = new Map<string, SaveIntent>();
  for (const intent of intents) {
    if (intent.revision === null) continue;
    const revisions = byContributor.get(intent.contributor) ?? [];
    revisions.push(intent.revision);
    byContributor.set(intent.contributor, revisions);
    const key = `${intent.reportId}@${intent.revision}`;
    const other = atRevision.get(key);
    if (other && other !== intent) {
      verdict.outOfOrder += 1;
      note(`two saves acknowledged at revision ${key}`);
    }
    atRevision.set(key, intent);
  }
  for (const [contributor, revisions] of byContributor) {
    for (let i = 1; i < revisions.length; i++) {
      if ((revisions[i] as number) <= (revisions[i - 1] as number)) {
        verdict.outOfOrder += 1;
        note(`contributor ${contributor}: revision ${revisions[i]} acknowledged after ${revisions[i - 1]}`);
      }
    }
  }
  return verdict;
}
