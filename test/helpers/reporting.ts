import type { FastifyInstance } from 'fastify';
import { setMembership, upsertInstrument, upsertParty } from '../../server/repositories/reference.ts';
import { bearerFor } from './auth.ts';

/** A small CMS questionnaire: two required questions, one constrained number, one optional choice. */
export function testDefinition(overrides: Record<string, unknown> = {}) {
  return {
    format: 'ors-questionnaire@1',
    key: 'cms-test-report',
    instrument: 'CMS',
    title: { en: 'Test national report', fr: 'Rapport national de test' },
    defaultLanguage: 'en',
    languages: ['en', 'fr'],
    sections: [
      {
        id: 'general',
        title: { en: 'General information' },
        items: [
          {
            id: 'focal_point_name',
            type: 'text',
            label: { en: 'Name of the national focal point' },
            required: true,
            concept: 'party.focal-point.name',
          },
          {
            id: 'pa_count',
            type: 'integer',
            label: { en: 'Number of protected areas' },
            required: true,
            min: 0,
          },
          {
            id: 'trend',
            type: 'choice',
            label: { en: 'Trend' },
            options: [
              { value: 'up', label: { en: 'Increasing' } },
              { value: 'down', label: { en: 'Decreasing' } },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** Instruments CMS and AEWA (its daughter), Parties FRA, DEU and KEN; all three in CMS, FRA and KEN in AEWA. */
export async function seedReference(app: FastifyInstance): Promise<void> {
  await upsertInstrument(app.db, {
    code: 'CMS',
    name: { en: 'Convention on Migratory Species' },
    languages: ['en', 'fr', 'es'],
  });
  await upsertInstrument(app.db, {
    code: 'AEWA',
    name: { en: 'African-Eurasian Waterbird Agreement' },
    parent: 'CMS',
  });
  await upsertParty(app.db, { code: 'FRA', name: { en: 'France', fr: 'France', es: 'Francia' } });
  await upsertParty(app.db, { code: 'DEU', name: { en: 'Germany', fr: 'Allemagne' } });
  await upsertParty(app.db, { code: 'KEN', name: { en: 'Kenya' } });
  for (const party of ['FRA', 'DEU', 'KEN']) await setMembership(app.db, 'CMS', party, '2000-01-01');
  for (const party of ['FRA', 'KEN']) await setMembership(app.db, 'AEWA', party, null);
}

/**
 * Publishes `definition` through the API as the CMS secretariat and opens a cycle on it;
 * returns the cycle id and the report id of each Party.
 */
export async function openTestCycle(app: FastifyInstance, definition = testDefinition()) {
  const secretariat = await bearerFor(app, [`secretariat:${definition.instrument}`]);
  const created = await app.inject({
    method: 'POST',
    url: '/api/questionnaires',
    headers: secretariat,
    payload: definition,
  });
  if (created.statusCode !== 201) throw new Error(`creating the questionnaire: ${created.body}`);
  const published = await app.inject({
    method: 'POST',
    url: `/api/questionnaires/${definition.key}/publish`,
    headers: secretariat,
  });
  if (published.statusCode !== 200) throw new Error(`publishing: ${published.body}`);
  const cycle = await app.inject({
    method: 'POST',
    url: '/api/cycles',
    headers: secretariat,
    payload: {
      instrument: definition.instrument,
      questionnaire: definition.key,
      version: published.json().version,
      title: 'Reports to COP15',
      opensAt: '2026-01-01',
      closesAt: '2027-06-30',
    },
  });
  if (cycle.statusCode !== 201) throw new Error(`opening the cycle: ${cycle.body}`);
  const cycleId: number = cycle.json().id;
  const rows = await app.db
    .selectFrom('reports')
    .select(['id', 'party_code'])
    .where('cycle_id', '=', cycleId)
    .execute();
  const reports = Object.fromEntries(rows.map((row) => [row.party_code, row.id]));
  return { cycleId, reports, secretariat, version: published.json().version as number };
}
