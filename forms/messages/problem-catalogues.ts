/**
 * Every code a definition problem may carry: the checker's own, the expression parser's and binder's,
 * and the schema's (zod issue codes). A code whose sentences differ by `params.kind` lists its kinds.
 */
export const problemCodes = {
  // The schema (zod) reports these; `kind` of too_small and too_big is the origin of the bound.
  invalid_type: [],
  too_small: ['string', 'array', 'number'],
  too_big: ['string', 'array', 'number'],
  invalid_value: [],
  invalid_format: ['identifier', 'option_value', 'date', 'key', 'language_tag'],
  unrecognized_keys: [],
  invalid_union: ['discriminator'],
  invalid_key: [],
  invalid_element: [],
  not_multiple_of: [],
  custom: [],
  // The checker.
  internal: [],
  too_large: [],
  too_deep: ['json', 'items', 'expression'],
  default_language: [],
  duplicate: ['language', 'row', 'option'],
  unknown_field: ['here', 'item'],
  duplicate_id: ['section', 'item'],
  too_many_items: [],
  no_value: ['field', 'expression'],
  shadows: [],
  renamed_from_current: [],
  unused_code_list: [],
  min_max: ['order', 'options'],
  not_integer: [],
  date: [],
  needs_multiple: ['field', 'appearance'],
  unknown_language: [],
  missing_translation: [],
  // The plan.
  unknown_code_list: [],
  loop_over: ['single_choice', 'neither'],
  not_boolean: [],
  many_values: ['calculation', 'expression'],
  pattern: ['too_long', 'invalid', 'back_reference', 'unbalanced', 'nested_repeat', 'literal'],
  default_type: ['absent', 'type'],
  cycle: ['dependency', 'defaults'],
  // Expressions: the parser.
  syntax: [
    'not_text',
    'empty',
    'unexpected',
    'expected_close',
    'expected_comma',
    'ends_early',
    'at_parts',
    'option_attribute',
    'number_name',
    'at_name',
    'escape',
    'unclosed_text',
    'character',
  ],
  too_long: [],
  unknown_name: [],
  unknown_function: [],
  // Expressions: the binder.
  self_outside_constraint: [],
  value_outside_loop: [],
  option_outside_loop: [],
  type_mismatch: ['compare', 'compare_list', 'if', 'mixed', 'expected'],
  null_comparison: [],
  unknown_attribute: [],
  unknown_id: ['id', 'child'],
  no_parts: ['id', 'type', 'nested_item', 'nested_option', 'repeat'],
  unknown_row: ['row', 'option'],
  unknown_option: [],
  arity: ['exactly', 'at_least', 'between'],
  rows_value: [],
} as const satisfies Record<string, readonly string[]>;

export type ProblemCode = keyof typeof problemCodes;

type KindsOf<C extends ProblemCode> = (typeof problemCodes)[C][number];

/** The sentence of a code: one template, or one a kind (with `other` for a kind the list does not name). */
export type ProblemTemplates = {
  [C in ProblemCode]: KindsOf<C> extends never ? string : Record<KindsOf<C>, string> & { other?: string };
};

/** The words of a problem's parameters that are the engine's own names: kinds of value, places in an expression. */
export interface ProblemWords {
  /** Kinds of value (`number`, `text`…); `{type}[]` is "the values of every row" of that kind. */
  valueKinds: Record<string, string>;
  manyValues: string;
  /** Where a value was found, `{at}` being the operator or function. */
  places: Record<string, string>;
  or: string;
}

export interface ProblemCatalogue {
  templates: ProblemTemplates;
  words: ProblemWords;
}

