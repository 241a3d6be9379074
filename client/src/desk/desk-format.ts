import { ApiError } from '../api/api-error.ts';

/** A name given in several languages, in `language` when there, else English, else any. */
export function localName(names: Record<string, string>, language: string): string {
  return names[language] ?? names.en ?? Object.values(names)[0] ?? '';
}

/** What went wrong, as the server said it (its detail, or the first problem of its list). */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const first = error.problem.errors?.[0];
    return first ? `${error.message}: ${first.message}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The instruments whose cycles `roles` (as the session lists them: `secretariat:CMS`) may manage. */
export function managedInstruments(roles: string[]): string[] {
  return roles.flatMap((role) =>
    role.startsWith('secretariat:') ? [role.slice('secretariat:'.length)] : [],
  );
}
