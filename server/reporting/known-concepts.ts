import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { upsertConcepts } from '../repositories/questionnaires.ts';

const conceptsFile = new URL('../../forms/definitions/concepts.json', import.meta.url);
const localized = z.record(z.string(), z.string());
const conceptsSchema = z.array(
  z.object({
    id: z.string(),
    label: localized.optional(),
    description: localized.optional(),
    tags: z.array(z.string()).optional(),
  }),
);

let known: Promise<z.infer<typeof conceptsSchema>> | undefined;

/** The shared concept list of forms/definitions/concepts.json (read once; empty when missing or invalid). */
export function knownConcepts() {
  known ??= readFile(conceptsFile, 'utf8')
    .then((text) => conceptsSchema.parse(JSON.parse(text)))
    .catch(() => []);
  return known;
}

/**
 * Registers the concepts among `ids` that the shared list knows and the database does not, with their
 * labels, descriptions and tags, so a published definition's concepts arrive described. Concepts
 * already registered are left as they are (an administrator may have edited them).
 */
export async function registerKnownConcepts(db: Kysely<Database>, ids: string[]): Promise<void> {
  const wanted = new Set(ids);
  const concepts = (await knownConcepts()).filter((concept) => wanted.has(concept.id));
  await upsertConcepts(db, concepts, { keepExisting: true });
}
