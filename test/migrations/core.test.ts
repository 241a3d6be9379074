import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { Database } from '../../server/db/schema.ts';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../helpers/database.ts';

describe('migrations', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createEmptyDatabase();
  });
  afterAll(() => empty.drop());

  it('create every table in an empty database, then apply nothing the second time', async () => {
    await withDatabase(empty.url, async (db) => {
      const first = await migrateToLatest(db as Kysely<unknown>);
      expect(first.results?.map((r) => r.status)).toEqual(first.results?.map(() => 'Success'));
      const tables = await sql<{
        name: string;
      }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`.execute(db);
      expect(tables.rows.map((row) => row.name)).toEqual(
        expect.arrayContaining([
          'instruments',
          'parties',
          'memberships',
          'questionnaires',
          'questionnaire_versions',
          'cycles',
          'reports',
          'answer_history',
          'users',
          'sessions',
        ]),
      );
      const second = await migrateToLatest(db as Kysely<unknown>);
      expect(second.results).toEqual([]);
    });
  });

  describe('constraints that protect the data', () => {
    async function seed(db: Kysely<Database>) {
      await db
        .insertInto('instruments')
        .values({ code: 'CMS', name: { en: 'CMS' } })
        .execute();
      await db
        .insertInto('parties')
        .values({ code: 'FRA', name: { en: 'France' } })
        .execute();
      await db.insertInto('questionnaires').values({ key: 'q', instrument_code: 'CMS' }).execute();
      const published = await db
        .insertInto('questionnaire_versions')
        .values({
          questionnaire_key: 'q',
          version: 1,
          definition: {},
          content_hash: 'h',
          published_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return published.id;
    }

    it('forbid changing or deleting a published questionnaire version, in the database itself', async () => {
      const other = await createTestDatabase();
      try {
        await withDatabase(other.url, async (db) => {
          const id = await seed(db);
          await expect(
            db
              .updateTable('questionnaire_versions')
              .set({ definition: { changed: true } })
              .where('id', '=', id)
              .execute(),
          ).rejects.toThrow(/published and cannot change/);
          await expect(
            db.deleteFrom('questionnaire_versions').where('id', '=', id).execute(),
          ).rejects.toThrow(/published and cannot change/);
        });
      } finally {
        await other.drop();
      }
    });

    it('allow one report per Party and cycle, and only on a published version', async () => {
      const other = await createTestDatabase();
      try {
        await withDatabase(other.url, async (db) => {
          const versionId = await seed(db);
          const draft = await db
            .insertInto('questionnaire_versions')
            .values({ questionnaire_key: 'q', definition: {} })
            .returning('id')
            .executeTakeFirstOrThrow();
          await expect(
            db
              .insertInto('cycles')
              .values({
                instrument_code: 'CMS',
                questionnaire_version_id: draft.id,
                title: 'x',
                opens_at: '2026-01-01',
                closes_at: '2026-06-01',
              })
              .execute(),
          ).rejects.toThrow(/not published/);
          const cycle = await db
            .insertInto('cycles')
            .values({
              instrument_code: 'CMS',
              questionnaire_version_id: versionId,
              title: 'x',
              opens_at: '2026-01-01',
              closes_at: '2026-06-01',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const report = { cycle_id: cycle.id, party_code: 'FRA', questionnaire_version_id: versionId };
          await db.insertInto('reports').values(report).execute();
          await expect(db.insertInto('reports').values(report).execute()).rejects.toThrow(/duplicate key/);
        });
      } finally {
        await other.drop();
      }
    });

    it('keep a single draft per questionnaire', async () => {
      const other = await createTestDatabase();
      try {
        await withDatabase(other.url, async (db) => {
          await seed(db);
          await db
            .insertInto('questionnaire_versions')
            .values({ questionnaire_key: 'q', definition: {} })
            .execute();
          await expect(
            db
              .insertInto('questionnaire_versions')
              .values({ questionnaire_key: 'q', definition: {} })
              .execute(),
          ).rejects.toThrow(/duplicate key/);
        });
      } finally {
        await other.drop();
      }
    });
  });
});
