/**
 * A synthetic questionnaire of about `itemCount` items with realistic logic: relevance, required
 * expressions, constraints, calculations, groups, tables filtered by Party, repeats and a loop over a
 * code list, plus a complete answer set for it.
 */
export function generateQuestionnaire(itemCount: number): {
  definition: Record<string, unknown>;
  answers: Record<string, unknown>;
} {
  const species = Array.from({ length: 8 }, (_, i) => ({
    value: `sp${i}`,
    label: { en: `Species ${i}`, fr: `Espèce ${i}`, es: `Especie ${i}` },
    attributes: { group: i % 2 === 0 ? 'birds' : 'mammals', range: i % 3 === 0 ? ['DEU'] : ['FRA', 'DEU'] },
  }));
  const label = (text: string) => ({ en: text, fr: `${text} (fr)`, es: `${text} (es)` });
  const yesNo = [
    { value: 'yes', label: label('Yes') },
    { value: 'no', label: label('No') },
  ];
  const answers: Record<string, unknown> = {};
  const sections: Record<string, unknown>[] = [];
  let count = 0;
  let block = 0;
  while (count < itemCount) {
    const s = sections.length;
    const items: Record<string, unknown>[] = [];
    for (let b = 0; b < 4 && count < itemCount; b++, block++) {
      const p = `q${block}`;
      items.push(
        { id: `${p}_has`, type: 'choice', options: 'yes_no', label: label(`Has ${p}?`), required: true },
        {
          id: `${p}_n`,
          type: 'integer',
          min: 0,
          max: 100_000,
          label: label(`Count ${p}`),
          required: true,
          relevant: `${p}_has == 'yes'`,
        },
        {
          id: `${p}_area`,
          type: 'decimal',
          min: 0,
          label: label(`Area ${p}`),
          relevant: `${p}_n > 0`,
          required: `${p}_n > 10`,
          constraint: '. <= 1000000',
        },
        {
          id: `${p}_mean`,
          type: 'calculated',
          label: label(`Mean ${p}`),
          expression: `if(${p}_n > 0, round(${p}_area / ${p}_n, 2), null)`,
        },
        { id: `${p}_name`, type: 'text', maxLength: 200, label: label(`Name ${p}`), required: true },
        { id: `${p}_mail`, type: 'text', format: 'email', label: label(`E-mail ${p}`) },
        {
          id: `${p}_since`,
          type: 'date',
          min: '1990-01-01',
          max: '2100-01-01',
          label: label(`Since ${p}`),
          relevant: `!empty(${p}_name)`,
        },
        {
          id: `${p}_ok`,
          type: 'boolean',
          label: label(`Confirm ${p}`),
          required: true,
          constraint: '. == true',
        },
        {
          id: `${p}_block`,
          type: 'group',
          relevant: `${p}_has == 'yes' && ${p}_ok`,
          items: [
            { id: `${p}_why`, type: 'textarea', maxLength: 5000, label: label(`Why ${p}`), required: true },
            {
              id: `${p}_kinds`,
              type: 'choice',
              multiple: true,
              minSelected: 1,
              options: yesNo,
              other: true,
              label: label(`Kinds ${p}`),
            },
            {
              id: `${p}_score`,
              type: 'integer',
              min: 0,
              max: 10,
              label: label(`Score ${p}`),
              constraint: `. <= ${p}_n`,
            },
          ],
        },
      );
      count += 12;
      answers[`${p}_has`] = 'yes';
      answers[`${p}_n`] = 20 + (block % 7);
      answers[`${p}_area`] = 100.5 + block;
      answers[`${p}_name`] = `Name ${block}`;
      answers[`${p}_mail`] = `focal${block}@example.org`;
      answers[`${p}_since`] = '2001-02-03';
      answers[`${p}_ok`] = true;
      answers[`${p}_why`] = 'Because it matters for migratory species.';
      answers[`${p}_kinds`] = ['yes'];
      answers[`${p}_score`] = 5;
    }
    if (count < itemCount) {
      const t = `t${s}`;
      items.push({
        id: t,
        type: 'table',
        rows: 'species',
        filter: 'contains(@option.range, @party)',
        label: label(`Populations ${s}`),
        columns: [
          { id: 'trend', type: 'choice', options: 'yes_no', label: label('Increasing?') },
          { id: 'pop', type: 'integer', min: 0, label: label('Population') },
          { id: 'note', type: 'text', maxLength: 500, label: label('Note'), relevant: "trend == 'no'" },
        ],
      });
      const r = `r${s}`;
      items.push({
        id: r,
        type: 'repeat',
        maxItems: 50,
        label: label(`Sites ${s}`),
        items: [
          { id: 'site', type: 'text', required: true, label: label('Site') },
          { id: 'km2', type: 'decimal', min: 0, label: label('Area') },
          { id: 'since', type: 'date', label: label('Designated on') },
        ],
      });
      items.push({
        id: `${r}_total`,
        type: 'calculated',
        label: label('Total area'),
        expression: `sum(${r}.km2)`,
      });
      count += 10;
      answers[t] = Object.fromEntries(
        species.map((sp, i) => [sp.value, { trend: i % 2 ? 'yes' : 'no', pop: 100 + i, note: 'ok' }]),
      );
      answers[r] = [
        { site: 'North', km2: 10, since: '2010-01-01' },
        { site: 'South', km2: 20.5, since: '2012-05-06' },
      ];
    }
    sections.push({ id: `s${s}`, title: label(`Section ${s}`), items });
  }
  sections.push({
    id: 'species_section',
    title: label('Species'),
    items: [
      {
        id: 'per_species',
        type: 'loop',
        over: 'species',
        filter: "@option.group == 'birds'",
        label: label('For each bird species'),
        items: [
          { id: 'threat', type: 'choice', options: 'yes_no', required: true, label: label('Threatened?') },
          {
            id: 'action',
            type: 'textarea',
            label: label('Action'),
            relevant: "threat == 'yes'",
            required: true,
          },
        ],
      },
    ],
  });
  answers.per_species = Object.fromEntries(
    species.map((sp) => [sp.value, { threat: 'yes', action: 'Protected' }]),
  );
  return {
    definition: {
      format: 'ors-questionnaire@1',
      key: `bench-${itemCount}`,
      instrument: 'CMS',
      title: label('Benchmark questionnaire'),
      defaultLanguage: 'en',
      languages: ['en', 'fr', 'es'],
      codeLists: { yes_no: yesNo, species },
      sections,
    },
    answers,
  };
}
