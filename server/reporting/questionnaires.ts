import type { Kysely } from 'kysely';
import { checkDefinition, type Definition, walkItems } from '../../forms/index.ts';
import type { Database } from '../db/schema.ts';
import { ConflictError, InputError } from '../errors.ts';
import { lockDraft, publishDraft, recordConceptItems } from '../repositories/questionnaires.ts';
import { contentHash } from './content-hash.ts';
import { registerKnownConcepts } from './known-concepts.ts';

export interface DefinitionWarning {
  path: (string | number)[];
  code: string;
  message: string;
}

/** The definition as the engine accepts it, or an InputError (422) listing every problem with its path. */
export function checkedDefinition(input: unknown): { definition: Definition; warnings: DefinitionWarning[] } {
  const result = checkDefinition(input);
  if (!result.ok) {
    throw new InputError(
      'the definition has problems',
      result.issues
        .filter((issue) => issue.severity === 'error')
        .map((issue) => ({
          in: 'body' as const,
          path: issue.path,
          message: issue.message,
          code: issue.code,
          ...(issue.params ? { params: issue.params } : {}),
        })),
    );
  }
  return {
    definition: result.value,
    warnings: result.warnings.map(({ path, code, message }) => ({ path, code, message })),
  };
}

const conceptId = /^[a-z0-9][a-z0-9._-]{0,199}$/;

/**
 * Freezes the draft of `key` as its next version, content-hashed, and records which items carry which
 * concept. Run it in a transaction. Throws ConflictError when there is no draft.
 */
export async function publishQuestionnaire(
  db: Kysely<Database>,
  key: string,
  userId: number | null,
): Promise<{ versionId: number; version: number; contentHash: string }> {
  const draft = await lockDraft(db, key);
  if (!draft) throw new ConflictError('nothing to publish: the questionnaire has no draft');
  const { definition } = checkedDefinition(draft.definition);
  const hash = contentHash(definition);
  const version = await publishDraft(db, { key, draftId: draft.id, contentHash: hash, userId });
  const conceptItems = [...walkItems(definition)].flatMap(({ item, key: itemId }) =>
    item.concept && conceptId.test(item.concept) ? [{ conceptId: item.concept, itemId }] : [],
  );
  await registerKnownConcepts(
    db,
    conceptItems.map((item) => item.conceptId),
  );
  await recordConceptItems(db, draft.id, conceptItems);
  return { versionId: draft.id, version, contentHash: hash };
}