const en: ProblemCatalogue = {
  templates: {
    invalid_type: 'Expected {expected} here.',
    too_small: {
      string: 'This text must be at least {limit} characters long.',
      array: 'This list must hold at least {limit} entries.',
      number: 'This number must be at least {limit}.',
      other: 'This value is too small (at least {limit}).',
    },
    too_big: {
      string: 'This text may be at most {limit} characters long.',
      array: 'This list may hold at most {limit} entries.',
      number: 'This number may be at most {limit}.',
      other: 'This value is too large (at most {limit}).',
    },
    invalid_value: 'The value must be one of: {values}.',
    invalid_format: {
      identifier: 'An identifier starts with a lowercase letter, followed by lowercase letters, digits or _.',
      option_value: 'A value may not hold dots or spaces (nor be __proto__).',
      date: 'A date is written YYYY-MM-DD.',
      key: 'A key holds lowercase letters, digits, - and _.',
      language_tag: 'A language is written as a tag such as "en" or "pt-BR".',
      other: 'This is not a valid {format}.',
    },
    unrecognized_keys: 'Unknown fields: {keys}.',
    invalid_union: {
      discriminator: '{field} must be one of: {values}.',
      other: 'This does not match any of the accepted forms.',
    },
    invalid_key: 'This key is not valid.',
    invalid_element: 'An entry of this list is not valid.',
    not_multiple_of: 'This number is not an allowed multiple.',
    custom: 'This value is not valid.',
    internal: 'The definition could not be checked.',
    too_large: 'The definition holds more than {max} JSON values.',
    too_deep: {
      json: 'The definition is nested more than {max} levels deep.',
      items: 'Items may be nested at most {max} levels deep.',
      expression: 'The expression is nested more than {max} levels deep.',
    },
    default_language: 'The default language "{language}" is not among the languages.',
    duplicate: {
      language: 'A language is listed twice.',
      row: 'Row "{id}" is listed twice.',
      option: 'Option "{value}" is listed twice.',
    },
    unknown_field: {
      here: '"{field}" is not a field here and is ignored.',
      item: '"{field}" is not a field of a {type} item and is ignored.',
    },
    duplicate_id: {
      section: 'Section id "{id}" is used twice.',
      item: 'Id "{id}" is already used at {at}.',
    },
    too_many_items: 'A definition may hold at most {max} items.',
    no_value: {
      field: 'A {type} item holds no answer and cannot have "{field}".',
      expression: '"{id}" is a {type} item and holds no value.',
    },
    shadows: '"{id}" inside {container} hides the top-level item of that id in its expressions.',
    renamed_from_current: '"{id}" is an item of this version: its answers cannot carry over to another.',
    unused_code_list: 'Code list "{name}" is not used.',
    min_max: {
      order: '{low} ({lowValue}) is greater than {high} ({highValue}).',
      options: '{field} ({value}) is more than the {count} options.',
    },
    not_integer: 'The {field} of a whole-number item is not a whole number.',
    date: '"{value}" is not a real date.',
    needs_multiple: {
      field: '{field} needs "multiple": true.',
      appearance: 'Checkboxes suit a multiple choice.',
    },
    unknown_language: '"{language}" is not one of the definition\'s languages.',
    missing_translation: 'Missing translation: {languages}.',
    unknown_code_list: 'Unknown code list "{name}".',
    loop_over: {
      single_choice: 'A loop runs over a code list or a multiple choice; "{id}" is a single choice.',
      neither: '"{id}" is neither a code list nor a multiple choice.',
    },
    not_boolean: '{field} must give true or false.',
    many_values: {
      calculation: 'A calculation must give one value: use sum(), count(), min() or max() over rows.',
      expression:
        'This names the values of every row: use it inside sum(), count(), min(), max() or contains().',
    },
    pattern: {
      too_long: 'A pattern may be at most {max} characters long.',
      invalid: 'This is not a valid regular expression.',
      back_reference: 'Back-references are not allowed in a pattern.',
      unbalanced: 'The parentheses of the pattern are unbalanced.',
      nested_repeat: 'A repeated group may not hold a quantifier or an alternation (it could run for ever).',
      literal: 'The pattern of matches() must be written as a text in quotes.',
    },
    default_type: {
      absent: 'A {type} item cannot have a default.',
      type: "The default must be of the item's type ({expected}).",
    },
    cycle: {
      dependency: 'Circular dependency: {chain}.',
      defaults: 'Circular defaults: {chain}.',
    },
    syntax: {
      not_text: 'An expression must be text.',
      empty: 'The expression is empty.',
      unexpected: 'Unexpected "{found}".',
      expected_close: 'Expected a closing parenthesis but found "{found}".',
      expected_comma: 'Expected a comma or a closing parenthesis but found "{found}".',
      ends_early: 'The expression ends too early.',
      at_parts: '@{name} has no parts.',
      option_attribute: 'Write @option.<attribute>, e.g. @option.range.',
      number_name: 'A number may not run into a name.',
      at_name: '@ must be followed by a name.',
      escape: 'Unknown escape in text.',
      unclosed_text: 'The text is not closed by a quote.',
      character: 'Unexpected character "{found}" (compare with ==, combine with && or ||).',
      other: 'The expression is not written correctly.',
    },
    too_long: 'An expression may be at most {max} characters long.',
    unknown_name: 'Unknown @{name}: use @party, @value or @option.<attribute>.',
    unknown_function: 'Unknown function "{name}".',
    self_outside_constraint: '"." (the answer itself) is only meaningful in a constraint.',
    value_outside_loop: '@value is only meaningful in a loop, a table row or a filter.',
    option_outside_loop: '@option is only meaningful in a loop, a table row or a filter.',
    type_mismatch: {
      compare: '{left} is compared with {right}.',
      compare_list: "{left} is compared with {right}: use selected(q, 'value') for a multiple choice.",
      if: 'if() gives {left} or {right}: both must be of one type.',
      mixed: '{function}() mixes numbers with texts or dates.',
      expected: 'Expected {expected} {place}, found {found}.',
    },
    null_comparison: '{operator} with null is always false: use == null or empty().',
    unknown_attribute: 'No option has the attribute "{attribute}".',
    unknown_id: {
      id: 'Unknown id "{id}".',
      child: '"{container}" has no item "{id}".',
    },
    no_parts: {
      id: '"{id}" has no parts.',
      type: '"{id}" is a {type} item and has no parts.',
      nested_item: '"{id}" names rows inside rows: name one item.',
      nested_option: '"{id}" names rows inside rows: name one option.',
      repeat: 'Write {id}.<item> for the values of every row of a repeat.',
    },
    unknown_row: {
      row: '"{id}" has no row "{row}".',
      option: '"{id}" has no option "{row}".',
    },
    unknown_option: '"{id}" has no option "{value}".',
    arity: {
      exactly: '{function}() takes {min} argument(s).',
      at_least: '{function}() takes at least {min} arguments.',
      between: '{function}() takes {min} or {max} arguments.',
    },
    rows_value: 'This names rows: use count() or empty(), or name one cell.',
  },
  words: {
    valueKinds: {
      string: 'a text',
      object: 'an object',
      array: 'a list',
      number: 'a number',
      text: 'a text',
      date: 'a date',
      boolean: 'true/false',
      list: 'a list',
      rows: 'rows',
      file: 'a file',
      any: 'any value',
      null: 'null',
    },
    manyValues: 'the values of every row ({type})',
    places: {
      after: 'after {at}',
      left: 'on the left of {at}',
      right: 'on the right of {at}',
      in: 'in {at}()',
      question: 'as the question of {at}()',
      value: 'as the value of {at}()',
      condition: 'as the condition of {at}()',
      decimals: 'as the decimals of {at}()',
      list: 'as the list of {at}()',
    },
    or: ' or ',
  },
};

