import { describe, expect, it } from 'vitest';
import { isAccepted, mediaTypeOf } from '../../../server/files/media-type.ts';
import { exeBytes, pdfBytes } from '../../helpers/collaboration.ts';

describe('mediaTypeOf', () => {
  it('decides by content, not by the declared type', async () => {
    expect(await mediaTypeOf(pdfBytes(), 'text/plain')).toBe('application/pdf');
    expect(await mediaTypeOf(exeBytes(), 'application/pdf')).toBe('application/x-msdownload');
  });

  it('takes a declared text type for bytes without a signature only when they hold no NUL', async () => {
    expect(await mediaTypeOf(Buffer.from('party,count\nFRA,3\n'), 'text/csv')).toBe('text/csv');
    expect(await mediaTypeOf(Buffer.from('abc\0def'), 'text/plain')).toBe('application/octet-stream');
    expect(await mediaTypeOf(Buffer.from('plain words'), 'application/pdf')).toBe('application/octet-stream');
  });
});

describe('isAccepted', () => {
  it('matches exact types and type/* wildcards, and takes anything without accept', () => {
    expect(isAccepted('image/png', ['image/*'])).toBe(true);
    expect(isAccepted('application/pdf', ['application/pdf', 'image/png'])).toBe(true);
    expect(isAccepted('application/x-msdownload', ['application/pdf'])).toBe(false);
    expect(isAccepted('application/x-msdownload', undefined)).toBe(true);
    expect(isAccepted('application/zip', [])).toBe(true);
  });
});
