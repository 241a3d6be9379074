import type { Definition, Item, Option, Section } from '../definition/schema.ts';
import { childItems, isContainer } from '../definition/walk-items.ts';
import { type Expression, referencedIds } from '../expression/ast.ts';
import { type BindScope, bindExpression, typeOfItem } from '../expression/bind-expression.ts';
import { parseExpression } from '../expression/parse-expression.ts';
import { compileSafeRegex } from '../expression/safe-regex.ts';
import { type Compiled, needsOwnCheck } from '../expression/values.ts';
import type { Path, Problem } from '../result.ts';
import { CompiledPlan } from './compiled-plan.ts';
import { orderLevel } from './order-level.ts';
import { Level, PlanNode, type ValueType } from './plan-node.ts';

const ANY: ValueType = { kind: 'any' };

/**
 * Builds the plan of a definition: levels of nodes, resolved options, compiled expressions and the
 * evaluation order, collecting every problem met on the way (unknown ids, type errors, cycles…).
 * The plan is usable even with problems: what cannot be compiled evaluates to null.
 */
export function buildPlan(definition: Definition): { plan: CompiledPlan; problems: Problem[] } {
  const problems: Problem[] = [];
  const codeLists = new Map<string, Option[]>();
  for (const [name, list] of Object.entries(definition.codeLists ?? {})) codeLists.set(name, list);

  const root = new Level(null, null);
  const all: PlanNode[] = [];
  const sections: PlanNode[] = [];

  const addItems = (
    items: readonly Item[],
    basePath: Path,
    level: Level,
    parentNode: PlanNode | null,
    section: Section,
    sectionIndex: number,
  ) => {
    for (const [index, item] of items.entries()) {
      const path = [...basePath, index];
      const container = level.container;
      const key = container === null ? item.id : `${container.key}.${item.id}`;
      const rootContainer = container?.rootNode ?? null;
      const holds = item.type !== 'group' && item.type !== 'note';
      const answerId =
        rootContainer !== null ? rootContainer.id : holds && item.type !== 'calculated' ? item.id : null;
      const node = new PlanNode(
        'item',
        key,
        item.id,
        item,
        section,
        sectionIndex,
        path,
        level,
        parentNode?.kind === 'item' ? parentNode.key : (container?.key ?? null),
        container?.key ?? null,
        answerId,
      );
      node.parentNode = parentNode;
      node.index = level.nodes.length;
      level.nodes.push(node);
      if (!level.byId.has(item.id)) level.byId.set(item.id, node);
      all.push(node);
      const children = childItems(item);
      if (children === null) continue;
      if (isContainer(item)) {
        node.childLevel = new Level(node, level);
        addItems(children.items, [...path, children.key], node.childLevel, null, section, sectionIndex);
      } else {
        addItems(children.items, [...path, children.key], level, node, section, sectionIndex);
      }
    }
  };

  for (const [sectionIndex, section] of definition.sections.entries()) {
    const node = new PlanNode(
      'section',
      `section:${section.id}`,
      section.id,
      null,
      section,
      sectionIndex,
      ['sections', sectionIndex],
      root,
      null,
      null,
      null,
    );
    node.index = root.nodes.length;
    root.nodes.push(node);
    sections.push(node);
    addItems(section.items, ['sections', sectionIndex, 'items'], root, node, section, sectionIndex);
  }

  const assignSlots = (level: Level) => {
    level.slotCount = level.nodes.length;
    for (const node of level.nodes) {
      node.guardedId = needsOwnCheck(node.id);
      if (node.hasOther) node.otherSlot = level.slotCount++;
      if (node.childLevel) assignSlots(node.childLevel);
    }
  };
  assignSlots(root);

  // Items sharing a code list share its index of values.
  const optionIndexes = new Map<readonly Option[], Map<string, Option>>();
  const listOptions = (source: string | readonly Option[], path: Path): Option[] | null => {
    if (typeof source !== 'string') return [...source];
    const list = codeLists.get(source);
    if (list === undefined) {
      problems.push({
        path,
        code: 'unknown_code_list',
        message: `unknown code list "${source}"`,
        severity: 'error',
        params: { name: source },
      });
      return null;
    }
    return list;
  };

  // Options first: expressions check option values (`selected`, `table.row.col`) against them.
  for (const node of all) {
    const item = node.item;
    let options: Option[] | null = null;
    if (item.type === 'choice' || item.type === 'ranking') {
      options = listOptions(item.options, [...node.jsonPath, 'options']);
    } else if (item.type === 'table') {
      options =
        typeof item.rows === 'string'
          ? listOptions(item.rows, [...node.jsonPath, 'rows'])
          : item.rows.map((row) => ({ value: row.id, label: row.label, attributes: row.attributes }));
    }
    if (options !== null) setOptions(node, options, optionIndexes);
  }
  for (const node of all) {
    const item = node.item;
    if (item.type !== 'loop') continue;
    const overPath = [...node.jsonPath, 'over'];
    const choice = findInScope(node.level, item.over);
    if (choice !== undefined && choice.type === 'choice') {
      const choiceItem = choice.item;
      if (choiceItem.type === 'choice' && choiceItem.multiple !== true) {
        problems.push({
          path: overPath,
          code: 'loop_over',
          message: `a loop runs over a code list or a multiple choice; "${item.over}" is a single choice`,
          severity: 'error',
          params: { kind: 'single_choice', id: item.over },
        });
      }
      if (choice.options !== null) setOptions(node, choice.options, optionIndexes);
    } else if (codeLists.has(item.over)) {
      setOptions(node, codeLists.get(item.over) ?? [], optionIndexes);
    } else {
      problems.push({
        path: overPath,
        code: 'loop_over',
        message: `"${item.over}" is neither a code list nor a multiple choice`,
        severity: 'error',
        params: { kind: 'neither', id: item.over },
      });
    }
  }

  const parsedTexts = new Map<string, ReturnType<typeof parseExpression>>();
  const bindState = new Map<PlanNode, 'binding' | 'done'>();
  const typeOf = (node: PlanNode): ValueType => {
    if (node.calculatedType !== null) return node.calculatedType;
    if (bindState.get(node) === 'binding') return ANY;
    bindCalculation(node);
    return node.calculatedType ?? ANY;
  };

  const optionScopeOf = (level: Level): BindScope['optionScope'] => {
    let up = 0;
    for (let l: Level | null = level; l !== null; l = l.parent, up++) {
      const container = l.container;
      if (container !== null && (container.type === 'loop' || container.type === 'table')) {
        return { up, options: container.options ?? [] };
      }
    }
    return null;
  };

  const bind = (
    node: PlanNode,
    field: string,
    source: string,
    options: { valueAffecting: boolean; self?: ValueType | null; filter?: boolean },
  ): { fn: Compiled; type: ValueType; expression: Expression } | null => {
    const path = [...node.jsonPath, field];
    // Definitions repeat expressions (`. == true`, `. >= 0`): each text is parsed once.
    let parsed = parsedTexts.get(source);
    if (parsed === undefined) {
      parsed = parseExpression(source);
      parsedTexts.set(source, parsed);
    }
    if (!parsed.ok) {
      for (const issue of parsed.issues) problems.push({ ...issue, path });
      return null;
    }
    const scope: BindScope = {
      level: node.level,
      frameOffset: options.filter ? 1 : 0,
      owner: node,
      self: options.self ?? null,
      valueAffecting: options.valueAffecting,
      path,
      problems,
      typeOf,
      optionScope: options.filter ? { up: 0, options: node.options ?? [] } : optionScopeOf(node.level),
    };
    const bound = bindExpression(parsed.value, scope);
    return { ...bound, expression: parsed.value };
  };

  const expectBoolean = (node: PlanNode, field: string, type: ValueType, expression: Expression) => {
    if (type.many || !['boolean', 'any', 'null'].includes(type.kind)) {
      problems.push({
        path: [...node.jsonPath, field],
        code: 'not_boolean',
        message: `${field} must give true or false`,
        severity: 'error',
        params: { field },
        column: expression.start + 1,
      });
    }
  };

  function bindCalculation(node: PlanNode): void {
    const item = node.item;
    if (item.type !== 'calculated' || bindState.get(node) !== undefined) return;
    bindState.set(node, 'binding');
    const bound = bind(node, 'expression', item.expression, { valueAffecting: true });
    if (bound !== null) {
      node.calculateFn = bound.fn;
      if (bound.type.many || bound.type.kind === 'rows') {
        problems.push({
          path: [...node.jsonPath, 'expression'],
          code: 'many_values',
          message: 'a calculation must give one value: use sum(), count(), min() or max() over rows',
          severity: 'error',
          params: { kind: 'calculation' },
          column: bound.expression.start + 1,
        });
      }
      node.calculatedType = bound.type.many ? ANY : bound.type;
    } else {
      node.calculatedType = ANY;
    }
    bindState.set(node, 'done');
  }

  for (const section of sections) {
    const relevant = section.section.relevant;
    if (relevant !== undefined) {
      const bound = bind(section, 'relevant', relevant, { valueAffecting: true });
      if (bound) {
        section.relevantFn = bound.fn;
        expectBoolean(section, 'relevant', bound.type, bound.expression);
      }
    }
  }

  for (const node of all) {
    const item = node.item;
    if (item.relevant !== undefined) {
      const bound = bind(node, 'relevant', item.relevant, { valueAffecting: true });
      if (bound) {
        node.relevantFn = bound.fn;
        expectBoolean(node, 'relevant', bound.type, bound.expression);
      }
    }
    if (item.type === 'calculated') bindCalculation(node);
    if ((item.type === 'table' || item.type === 'loop') && item.filter !== undefined) {
      const bound = bind(node, 'filter', item.filter, { valueAffecting: true, filter: true });
      if (bound) {
        node.filterFn = bound.fn;
        expectBoolean(node, 'filter', bound.type, bound.expression);
      }
    }
    if (item.type === 'loop' && findInScope(node.level, item.over)?.type === 'choice') {
      const bound = bind(node, 'over', item.over, { valueAffecting: true });
      if (bound) node.overFn = bound.fn;
    }
    if ('required' in item && item.required !== undefined) {
      if (typeof item.required === 'boolean') {
        node.requiredConst = item.required;
      } else {
        const bound = bind(node, 'required', item.required, { valueAffecting: false });
        if (bound) {
          node.requiredFn = bound.fn;
          expectBoolean(node, 'required', bound.type, bound.expression);
        }
      }
    }
    if ('constraint' in item && item.constraint !== undefined) {
      const self = typeOfItem(node, typeOf);
      const bound = bind(node, 'constraint', item.constraint, { valueAffecting: false, self });
      if (bound) {
        node.constraintFn = bound.fn;
        expectBoolean(node, 'constraint', bound.type, bound.expression);
      }
    }
    if ('default' in item && item.default !== undefined) {
      bindDefault(node, item.default);
    }
    if ((item.type === 'text' || item.type === 'textarea') && item.pattern !== undefined) {
      const compiled = compileSafeRegex(item.pattern, true);
      if (compiled.ok) node.pattern = compiled.value;
      else {
        problems.push({
          path: [...node.jsonPath, 'pattern'],
          code: 'pattern',
          message: compiled.message,
          severity: 'error',
          params: compiled.params,
        });
      }
    }
  }

  function bindDefault(node: PlanNode, value: string | number | boolean): void {
    if (typeof value !== 'string') {
      node.defaultFn = () => value;
      checkDefaultType(node, typeof value === 'number' ? 'number' : 'boolean', null);
      return;
    }
    // Defaults are computed once, when a report or row is created; they take no part in evaluation order.
    const bound = bind(node, 'default', value, { valueAffecting: false });
    if (bound) {
      node.defaultFn = bound.fn;
      node.defaultReads = referencedIds(bound.expression);
      checkDefaultType(node, bound.type.many ? 'rows' : bound.type.kind, bound.expression);
    }
  }

  function checkDefaultType(node: PlanNode, kind: ValueType['kind'], expression: Expression | null): void {
    const expected = typeOfItem(node, typeOf).kind;
    const fits =
      kind === 'any' ||
      kind === 'null' ||
      kind === expected ||
      (expected === 'date' && kind === 'text') ||
      (expected === 'list' && kind === 'text');
    if (!fits || expected === 'rows' || expected === 'file') {
      problems.push({
        path: [...node.jsonPath, 'default'],
        code: 'default_type',
        message: `the default must be ${expected === 'rows' || expected === 'file' ? `absent on a ${node.type}` : `of the item's type (${expected})`}`,
        severity: 'error',
        params:
          expected === 'rows' || expected === 'file'
            ? { kind: 'absent', type: node.type }
            : { kind: 'type', expected },
        ...(expression ? { column: expression.start + 1 } : {}),
      });
    }
  }

  const levels: Level[] = [];
  const collectLevels = (level: Level) => {
    levels.push(level);
    for (const node of level.nodes) if (node.childLevel) collectLevels(node.childLevel);
  };
  collectLevels(root);
  for (const level of levels) {
    for (const cycle of orderLevel(level)) {
      const [first] = cycle;
      if (first === undefined) continue;
      const field =
        first.kind === 'section'
          ? 'relevant'
          : first.type === 'calculated'
            ? 'expression'
            : first.item.relevant !== undefined
              ? 'relevant'
              : first.type === 'loop'
                ? 'over'
                : 'filter';
      const chain = [...cycle, first]
        .map((n) => (n.kind === 'section' ? `section ${n.id}` : n.key))
        .join(' → ');
      problems.push({
        path: [...first.jsonPath, field],
        code: 'cycle',
        message: `circular dependency: ${chain}`,
        severity: 'error',
        params: { kind: 'dependency', chain },
      });
    }
  }
  checkDefaultCycles(all, problems);

  return { plan: new CompiledPlan(definition, root, sections, all), problems };
}

