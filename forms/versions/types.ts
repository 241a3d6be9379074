import type { Path } from '../result.ts';

interface ChangeBase {
  /** Template key of the item in the version it exists in (the new one, unless removed). */
  id: string;
  /** A readable English sentence. */
  summary: string;
}

/** One difference between two versions of a definition, discriminated on `kind`. */
export type DefinitionChange =
  | (ChangeBase & { kind: 'added'; sectionId: string; path: Path })
  | (ChangeBase & { kind: 'removed'; sectionId: string; path: Path })
  | (ChangeBase & {
      kind: 'moved';
      from: { sectionId: string; parent: string | null; position: number };
      to: { sectionId: string; parent: string | null; position: number };
    })
  | (ChangeBase & { kind: 'renamed'; from: string })
  | (ChangeBase & { kind: 'retyped'; from: string; to: string })
  | (ChangeBase & {
      kind: 'relabelled';
      field: 'label' | 'help' | 'text' | 'constraintMessage';
      languages: string[];
    })
  | (ChangeBase & {
      kind: 'options';
      added: string[];
      removed: string[];
      relabelled: { value: string; languages: string[] }[];
    })
  | (ChangeBase & {
      kind: 'logic';
      field: 'relevant' | 'required' | 'constraint' | 'expression' | 'filter' | 'over' | 'default';
      from: unknown;
      to: unknown;
    })
  | (ChangeBase & { kind: 'settings'; field: string; from: unknown; to: unknown })
  | (ChangeBase & { kind: 'section-added' | 'section-removed' | 'section-relabelled' | 'section-logic' });

export interface CarryResult {
  answers: Record<string, unknown>;
  carried: { from: string; to: string }[];
  dropped: { id: string; value: unknown; reason: string }[];
}
