import { describe, expect, it } from 'vitest';
import { DefinitionStore } from '../../../client/src/designer/definition-store.ts';
import { dropTarget, runTreeAction, shortcutOf } from '../../../client/src/designer/tree-actions.ts';

const definition = {
  format: 'ors-questionnaire@1',
  key: 'tree',
  instrument: 'CMS',
  title: 'Tree',
  defaultLanguage: 'en',
  languages: ['en'],
  sections: [
    {
      id: 'one',
      title: 'One',
      items: [
        { id: 'a', type: 'text', label: 'A' },
        { id: 'g', type: 'group', items: [{ id: 'b', type: 'text', label: 'B' }] },
        { id: 'c', type: 'text', label: 'C' },
      ],
    },
    { id: 'two', title: 'Two', items: [{ id: 'd', type: 'text', label: 'D' }] },
  ],
};

const setUp = () => {
  const store = new DefinitionStore(definition);
  const uid = (id: string) =>
    store.treeRows().find((row) => store.node(row.uid)?.data.id === id)?.uid as string;
  const ids = () => store.treeRows().map((row) => `${'-'.repeat(row.depth)}${store.node(row.uid)?.data.id}`);
  return { store, uid, ids };
};

const key = (key: string, mods: { altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean } = {}) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('shortcutOf', () => {
  it('reads Alt+arrows as moves, Ctrl+D or ⌘D as duplicate, Delete as delete, and nothing else', () => {
    expect(shortcutOf(key('ArrowUp', { altKey: true }))).toBe('up');
    expect(shortcutOf(key('ArrowDown', { altKey: true }))).toBe('down');
    expect(shortcutOf(key('ArrowRight', { altKey: true }))).toBe('in');
    expect(shortcutOf(key('ArrowLeft', { altKey: true }))).toBe('out');
    expect(shortcutOf(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(shortcutOf(key('D', { metaKey: true }))).toBe('duplicate');
    expect(shortcutOf(key('Delete'))).toBe('delete');
    expect(shortcutOf(key('ArrowUp'))).toBeNull();
    expect(shortcutOf(key('d'))).toBeNull();
  });
});

describe('runTreeAction', () => {
  it('keeps the moved node selected, and answers null when the move is not possible', () => {
    const { store, uid, ids } = setUp();
    expect(runTreeAction(store, uid('c'), 'in')).toBe(uid('c'));
    expect(ids()).toEqual(['one', '-a', '-g', '--b', '--c', 'two', '-d']);
    expect(runTreeAction(store, uid('a'), 'up')).toBeNull();
    expect(runTreeAction(store, uid('a'), 'out')).toBeNull();
  });

  it('selects the copy after a duplicate, and the next sibling (else the parent) after a delete', () => {
    const { store, uid, ids } = setUp();
    const copy = runTreeAction(store, uid('a'), 'duplicate');
    expect(store.node(copy ?? '')?.data.id).toBe('a_copy');
    expect(runTreeAction(store, uid('a_copy'), 'delete')).toBe(uid('g'));
    expect(runTreeAction(store, uid('b'), 'delete')).toBe(uid('g'));
    expect(ids()).toEqual(['one', '-a', '-g', '-c', 'two', '-d']);
  });
});

describe('dropTarget', () => {
  it('puts an item dropped on another item at its place, and one dropped on a container at its top', () => {
    const { store, uid } = setUp();
    expect(dropTarget(store, uid('d'), uid('c'))).toEqual({ parent: uid('one'), index: 2 });
    expect(dropTarget(store, uid('d'), uid('g'))).toEqual({ parent: uid('g'), index: 0 });
    expect(dropTarget(store, uid('a'), uid('two'))).toEqual({ parent: uid('two'), index: 0 });
  });

  it('never drops a group into itself, and puts a section among the sections', () => {
    const { store, uid } = setUp();
    expect(dropTarget(store, uid('g'), uid('b'))).toEqual({ parent: uid('g'), index: 0 });
    expect(store.moveTo(uid('g'), uid('g'), 0)).toBe(false);
    expect(dropTarget(store, uid('two'), uid('b'))).toEqual({ parent: 'root', index: 0 });
  });
});
