import { describe, expect, it } from 'vitest';
import { commands } from '../../../server/cli/commands.ts';

describe('the command line', () => {
  it('offers `demo` as the same command as `demo load`', () => {
    const demo = commands.find((command) => command.name === 'demo');
    const demoLoad = commands.find((command) => command.name === 'demo load');
    expect(demo?.run).toBe(demoLoad?.run);
  });

  it('offers user create, token create and import', () => {
    const names = commands.map((command) => command.name);
    expect(names).toEqual(expect.arrayContaining(['user create', 'token create', 'import']));
  });
});