const fr: ProblemCatalogue = {
  templates: {
    invalid_type: 'Valeur attendue ici : {expected}.',
    too_small: {
      string: 'Ce texte doit compter au moins {limit} caractères.',
      array: 'Cette liste doit contenir au moins {limit} éléments.',
      number: 'Ce nombre doit être au moins égal à {limit}.',
      other: 'Cette valeur est trop petite (minimum : {limit}).',
    },
    too_big: {
      string: 'Ce texte ne peut pas dépasser {limit} caractères.',
      array: 'Cette liste ne peut pas contenir plus de {limit} éléments.',
      number: 'Ce nombre ne peut pas dépasser {limit}.',
      other: 'Cette valeur est trop grande (maximum : {limit}).',
    },
    invalid_value: "La valeur doit être l'une des suivantes : {values}.",
    invalid_format: {
      identifier:
        'Un identifiant commence par une lettre minuscule, suivie de lettres minuscules, de chiffres ou de _.',
      option_value: 'Une valeur ne peut contenir ni point ni espace (ni être __proto__).',
      date: "Une date s'écrit AAAA-MM-JJ.",
      key: 'Une clé se compose de lettres minuscules, de chiffres, de - et de _.',
      language_tag: 'Une langue s’écrit sous la forme d’un code tel que « en » ou « pt-BR ».',
      other: "Ce n'est pas une valeur valide ({format}).",
    },
    unrecognized_keys: 'Champs inconnus : {keys}.',
    invalid_union: {
      discriminator: "{field} doit être l'une des valeurs suivantes : {values}.",
      other: 'Cette valeur ne correspond à aucune des formes acceptées.',
    },
    invalid_key: "Cette clé n'est pas valide.",
    invalid_element: "Un élément de cette liste n'est pas valide.",
    not_multiple_of: "Ce nombre n'est pas un multiple autorisé.",
    custom: "Cette valeur n'est pas valide.",
    internal: "La définition n'a pas pu être vérifiée.",
    too_large: 'La définition contient plus de {max} valeurs JSON.',
    too_deep: {
      json: 'La définition comporte plus de {max} niveaux d’imbrication.',
      items: 'Les éléments ne peuvent pas être imbriqués sur plus de {max} niveaux.',
      expression: "L'expression comporte plus de {max} niveaux d'imbrication.",
    },
    default_language: 'La langue par défaut « {language} » ne figure pas parmi les langues.',
    duplicate: {
      language: 'Une langue figure deux fois dans la liste.',
      row: 'La ligne « {id} » figure deux fois dans la liste.',
      option: "L'option « {value} » figure deux fois dans la liste.",
    },
    unknown_field: {
      here: "« {field} » n'est pas un champ prévu à cet endroit ; il est ignoré.",
      item: "« {field} » n'est pas un champ d'un élément {type} ; il est ignoré.",
    },
    duplicate_id: {
      section: "L'identifiant de section « {id} » est utilisé deux fois.",
      item: "L'identifiant « {id} » est déjà utilisé à l'emplacement {at}.",
    },
    too_many_items: 'Une définition ne peut pas contenir plus de {max} éléments.',
    no_value: {
      field: "Un élément {type} n'appelle pas de réponse et ne peut pas avoir « {field} ».",
      expression: "« {id} » est un élément {type} et n'a pas de valeur.",
    },
    shadows:
      "« {id} » à l'intérieur de {container} masque, dans ses expressions, l'élément de premier niveau portant le même identifiant.",
    renamed_from_current:
      '« {id} » est un élément de cette version : ses réponses ne peuvent pas être reprises dans un autre élément.',
    unused_code_list: "La liste de codes « {name} » n'est pas utilisée.",
    min_max: {
      order: '{low} ({lowValue}) est supérieur à {high} ({highValue}).',
      options: '{field} ({value}) dépasse le nombre d’options disponibles ({count}).',
    },
    not_integer: "Le {field} d'un élément à nombre entier n'est pas un nombre entier.",
    date: "« {value} » n'est pas une date valide.",
    needs_multiple: {
      field: '{field} exige "multiple": true.',
      appearance: 'Les cases à cocher conviennent à un choix multiple.',
    },
    unknown_language: '« {language} » ne fait pas partie des langues de la définition.',
    missing_translation: 'Traduction manquante : {languages}.',
    unknown_code_list: 'Liste de codes inconnue : « {name} ».',
    loop_over: {
      single_choice:
        'Une boucle porte sur une liste de codes ou un choix multiple ; « {id} » est un choix unique.',
      neither: "« {id} » n'est ni une liste de codes ni un choix multiple.",
    },
    not_boolean: '{field} doit donner vrai ou faux.',
    many_values: {
      calculation:
        'Un calcul doit donner une seule valeur : utilisez sum(), count(), min() ou max() sur les lignes.',
      expression:
        "Ceci désigne les valeurs de toutes les lignes : utilisez-le à l'intérieur de sum(), count(), min(), max() ou contains().",
    },
    pattern: {
      too_long: 'Un motif ne peut pas dépasser {max} caractères.',
      invalid: "Ce n'est pas une expression régulière valide.",
      back_reference: 'Les références arrière ne sont pas autorisées dans un motif.',
      unbalanced: 'Les parenthèses du motif ne sont pas équilibrées.',
      nested_repeat:
        'Un groupe répété ne peut contenir ni quantificateur ni alternative (son exécution pourrait ne jamais se terminer).',
      literal: 'Le motif de matches() doit être écrit sous forme de texte entre apostrophes.',
    },
    default_type: {
      absent: 'Un élément {type} ne peut pas avoir de valeur par défaut.',
      type: "La valeur par défaut doit être du type de l'élément ({expected}).",
    },
    cycle: {
      dependency: 'Dépendance circulaire : {chain}.',
      defaults: 'Valeurs par défaut circulaires : {chain}.',
    },
    syntax: {
      not_text: 'Une expression doit être un texte.',
      empty: "L'expression est vide.",
      unexpected: 'Élément inattendu : « {found} ».',
      expected_close: 'Parenthèse fermante attendue à la place de « {found} ».',
      expected_comma: 'Virgule ou parenthèse fermante attendue à la place de « {found} ».',
      ends_early: "L'expression se termine trop tôt.",
      at_parts: "@{name} n'a pas de parties.",
      option_attribute: 'Écrivez @option.<attribut>, par exemple @option.range.',
      number_name: 'Un nombre ne peut pas être accolé à un nom.',
      at_name: '@ doit être suivi d’un nom.',
      escape: 'Séquence d’échappement inconnue dans le texte.',
      unclosed_text: "Le texte n'est pas fermé par une apostrophe.",
      character: 'Caractère inattendu « {found} » (comparez avec ==, combinez avec && ou ||).',
      other: "L'expression n'est pas correctement écrite.",
    },
    too_long: 'Une expression ne peut pas dépasser {max} caractères.',
    unknown_name: '@{name} inconnu : utilisez @party, @value ou @option.<attribut>.',
    unknown_function: 'Fonction inconnue : « {name} ».',
    self_outside_constraint: "« . » (la réponse elle-même) n'a de sens que dans une contrainte.",
    value_outside_loop: "@value n'a de sens que dans une boucle, une ligne de tableau ou un filtre.",
    option_outside_loop: "@option n'a de sens que dans une boucle, une ligne de tableau ou un filtre.",
    type_mismatch: {
      compare: 'Comparaison de {left} avec {right}.',
      compare_list:
        "Comparaison de {left} avec {right} : utilisez selected(q, 'valeur') pour un choix multiple.",
      if: 'if() donne {left} ou {right} : les deux doivent être du même type.',
      mixed: '{function}() mélange des nombres avec des textes ou des dates.',
      expected: 'Valeur attendue {place} : {expected} ; valeur trouvée : {found}.',
    },
    null_comparison: '{operator} avec null est toujours faux : utilisez == null ou empty().',
    unknown_attribute: "Aucune option n'a l'attribut « {attribute} ».",
    unknown_id: {
      id: 'Identifiant inconnu : « {id} ».',
      child: "« {container} » n'a pas d'élément « {id} ».",
    },
    no_parts: {
      id: "« {id} » n'a pas de parties.",
      type: "« {id} » est un élément {type} et n'a pas de parties.",
      nested_item: '« {id} » désigne des lignes dans des lignes : nommez un seul élément.',
      nested_option: '« {id} » désigne des lignes dans des lignes : nommez une seule option.',
      repeat: "Écrivez {id}.<élément> pour les valeurs de toutes les lignes d'une répétition.",
    },
    unknown_row: {
      row: "« {id} » n'a pas de ligne « {row} ».",
      option: "« {id} » n'a pas d'option « {row} ».",
    },
    unknown_option: "« {id} » n'a pas d'option « {value} ».",
    arity: {
      exactly: '{function}() prend {min} argument(s).',
      at_least: '{function}() prend au moins {min} arguments.',
      between: '{function}() prend {min} ou {max} arguments.',
    },
    rows_value: 'Ceci désigne des lignes : utilisez count() ou empty(), ou nommez une seule cellule.',
  },
  words: {
    valueKinds: {
      string: 'un texte',
      object: 'un objet',
      array: 'une liste',
      number: 'un nombre',
      text: 'un texte',
      date: 'une date',
      boolean: 'vrai/faux',
      list: 'une liste',
      rows: 'des lignes',
      file: 'un fichier',
      any: "n'importe quelle valeur",
      null: 'null',
    },
    manyValues: 'les valeurs de toutes les lignes ({type})',
    places: {
      after: 'après {at}',
      left: 'à gauche de {at}',
      right: 'à droite de {at}',
      in: 'dans {at}()',
      question: 'comme question de {at}()',
      value: 'comme valeur de {at}()',
      condition: 'comme condition de {at}()',
      decimals: 'comme nombre de décimales de {at}()',
      list: 'comme liste de {at}()',
    },
    or: ' ou ',
  },
};

