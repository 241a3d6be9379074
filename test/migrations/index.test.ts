import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';

describe('migrations/index.ts', () => {
  it('lists every migration file of the folder, in order', async () => {
    const files = (await readdir(new URL('../../migrations', import.meta.url)))
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });
});