function setOptions(
  node: PlanNode,
  options: Option[],
  optionIndexes: Map<readonly Option[], Map<string, Option>>,
): void {
  node.options = options;
  let index = optionIndexes.get(options);
  if (index === undefined) {
    index = new Map(options.map((o) => [o.value, o]));
    optionIndexes.set(options, index);
  }
  node.optionByValue = index;
}

function findInScope(level: Level, id: string): PlanNode | undefined {
  for (let l: Level | null = level; l !== null; l = l.parent) {
    const found = l.byId.get(id);
    if (found !== undefined) return found;
  }
  return undefined;
}

function checkDefaultCycles(nodes: readonly PlanNode[], problems: Problem[]): void {
  // Defaults may read answers that themselves come from defaults: a cycle would never settle.
  const byId = new Map<string, PlanNode>();
  for (const node of nodes)
    if (node.defaultReads !== null && node.level.container === null) byId.set(node.id, node);
  const state = new Map<PlanNode, 'visiting' | 'done'>();
  const visit = (node: PlanNode, stack: PlanNode[]): void => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const id of node.defaultReads ?? []) {
      const next = byId.get(id);
      if (next === undefined) continue;
      if (state.get(next) === 'visiting') {
        const chain = [...stack.slice(stack.indexOf(next)), next].map((n) => n.key).join(' → ');
        problems.push({
          path: [...node.jsonPath, 'default'],
          code: 'cycle',
          message: `circular defaults: ${chain}`,
          severity: 'error',
          params: { kind: 'defaults', chain },
        });
      } else if (state.get(next) === undefined) {
        visit(next, stack);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of byId.values()) if (state.get(node) === undefined) visit(node, []);
}
