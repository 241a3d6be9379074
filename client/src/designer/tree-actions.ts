import type { KeyboardEvent } from 'react';
import { type DefinitionStore, ROOT } from './definition-store.ts';

export type TreeAction = 'up' | 'down' | 'in' | 'out' | 'duplicate' | 'delete';

/** Runs a tree action on `uid`: the node to select after it, or null when the action is not possible there. */
export function runTreeAction(store: DefinitionStore, uid: string, action: TreeAction): string | null {
  switch (action) {
    case 'up':
      return store.moveBy(uid, -1) ? uid : null;
    case 'down':
      return store.moveBy(uid, 1) ? uid : null;
    case 'in':
      return store.moveIn(uid) ? uid : null;
    case 'out':
      return store.moveOut(uid) ? uid : null;
    case 'duplicate':
      return store.duplicate(uid);
    case 'delete': {
      const rows = store.treeRows();
      const index = rows.findIndex((row) => row.uid === uid);
      const next = rows.slice(index + 1).find((row) => store.parentOf(row.uid) === store.parentOf(uid));
      const parent = store.parentOf(uid);
      store.remove(uid);
      return next?.uid ?? (parent === ROOT ? (store.treeRows()[0]?.uid ?? ROOT) : (parent ?? ROOT));
    }
  }
}

/** Alt+arrows move, Ctrl+D (or ⌘D) duplicates, Delete deletes. */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'key'>,
): TreeAction | null {
  if (event.altKey && event.key === 'ArrowUp') return 'up';
  if (event.altKey && event.key === 'ArrowDown') return 'down';
  if (event.altKey && event.key === 'ArrowRight') return 'in';
  if (event.altKey && event.key === 'ArrowLeft') return 'out';
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd') return 'duplicate';
  if (event.key === 'Delete') return 'delete';
  return null;
}

/** Where a row dropped on `overUid` goes: to the top of a section or container it is dropped on, else to its place. */
export function dropTarget(
  store: DefinitionStore,
  uid: string,
  overUid: string,
): { parent: string; index: number } | null {
  const over = store.node(overUid);
  const moving = store.node(uid);
  if (!over || !moving) return null;
  if (moving.kind === 'section') {
    let section = overUid;
    while (store.node(section)?.kind !== 'section') section = store.parentOf(section) ?? ROOT;
    return { parent: ROOT, index: store.node(ROOT)?.children?.indexOf(section) ?? 0 };
  }
  // Dropped on a section, group, loop or repeat (its own included): to the top of its items.
  if (over.children !== null && store.canMoveInto(uid, overUid)) return { parent: overUid, index: 0 };
  const parent = store.parentOf(overUid) ?? ROOT;
  return { parent, index: store.node(parent)?.children?.indexOf(overUid) ?? 0 };
}
