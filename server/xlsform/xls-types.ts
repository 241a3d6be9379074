// XLSForm question types and how ORS reads them.

export const metadataTypes = new Set([
  'start',
  'end',
  'today',
  'deviceid',
  'subscriberid',
  'simserial',
  'phonenumber',
  'username',
  'email',
  'audit',
  'start-geopoint',
  'background-geopoint',
]);
export const unsupportedTypes: Record<string, string> = {
  geopoint: 'a location',
  geotrace: 'a location',
  geoshape: 'a location',
  barcode: 'a barcode scan',
  audio: 'a recording',
  video: 'a recording',
  'background-audio': 'a recording',
  time: 'a time of day',
  datetime: 'a date with a time',
  range: 'a slider',
  hidden: 'a hidden value',
};

export type ParsedType =
  | { kind: 'begin'; what: 'group' | 'repeat' }
  | { kind: 'begin-loop'; list: string }
  | { kind: 'end'; what: 'group' | 'repeat' | 'loop' }
  | { kind: 'select'; what: 'select_one' | 'select_multiple' | 'rank'; list: string; other: boolean }
  | { kind: 'plain'; name: string };

export function parseType(text: string): ParsedType {
  const type = text.trim().replace(/\s+/g, ' ');
  const lower = type.toLowerCase();
  const begin = /^begin[ _](group|repeat)$/.exec(lower);
  if (begin) return { kind: 'begin', what: begin[1] as 'group' | 'repeat' };
  const loop = /^begin[ _]loop over (\S+)$/i.exec(type);
  if (loop) return { kind: 'begin-loop', list: loop[1] as string };
  const end = /^end[ _](group|repeat|loop)$/.exec(lower);
  if (end) return { kind: 'end', what: end[1] as 'group' | 'repeat' | 'loop' };
  const select =
    /^(select_one|select one from|select_multiple|select all that apply from|select_multiple from|rank) (\S+)( or_other| or specify other)?$/i.exec(
      type,
    );
  if (select) {
    const word = (select[1] as string).toLowerCase();
    const what =
      word === 'rank'
        ? 'rank'
        : word.startsWith('select_one') || word === 'select one from'
          ? 'select_one'
          : 'select_multiple';
    return { kind: 'select', what, list: select[2] as string, other: select[3] !== undefined };
  }
  return { kind: 'plain', name: lower };
}

export const plainTypes: Record<string, string> = {
  text: 'text',
  string: 'text',
  'phone number': 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  date: 'date',
  acknowledge: 'boolean',
  trigger: 'boolean',
  file: 'file',
  image: 'file',
  table: 'table',
};
export const knownPlainTypes = new Set([...Object.keys(plainTypes), 'note', 'calculate']);
