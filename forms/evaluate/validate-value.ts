import type { Item, Option } from '../definition/schema.ts';
import type { AnswerIssueCode } from './types.ts';

export interface ValueIssue {
  code: AnswerIssueCode;
  params?: Record<string, string | number>;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// A host with a dot (or localhost), optional port, then anything without spaces.
const urlPattern = /^https?:\/\/(localhost|[^\s/?#:@]+\.[^\s/?#:@]+)(:\d{1,5})?([/?#]\S*)?$/i;

function accepts(accept: readonly string[], file: Record<string, unknown>): boolean {
  const type = typeof file.type === 'string' ? file.type.toLowerCase() : '';
  const name = typeof file.name === 'string' ? file.name.toLowerCase() : '';
  return accept.some((entry) => {
    const a = entry.toLowerCase();
    if (a.startsWith('.')) return name.endsWith(a);
    if (a.endsWith('/*')) return type.startsWith(a.slice(0, -1));
    return type === a;
  });
}

/**
 * The rules of an item's type for a present answer of the right shape: bounds, lengths, pattern,
 * format, options, counts and files. Returns the first few issues (usually none).
 */
export function validateValue(
  item: Item,
  value: unknown,
  options: ReadonlyMap<string, Option> | null,
  pattern: RegExp | null,
  otherCount: number,
): ValueIssue[] | null {
  switch (item.type) {
    case 'text':
    case 'textarea': {
      const text = value as string;
      const issues: ValueIssue[] = [];
      if (item.minLength !== undefined && text.length < item.minLength) {
        issues.push({ code: 'minLength', params: { minLength: item.minLength } });
      }
      if (item.maxLength !== undefined && text.length > item.maxLength) {
        issues.push({ code: 'maxLength', params: { maxLength: item.maxLength } });
      }
      if (pattern !== null && !pattern.test(text)) issues.push({ code: 'pattern' });
      if (item.format === 'email' && !emailPattern.test(text))
        issues.push({ code: 'format', params: { format: 'email' } });
      if (item.format === 'url' && !urlPattern.test(text))
        issues.push({ code: 'format', params: { format: 'url' } });
      return issues.length > 0 ? issues : null;
    }
    case 'integer':
    case 'decimal':
    case 'date': {
      const v = value as number | string;
      if (item.min !== undefined && v < item.min) return [{ code: 'min', params: { min: item.min } }];
      if (item.max !== undefined && v > item.max) return [{ code: 'max', params: { max: item.max } }];
      return null;
    }
    case 'choice': {
      const chosen = item.multiple ? (value as string[]) : [value as string];
      if (options !== null && chosen.some((v) => !options.has(v))) return [{ code: 'option' }];
      if (!item.multiple) return null;
      const n = chosen.length + otherCount;
      if (item.minSelected !== undefined && n < item.minSelected) {
        return [{ code: 'minSelected', params: { minSelected: item.minSelected } }];
      }
      if (item.maxSelected !== undefined && n > item.maxSelected) {
        return [{ code: 'maxSelected', params: { maxSelected: item.maxSelected } }];
      }
      return null;
    }
    case 'ranking': {
      const ranked = value as string[];
      if (options !== null && ranked.some((v) => !options.has(v))) return [{ code: 'option' }];
      if (item.maxRanked !== undefined && ranked.length > item.maxRanked) {
        return [{ code: 'maxRanked', params: { maxRanked: item.maxRanked } }];
      }
      return null;
    }
    case 'file': {
      const files = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
      for (const file of files) {
        if (item.accept !== undefined && item.accept.length > 0 && !accepts(item.accept, file)) {
          return [{ code: 'accept', params: { type: String(file.type) } }];
        }
        if (item.maxSizeMB !== undefined && (file.size as number) > item.maxSizeMB * 1024 * 1024) {
          return [{ code: 'maxSize', params: { maxSizeMB: item.maxSizeMB } }];
        }
      }
      return null;
    }
    case 'boolean':
    case 'calculated':
    case 'note':
    case 'group':
    case 'table':
    case 'repeat':
    case 'loop':
      return null;
  }
}
