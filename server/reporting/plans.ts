import type { Kysely } from 'kysely';
import { compileDefinition, type Definition, type Plan } from '../../forms/index.ts';
import type { Database } from '../db/schema.ts';
import { findVersionById } from '../repositories/questionnaires.ts';

export interface CompiledVersion {
  id: number;
  key: string;
  version: number | null;
  definition: Definition;
  plan: Plan;
}

/**
 * Compiled plans of questionnaire versions, by version id. Reports only use published versions, which
 * the database keeps immutable, so an entry never goes stale.
 */
export class PlanCache {
  readonly #plans = new Map<number, Promise<CompiledVersion>>();
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  get(versionId: number): Promise<CompiledVersion> {
    let entry = this.#plans.get(versionId);
    if (!entry) {
      entry = this.#load(versionId);
      this.#plans.set(versionId, entry);
      entry.catch(() => this.#plans.delete(versionId));
    }
    return entry;
  }

  async #load(versionId: number): Promise<CompiledVersion> {
    const row = await findVersionById(this.#db, versionId);
    if (!row) throw new Error(`questionnaire version ${versionId} does not exist`);
    const definition = row.definition as Definition;
    return {
      id: row.id,
      key: row.key,
      version: row.version,
      definition,
      plan: compileDefinition(definition),
    };
  }
}
