import { z } from 'zod';
import type { PartyFilter } from '../../analysis/snapshots.ts';

export const cycleSchema = z.object({
  id: z.number(),
  title: z.string(),
  instrument: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  questionnaire: z.object({ key: z.string(), version: z.number() }),
});

const summarySchema = z.object({
  n: z.number(),
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  median: z.number(),
  q1: z.number(),
  q3: z.number(),
});

const leafSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('choice'),
    n: z.number(),
    options: z.array(z.object({ value: z.string(), label: z.string().nullable(), count: z.number() })),
  }),
  z.object({
    kind: z.literal('number'),
    n: z.number(),
    summary: summarySchema.nullable(),
    bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
  }),
  z.object({ kind: z.literal('answered'), n: z.number() }),
]);

/** A distribution: of a question, or per cell of a table (whose cells hold the other kinds). */
export const distributionSchema = z.union([
  leafSchema,
  z.object({
    kind: z.literal('table'),
    n: z.number(),
    cells: z.array(
      z.object({
        row: z.object({ id: z.string(), label: z.string() }),
        column: z.object({ id: z.string(), label: z.string() }),
        distribution: leafSchema,
      }),
    ),
  }),
]);

const attribute = z
  .string()
  .max(200)
  .regex(/^[^:]{1,64}:.{1,100}$/, 'name:value');

/** The Party filters of every analysis route: a region, attributes (`attribute=name:value`, repeatable). */
export const partyFilterQuery = z.object({
  lang: z.enum(['en', 'fr', 'es']).default('en'),
  region: z.string().min(1).max(100).optional(),
  attribute: z.union([attribute, z.array(attribute).max(10)]).optional(),
});

export function toPartyFilter(query: z.infer<typeof partyFilterQuery>): PartyFilter {
  const pairs = query.attribute === undefined ? [] : [query.attribute].flat();
  const attributes: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf(':');
    attributes[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { ...(query.region !== undefined ? { region: query.region } : {}), attributes };
}
