// XLSForm names made into ORS identifiers (`[a-z][a-z0-9_]*`, at most 64 characters), kept unique.

const reserved = new Set(['true', 'false', 'null']);

/** `label-test` → `label_test`, `_1` → `q_1`, `Région` → `region`. */
export function toIdentifier(name: string): string {
  let id = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_');
  if (!/^[a-z]/.test(id)) id = id.startsWith('_') ? `q${id}` : `q_${id}`;
  if (reserved.has(id)) id = `q_${id}`;
  return id.slice(0, 64);
}

/** Hands out identifiers, each once: a second `age` becomes `age_2`. */
export class IdentifierPool {
  private readonly used = new Set<string>();

  take(name: string): string {
    const base = toIdentifier(name);
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base.slice(0, 60)}_${n}`;
    this.used.add(id);
    return id;
  }
}

/** A questionnaire key (`[a-z0-9][a-z0-9_-]*`) from a form id or title: `Spec test` → `spec-test`. */
export function toKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 100);
}

/** An option value (no dots, no white space). */
export function toOptionValue(name: string): string {
  return name
    .trim()
    .replace(/[.\s]+/g, '_')
    .slice(0, 200);
}
