import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { setMembership, upsertParty } from '../../../server/repositories/reference.ts';
import { bearerFor } from '../../helpers/auth.ts';
import { seedReference } from '../../helpers/reporting.ts';

type Headers = { authorization: string };

/** A CMS questionnaire with a gated number, a single and a multiple choice and a table. */
export function cmsDefinition(version: 1 | 2 = 1) {
  // Version 2 renames pa_count to pa_number: the trend follows it through the carry-over.
  const count = version === 1 ? { id: 'pa_count' } : { id: 'pa_number', renamedFrom: ['pa_count'] };
  return {
    format: 'ors-questionnaire@1',
    key: 'cms-analysis',
    instrument: 'CMS',
    title: { en: 'CMS report', fr: 'Rapport CMS', es: 'Informe CMS' },
    defaultLanguage: 'en',
    languages: ['en', 'fr', 'es'],
    sections: [
      {
        id: 'areas',
        title: { en: 'Protected areas', fr: 'Aires protégées', es: 'Áreas protegidas' },
        items: [
          {
            id: 'has_pa',
            type: 'boolean',
            label: { en: 'Are there protected areas?', fr: 'Y a-t-il des aires protégées ?' },
          },
          {
            ...count,
            type: 'integer',
            label: {
              en: 'Number of protected areas',
              fr: "Nombre d'aires protégées",
              es: 'Número de áreas protegidas',
            },
            relevant: 'has_pa == true',
            concept: 'protected-areas.count',
            min: 0,
          },
          {
            id: 'trend',
            type: 'choice',
            label: { en: 'Trend', fr: 'Tendance', es: 'Tendencia' },
            options: [
              { value: 'up', label: { en: 'Increasing', fr: 'En hausse', es: 'En aumento' } },
              { value: 'down', label: { en: 'Decreasing', fr: 'En baisse', es: 'En disminución' } },
              { value: 'stable', label: { en: 'Stable', fr: 'Stable', es: 'Estable' } },
            ],
          },
          {
            id: 'threats',
            type: 'choice',
            multiple: true,
            label: { en: 'Threats', fr: 'Menaces', es: 'Amenazas' },
            options: [
              {
                value: 'bycatch',
                label: { en: 'By-catch', fr: 'Captures accessoires', es: 'Captura incidental' },
              },
              { value: 'wind', label: { en: 'Wind turbines', fr: 'Éoliennes', es: 'Aerogeneradores' } },
              { value: 'poison', label: { en: 'Poisoning', fr: 'Empoisonnement', es: 'Envenenamiento' } },
            ],
          },
          {
            id: 'groups',
            type: 'table',
            label: { en: 'Species groups', fr: "Groupes d'espèces", es: 'Grupos de especies' },
            rows: [
              { id: 'birds', label: { en: 'Birds', fr: 'Oiseaux', es: 'Aves' } },
              { id: 'bats', label: { en: 'Bats', fr: 'Chauves-souris', es: 'Murciélagos' } },
            ],
            columns: [
              { id: 'level', type: 'integer', label: { en: 'Threat level', fr: 'Niveau de menace' } },
              {
                id: 'action',
                type: 'choice',
                label: { en: 'Action taken', fr: 'Action menée' },
                options: [
                  { value: 'yes', label: { en: 'Yes', fr: 'Oui' } },
                  { value: 'no', label: { en: 'No', fr: 'Non' } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** An AEWA questionnaire asking the same concept under another id. */
export function aewaDefinition() {
  return {
    format: 'ors-questionnaire@1',
    key: 'aewa-analysis',
    instrument: 'AEWA',
    title: { en: 'AEWA report' },
    defaultLanguage: 'en',
    languages: ['en', 'fr'],
    sections: [
      {
        id: 'sites',
        title: { en: 'Sites' },
        items: [
          {
            id: 'pa_total',
            type: 'integer',
            label: { en: 'Protected areas for waterbirds' },
            concept: 'protected-areas.count',
          },
        ],
      },
    ],
  };
}

export interface Seeded {
  secretariat: Record<'CMS' | 'AEWA', Headers>;
  cycles: { first: number; second: number; aewa: number };
  reports: { first: Record<string, number>; second: Record<string, number>; aewa: Record<string, number> };
}

async function call(
  app: FastifyInstance,
  method: 'POST' | 'PUT' | 'PATCH',
  url: string,
  headers: Headers,
  payload?: object,
) {
  const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function openCycle(
  app: FastifyInstance,
  headers: Headers,
  definition: { key: string; instrument: string },
  title: string,
  opensAt: string,
  create: boolean,
) {
  if (create) await call(app, 'POST', '/api/questionnaires', headers, definition);
  else await call(app, 'PUT', `/api/questionnaires/${definition.key}/draft`, headers, definition);
  const { version } = await call(app, 'POST', `/api/questionnaires/${definition.key}/publish`, headers);
  const { id } = await call(app, 'POST', '/api/cycles', headers, {
    instrument: definition.instrument,
    questionnaire: definition.key,
    version,
    title,
    opensAt,
    closesAt: '2027-06-30',
  });
  const rows = await app.db
    .selectFrom('reports')
    .select(['id', 'party_code'])
    .where('cycle_id', '=', id)
    .execute();
  return { id: id as number, reports: Object.fromEntries(rows.map((row) => [row.party_code, row.id])) };
}

/** Saves `answers` in a report as its Party's focal point and, unless told otherwise, submits it. */
export async function answer(
  app: FastifyInstance,
  instrument: string,
  party: string,
  reportId: number,
  answers: Record<string, unknown>,
  submit = true,
) {
  const focalPoint = await bearerFor(app, [`focal_point:${party}:${instrument}`]);
  const report = await app.inject({ url: `/api/reports/${reportId}`, headers: focalPoint });
  await call(app, 'PATCH', `/api/reports/${reportId}/answers`, focalPoint, {
    baseRevision: report.json().revision,
    set: answers,
  });
  if (submit) await call(app, 'POST', `/api/reports/${reportId}/submit`, focalPoint);
}

/**
 * Six Parties with regions and a `coastal` attribute; two CMS cycles (the second on version 2, where
 * pa_count became pa_number) and one AEWA cycle, with the answers the tests check figures against.
 */
export async function seedAnalysis(app: FastifyInstance): Promise<Seeded> {
  await seedReference(app);
  await addParty(app, 'ITA', 'Italy', 'Europe');
  await addParty(app, 'SEN', 'Senegal', 'Africa');
  await addParty(app, 'BRA', 'Brazil', 'Americas');
  for (const [code, region] of [
    ['FRA', 'Europe'],
    ['DEU', 'Europe'],
    ['KEN', 'Africa'],
  ] as const) {
    await sql`UPDATE parties SET region = ${region} WHERE code = ${code}`.execute(app.db);
  }
  for (const [code, coastal] of Object.entries({
    FRA: 'yes',
    DEU: 'no',
    KEN: 'yes',
    ITA: 'yes',
    SEN: 'yes',
    BRA: 'yes',
  })) {
    await sql`UPDATE parties SET attributes = ${JSON.stringify({ coastal })}::jsonb WHERE code = ${code}`.execute(
      app.db,
    );
  }
  await setMembership(app.db, 'AEWA', 'SEN', null);
  const secretariat = {
    CMS: await bearerFor(app, ['secretariat:CMS']),
    AEWA: await bearerFor(app, ['secretariat:AEWA']),
  };
  const first = await openCycle(
    app,
    secretariat.CMS,
    cmsDefinition(1),
    'Reports to COP14',
    '2023-01-01',
    true,
  );
  await answer(app, 'CMS', 'FRA', first.reports.FRA ?? 0, {
    has_pa: true,
    pa_count: 10,
    trend: 'up',
    threats: ['bycatch', 'wind'],
    groups: { birds: { level: 2, action: 'yes' }, bats: { level: 1 } },
  });
  await answer(app, 'CMS', 'DEU', first.reports.DEU ?? 0, {
    has_pa: true,
    pa_count: 20,
    trend: 'up',
    threats: ['wind'],
  });
  // Kenya's count is stored but not relevant (no protected areas): it must not count.
  await answer(app, 'CMS', 'KEN', first.reports.KEN ?? 0, {
    has_pa: false,
    pa_count: 99,
    trend: 'down',
    threats: ['poison'],
  });
  await answer(app, 'CMS', 'ITA', first.reports.ITA ?? 0, {
    has_pa: true,
    pa_count: 30,
    trend: 'stable',
    groups: { birds: { level: 4, action: 'no' } },
  });
  // Senegal has not submitted: its answers stay out.
  await answer(
    app,
    'CMS',
    'SEN',
    first.reports.SEN ?? 0,
    { has_pa: true, pa_count: 1000, trend: 'down' },
    false,
  );

  // France reopens and resubmits: its latest snapshot counts.
  await call(app, 'POST', `/api/reports/${first.reports.FRA}/reopen`, secretariat.CMS);
  await answer(app, 'CMS', 'FRA', first.reports.FRA ?? 0, { pa_count: 12 });

  const second = await openCycle(
    app,
    secretariat.CMS,
    cmsDefinition(2),
    'Reports to COP15',
    '2026-01-01',
    false,
  );
  await answer(app, 'CMS', 'FRA', second.reports.FRA ?? 0, { has_pa: true, pa_number: 11, trend: 'up' });
  await answer(app, 'CMS', 'DEU', second.reports.DEU ?? 0, { has_pa: true, pa_number: 21, trend: 'down' });

  const aewa = await openCycle(
    app,
    secretariat.AEWA,
    aewaDefinition(),
    'Reports to MOP9',
    '2025-01-01',
    true,
  );
  await answer(app, 'AEWA', 'FRA', aewa.reports.FRA ?? 0, { pa_total: 5 });
  await answer(app, 'AEWA', 'KEN', aewa.reports.KEN ?? 0, { pa_total: 7 });

  return {
    secretariat,
    cycles: { first: first.id, second: second.id, aewa: aewa.id },
    reports: { first: first.reports, second: second.reports, aewa: aewa.reports },
  };
}

async function addParty(app: FastifyInstance, code: string, name: string, region: string) {
  await upsertParty(app.db, { code, name: { en: name }, region });
  await setMembership(app.db, 'CMS', code, null);
}