const es: ProblemCatalogue = {
  templates: {
    invalid_type: 'Aquí se esperaba {expected}.',
    too_small: {
      string: 'Este texto debe tener al menos {limit} caracteres.',
      array: 'Esta lista debe contener al menos {limit} elementos.',
      number: 'Este número debe ser como mínimo {limit}.',
      other: 'Este valor es demasiado pequeño (mínimo: {limit}).',
    },
    too_big: {
      string: 'Este texto no puede superar los {limit} caracteres.',
      array: 'Esta lista no puede contener más de {limit} elementos.',
      number: 'Este número no puede ser mayor que {limit}.',
      other: 'Este valor es demasiado grande (máximo: {limit}).',
    },
    invalid_value: 'El valor debe ser uno de los siguientes: {values}.',
    invalid_format: {
      identifier:
        'Un identificador empieza por una letra minúscula, seguida de letras minúsculas, cifras o _.',
      option_value: 'Un valor no puede contener puntos ni espacios (ni ser __proto__).',
      date: 'Una fecha se escribe AAAA-MM-DD.',
      key: 'Una clave se compone de letras minúsculas, cifras, - y _.',
      language_tag: 'Un idioma se escribe con un código como «en» o «pt-BR».',
      other: 'No es un valor válido ({format}).',
    },
    unrecognized_keys: 'Campos desconocidos: {keys}.',
    invalid_union: {
      discriminator: '{field} debe ser uno de los siguientes valores: {values}.',
      other: 'Este valor no corresponde a ninguna de las formas aceptadas.',
    },
    invalid_key: 'Esta clave no es válida.',
    invalid_element: 'Un elemento de esta lista no es válido.',
    not_multiple_of: 'Este número no es un múltiplo permitido.',
    custom: 'Este valor no es válido.',
    internal: 'No se pudo verificar la definición.',
    too_large: 'La definición contiene más de {max} valores JSON.',
    too_deep: {
      json: 'La definición tiene más de {max} niveles de anidamiento.',
      items: 'Los elementos no pueden anidarse en más de {max} niveles.',
      expression: 'La expresión tiene más de {max} niveles de anidamiento.',
    },
    default_language: 'El idioma predeterminado «{language}» no figura entre los idiomas.',
    duplicate: {
      language: 'Un idioma figura dos veces en la lista.',
      row: 'La fila «{id}» figura dos veces en la lista.',
      option: 'La opción «{value}» figura dos veces en la lista.',
    },
    unknown_field: {
      here: '«{field}» no es un campo previsto aquí y se omite.',
      item: '«{field}» no es un campo de un elemento {type} y se omite.',
    },
    duplicate_id: {
      section: 'El identificador de sección «{id}» se utiliza dos veces.',
      item: 'El identificador «{id}» ya se utiliza en {at}.',
    },
    too_many_items: 'Una definición no puede contener más de {max} elementos.',
    no_value: {
      field: 'Un elemento {type} no admite respuesta y no puede tener «{field}».',
      expression: '«{id}» es un elemento {type} y no tiene valor.',
    },
    shadows:
      '«{id}» dentro de {container} oculta, en sus expresiones, el elemento de primer nivel con el mismo identificador.',
    renamed_from_current:
      '«{id}» es un elemento de esta versión: sus respuestas no pueden trasladarse a otro elemento.',
    unused_code_list: 'La lista de códigos «{name}» no se utiliza.',
    min_max: {
      order: '{low} ({lowValue}) es mayor que {high} ({highValue}).',
      options: '{field} ({value}) supera el número de opciones disponibles ({count}).',
    },
    not_integer: 'El {field} de un elemento de número entero no es un número entero.',
    date: '«{value}» no es una fecha válida.',
    needs_multiple: {
      field: '{field} requiere "multiple": true.',
      appearance: 'Las casillas de verificación son adecuadas para una selección múltiple.',
    },
    unknown_language: '«{language}» no es uno de los idiomas de la definición.',
    missing_translation: 'Falta la traducción: {languages}.',
    unknown_code_list: 'Lista de códigos desconocida: «{name}».',
    loop_over: {
      single_choice:
        'Un bucle recorre una lista de códigos o una selección múltiple; «{id}» es una selección única.',
      neither: '«{id}» no es ni una lista de códigos ni una selección múltiple.',
    },
    not_boolean: '{field} debe dar verdadero o falso.',
    many_values: {
      calculation:
        'Un cálculo debe dar un único valor: utilice sum(), count(), min() o max() sobre las filas.',
      expression:
        'Esto designa los valores de todas las filas: utilícelo dentro de sum(), count(), min(), max() o contains().',
    },
    pattern: {
      too_long: 'Un patrón no puede superar los {max} caracteres.',
      invalid: 'No es una expresión regular válida.',
      back_reference: 'No se permiten referencias inversas en un patrón.',
      unbalanced: 'Los paréntesis del patrón no están equilibrados.',
      nested_repeat:
        'Un grupo repetido no puede contener un cuantificador ni una alternativa (su ejecución podría no terminar nunca).',
      literal: 'El patrón de matches() debe escribirse como un texto entre comillas.',
    },
    default_type: {
      absent: 'Un elemento {type} no puede tener un valor predeterminado.',
      type: 'El valor predeterminado debe ser del tipo del elemento ({expected}).',
    },
    cycle: {
      dependency: 'Dependencia circular: {chain}.',
      defaults: 'Valores predeterminados circulares: {chain}.',
    },
    syntax: {
      not_text: 'Una expresión debe ser un texto.',
      empty: 'La expresión está vacía.',
      unexpected: 'Elemento inesperado: «{found}».',
      expected_close: 'Se esperaba un paréntesis de cierre, pero se encontró «{found}».',
      expected_comma: 'Se esperaba una coma o un paréntesis de cierre, pero se encontró «{found}».',
      ends_early: 'La expresión termina antes de tiempo.',
      at_parts: '@{name} no tiene partes.',
      option_attribute: 'Escriba @option.<atributo>, por ejemplo @option.range.',
      number_name: 'Un número no puede ir pegado a un nombre.',
      at_name: '@ debe ir seguido de un nombre.',
      escape: 'Secuencia de escape desconocida en el texto.',
      unclosed_text: 'El texto no está cerrado con una comilla.',
      character: 'Carácter inesperado «{found}» (compare con ==, combine con && o ||).',
      other: 'La expresión no está bien escrita.',
    },
    too_long: 'Una expresión no puede superar los {max} caracteres.',
    unknown_name: '@{name} desconocido: utilice @party, @value o @option.<atributo>.',
    unknown_function: 'Función desconocida: «{name}».',
    self_outside_constraint: '«.» (la propia respuesta) solo tiene sentido en una restricción.',
    value_outside_loop: '@value solo tiene sentido en un bucle, una fila de tabla o un filtro.',
    option_outside_loop: '@option solo tiene sentido en un bucle, una fila de tabla o un filtro.',
    type_mismatch: {
      compare: 'Comparación de {left} con {right}.',
      compare_list:
        "Comparación de {left} con {right}: utilice selected(q, 'valor') para una selección múltiple.",
      if: 'if() da {left} o {right}: ambos deben ser del mismo tipo.',
      mixed: '{function}() mezcla números con textos o fechas.',
      expected: 'Se esperaba {expected} {place}, pero se encontró {found}.',
    },
    null_comparison: '{operator} con null siempre es falso: utilice == null o empty().',
    unknown_attribute: 'Ninguna opción tiene el atributo «{attribute}».',
    unknown_id: {
      id: 'Identificador desconocido: «{id}».',
      child: '«{container}» no tiene ningún elemento «{id}».',
    },
    no_parts: {
      id: '«{id}» no tiene partes.',
      type: '«{id}» es un elemento {type} y no tiene partes.',
      nested_item: '«{id}» designa filas dentro de filas: nombre un solo elemento.',
      nested_option: '«{id}» designa filas dentro de filas: nombre una sola opción.',
      repeat: 'Escriba {id}.<elemento> para los valores de todas las filas de una repetición.',
    },
    unknown_row: {
      row: '«{id}» no tiene ninguna fila «{row}».',
      option: '«{id}» no tiene ninguna opción «{row}».',
    },
    unknown_option: '«{id}» no tiene ninguna opción «{value}».',
    arity: {
      exactly: '{function}() admite {min} argumento(s).',
      at_least: '{function}() admite al menos {min} argumentos.',
      between: '{function}() admite {min} o {max} argumentos.',
    },
    rows_value: 'Esto designa filas: utilice count() o empty(), o nombre una sola celda.',
  },
  words: {
    valueKinds: {
      string: 'un texto',
      object: 'un objeto',
      array: 'una lista',
      number: 'un número',
      text: 'un texto',
      date: 'una fecha',
      boolean: 'verdadero/falso',
      list: 'una lista',
      rows: 'filas',
      file: 'un archivo',
      any: 'cualquier valor',
      null: 'null',
    },
    manyValues: 'los valores de todas las filas ({type})',
    places: {
      after: 'después de {at}',
      left: 'a la izquierda de {at}',
      right: 'a la derecha de {at}',
      in: 'en {at}()',
      question: 'como pregunta de {at}()',
      value: 'como valor de {at}()',
      condition: 'como condición de {at}()',
      decimals: 'como número de decimales de {at}()',
      list: 'como lista de {at}()',
    },
    or: ' o ',
  },
};

/** The sentences of definition problems in each language the engine ships; `{name}` stands for a parameter. */
export const problemCatalogues: Record<string, ProblemCatalogue> = { en, fr, es };
