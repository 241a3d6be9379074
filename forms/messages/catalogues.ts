import type { AnswerIssueCode } from '../evaluate/types.ts';

/** Messages of answer issues in each language the engine ships; `{name}` stands for a parameter. */
export const issueCatalogues: Record<string, Record<AnswerIssueCode, string>> = {
  en: {
    required: 'This question is required.',
    type: 'This answer is not of the expected kind ({expected}).',
    option: 'This option is not available.',
    min: 'The value must be at least {min}.',
    max: 'The value must be at most {max}.',
    minLength: 'Enter at least {minLength} characters.',
    maxLength: 'Enter at most {maxLength} characters.',
    pattern: 'The answer does not have the expected form.',
    format: 'Enter a valid {format}.',
    minSelected: 'Select at least {minSelected}.',
    maxSelected: 'Select at most {maxSelected}.',
    maxRanked: 'Rank at most {maxRanked}.',
    minItems: 'Add at least {minItems} rows.',
    maxItems: 'Add at most {maxItems} rows.',
    accept: 'This kind of file ({type}) is not accepted.',
    maxSize: 'The file is larger than {maxSizeMB} MB.',
    constraint: 'This answer is not valid.',
  },
  fr: {
    required: 'Cette question est obligatoire.',
    type: "Cette réponse n'est pas du type attendu ({expected}).",
    option: "Cette option n'est pas disponible.",
    min: 'La valeur doit être au moins {min}.',
    max: 'La valeur doit être au plus {max}.',
    minLength: 'Saisissez au moins {minLength} caractères.',
    maxLength: 'Saisissez au plus {maxLength} caractères.',
    pattern: "La réponse n'a pas la forme attendue.",
    format: 'Saisissez une valeur valide ({format}).',
    minSelected: 'Sélectionnez au moins {minSelected} options.',
    maxSelected: 'Sélectionnez au plus {maxSelected} options.',
    maxRanked: 'Classez au plus {maxRanked} options.',
    minItems: 'Ajoutez au moins {minItems} lignes.',
    maxItems: 'Ajoutez au plus {maxItems} lignes.',
    accept: "Ce type de fichier ({type}) n'est pas accepté.",
    maxSize: 'Le fichier dépasse {maxSizeMB} Mo.',
    constraint: "Cette réponse n'est pas valide.",
  },
  es: {
    required: 'Esta pregunta es obligatoria.',
    type: 'Esta respuesta no es del tipo esperado ({expected}).',
    option: 'Esta opción no está disponible.',
    min: 'El valor debe ser como mínimo {min}.',
    max: 'El valor debe ser como máximo {max}.',
    minLength: 'Escriba al menos {minLength} caracteres.',
    maxLength: 'Escriba como máximo {maxLength} caracteres.',
    pattern: 'La respuesta no tiene la forma esperada.',
    format: 'Introduzca un valor válido ({format}).',
    minSelected: 'Seleccione al menos {minSelected} opciones.',
    maxSelected: 'Seleccione como máximo {maxSelected} opciones.',
    maxRanked: 'Clasifique como máximo {maxRanked} opciones.',
    minItems: 'Añada al menos {minItems} filas.',
    maxItems: 'Añada como máximo {maxItems} filas.',
    accept: 'Este tipo de archivo ({type}) no se acepta.',
    maxSize: 'El archivo supera {maxSizeMB} MB.',
    constraint: 'Esta respuesta no es válida.',
  },
};

/** Fills `{name}` placeholders from params; unknown placeholders stay as written. */
export function fillTemplate(template: string, params: Record<string, string | number> | undefined): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
