import { createContext, memo, type ReactNode, useContext, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { definitionSchema, type Path, type Problem, sectionSchema } from '../../../forms/index.ts';
import { countRender } from '../report/render-count.ts';
import { type DefinitionStore, ROOT } from './definition-store.ts';
import { ExpressionField } from './expression-field.tsx';
import {
  columnTypes,
  type FieldSpec,
  fieldsOf,
  itemOfType,
  itemTypes,
  repeatChildTypes,
} from './schema-fields.ts';

type Json = Record<string, unknown>;

export interface DesignerContextValue {
  store: DefinitionStore;
  /** Problems of the definition as it is now whose path leads to `uid`'s `field`. */
  problemsAt: (uid: string, field: Path) => Problem[];
}

export const DesignerContext = createContext<DesignerContextValue | null>(null);

export function useDesigner(): DesignerContextValue {
  const value = useContext(DesignerContext);
  if (!value) throw new Error('useDesigner outside the designer');
  return value;
}

/** The node's fields, re-read when (and only when) this node changes. */
export function useNode(store: DefinitionStore, uid: string) {
  return useSyncExternalStore(
    (listener) => store.subscribeNode(uid, listener),
    () => store.node(uid),
  );
}

/** The element id of a field, so that a problem's link can focus it. */
export const fieldId = (uid: string, path: Path) => `f-${uid}-${path.join('-')}`;

/** The languages of the definition, its default first. */
function useLanguages(store: DefinitionStore): { languages: string[]; defaultLanguage: string } {
  const root = useNode(store, ROOT);
  const defaultLanguage = typeof root?.data.defaultLanguage === 'string' ? root.data.defaultLanguage : 'en';
  const listed = Array.isArray(root?.data.languages) ? (root.data.languages as string[]) : [defaultLanguage];
  return { languages: listed.length > 0 ? listed : [defaultLanguage], defaultLanguage };
}

/** The form of the selected node: the questionnaire's settings, a section's or an item's fields. */
export const NodeForm = memo(function NodeForm({ uid }: { uid: string }) {
  const { t } = useTranslation();
  const { store } = useDesigner();
  const node = useNode(store, uid);
  countRender(`designer-form:${uid}`);
  if (!node) return null;
  const set = (path: Path, value: unknown) => store.set(uid, path, value);
  if (node.kind === 'root') {
    return (
      <Fields
        uid={uid}
        specs={fieldsOf(definitionSchema as never).filter((s) => s.name !== 'format')}
        value={node.data}
        base={[]}
        onSet={set}
        fixed={['key', 'instrument']}
      />
    );
  }
  if (node.kind === 'section') {
    return (
      <Fields uid={uid} specs={fieldsOf(sectionSchema as never)} value={node.data} base={[]} onSet={set} />
    );
  }
  const parent = store.node(store.parentOf(uid) ?? '');
  const types = parent?.data.type === 'repeat' ? repeatChildTypes : itemTypes;
  const type = String(node.data.type);
  const schema = types.get(type) ?? itemTypes.get(type);
  return (
    <>
      <TypeSelect
        id={fieldId(uid, ['type'])}
        types={[...types.keys()]}
        value={type}
        onChange={(next) => store.replace(uid, itemOfType(next, node.data, types))}
        label={t('designer.field.type')}
      />
      {schema && <Fields uid={uid} specs={fieldsOf(schema)} value={node.data} base={[]} onSet={set} />}
    </>
  );
});

function TypeSelect(props: {
  id: string;
  types: string[];
  value: string;
  onChange: (type: string) => void;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.types.map((type) => (
          <option key={type} value={type}>
            {t(`designer.type.${type}`, { defaultValue: type })}
          </option>
        ))}
      </select>
    </div>
  );
}

interface FieldsProps {
  uid: string;
  specs: FieldSpec[];
  value: Json;
  /** Where `value` sits in the node's fields (`['columns', 2]` for a table's column). */
  base: Path;
  onSet: (path: Path, value: unknown) => void;
  fixed?: string[];
}

function Fields({ uid, specs, value, base, onSet, fixed = [] }: FieldsProps) {
  return (
    <div className="designer-fields">
      {specs
        .filter((spec) => spec.name !== 'type')
        .map((spec) => (
          <Field
            key={spec.name}
            uid={uid}
            spec={spec}
            value={value[spec.name]}
            path={[...base, spec.name]}
            onSet={onSet}
            fixed={fixed.includes(spec.name)}
          />
        ))}
    </div>
  );
}

interface FieldProps {
  uid: string;
  spec: FieldSpec;
  value: unknown;
  path: Path;
  onSet: (path: Path, value: unknown) => void;
  fixed: boolean;
}

function Field({ uid, spec, value, path, onSet, fixed }: FieldProps) {
  const { t } = useTranslation();
  const { store, problemsAt } = useDesigner();
  const id = fieldId(uid, path);
  const labelId = `${id}-label`;
  const label = t(`designer.field.${spec.name}`, { defaultValue: spec.name });
  const emptyIsAbsent = (v: string) => (v === '' && spec.optional ? undefined : v);
  const field = spec.field;
  switch (field.kind) {
    case 'fixed':
      return null;
    case 'localized':
      return <LocalizedField id={id} label={label} value={value} path={path} onSet={onSet} />;
    case 'expression':
    case 'default':
      return (
        <div className="field">
          <span id={labelId} className="field-label">
            {label}
          </span>
          <ExpressionField
            id={id}
            labelledBy={labelId}
            value={value === undefined ? '' : String(value)}
            onChange={(text) => onSet(path, text === '' && spec.optional ? undefined : text)}
            ids={() => store.itemIds()}
            problems={() => problemsAt(uid, path)}
          />
        </div>
      );
    case 'required': {
      const mode = value === true ? 'yes' : typeof value === 'string' ? 'when' : 'no';
      return (
        <Labelled id={id} label={label}>
          <select
            id={id}
            value={mode}
            onChange={(e) =>
              onSet(path, e.target.value === 'yes' ? true : e.target.value === 'when' ? 'true' : undefined)
            }
          >
            <option value="no">{t('designer.required.no')}</option>
            <option value="yes">{t('designer.required.yes')}</option>
            <option value="when">{t('designer.required.when')}</option>
          </select>
          {mode === 'when' && (
            <ExpressionField
              id={`${id}-expression`}
              labelledBy={id}
              value={String(value)}
              onChange={(text) => onSet(path, text === '' ? undefined : text)}
              ids={() => store.itemIds()}
              problems={() => problemsAt(uid, path)}
            />
          )}
        </Labelled>
      );
    }
    case 'boolean':
      return (
        <div className="field checkbox-field">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onSet(path, e.target.checked ? true : spec.optional ? undefined : false)}
          />
          <label htmlFor={id}>{label}</label>
        </div>
      );
    case 'number':
      return (
        <Labelled id={id} label={label}>
          <input
            id={id}
            type="number"
            step={field.integer ? 1 : 'any'}
            value={typeof value === 'number' ? value : ''}
            onChange={(e) => onSet(path, e.target.value === '' ? undefined : Number(e.target.value))}
          />
        </Labelled>
      );
    case 'enum':
      return (
        <Labelled id={id} label={label}>
          <select
            id={id}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onSet(path, emptyIsAbsent(e.target.value))}
          >
            {spec.optional && <option value="">{t('designer.none')}</option>}
            {field.values.map((v) => (
              <option key={v} value={v}>
                {t(`designer.enum.${v}`, { defaultValue: v })}
              </option>
            ))}
          </select>
        </Labelled>
      );
    case 'text':
      return (
        <Labelled id={id} label={label}>
          <input
            id={id}
            type="text"
            disabled={fixed}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onSet(path, emptyIsAbsent(e.target.value))}
            spellCheck={false}
            list={spec.name === 'over' ? `${id}-sources` : undefined}
          />
          {spec.name === 'over' && (
            <datalist id={`${id}-sources`}>
              {loopSources(store).map((source) => (
                <option key={source} value={source} />
              ))}
            </datalist>
          )}
        </Labelled>
      );
    case 'list':
      return (
        <Labelled id={id} label={label}>
          <input
            id={id}
            type="text"
            value={Array.isArray(value) ? value.join(', ') : ''}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              const list = e.target.value
                .split(',')
                .map((part) => part.trim())
                .filter((part) => part !== '');
              onSet(path, list.length === 0 && spec.optional ? undefined : list);
            }}
          />
          <span id={`${id}-hint`} className="hint">
            {t('designer.commaSeparated')}
          </span>
        </Labelled>
      );
    case 'options':
      return (
        <OptionsField id={id} label={label} value={value} path={path} onSet={onSet} idKey={field.idKey} />
      );
    case 'columns':
      return <ColumnsField uid={uid} id={id} label={label} value={value} path={path} onSet={onSet} />;
    case 'codeLists':
      return <CodeListsField id={id} label={label} value={value} path={path} onSet={onSet} />;
  }
}

/** A control with its label above it. */
function Labelled(props: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
    </div>
  );
}

/** A text in each language of the definition, side by side. */
function LocalizedField(props: {
  id: string;
  label: string;
  value: unknown;
  path: Path;
  onSet: FieldProps['onSet'];
}) {
  const { t } = useTranslation();
  const { store } = useDesigner();
  const { languages, defaultLanguage } = useLanguages(store);
  const texts: Record<string, string> =
    typeof props.value === 'string'
      ? { [defaultLanguage]: props.value }
      : props.value && typeof props.value === 'object'
        ? (props.value as Record<string, string>)
        : {};
  const setText = (lang: string, text: string) => {
    const next = { ...texts };
    if (text === '') delete next[lang];
    else next[lang] = text;
    props.onSet(props.path, next);
  };
  return (
    <fieldset className="field localized-field">
      <legend>{props.label}</legend>
      {languages.map((lang) => (
        <div key={lang} className="localized-row">
          <label htmlFor={`${props.id}-${lang}`}>
            {t(`designer.language.${lang}`, { defaultValue: lang })}
          </label>
          <input
            id={`${props.id}-${lang}`}
            type="text"
            lang={lang}
            value={texts[lang] ?? ''}
            onChange={(e) => setText(lang, e.target.value)}
          />
        </div>
      ))}
    </fieldset>
  );
}

/** What a loop may go over: a code list, or a choice with several answers. */
function loopSources(store: DefinitionStore): string[] {
  const choices = store
    .treeRows()
    .map((row) => store.node(row.uid)?.data)
    .filter((data) => data?.type === 'choice' && data.multiple === true)
    .map((data) => String(data?.id));
  return [...codeListNames(store), ...choices];
}

function codeListNames(store: DefinitionStore): string[] {
  const lists = store.node(ROOT)?.data.codeLists;
  return lists && typeof lists === 'object' ? Object.keys(lists) : [];
}

/** Options of a choice, rows of a table: inline (value, label, attributes) or a code list's name. */
function OptionsField(props: {
  id: string;
  label: string;
  value: unknown;
  path: Path;
  onSet: FieldProps['onSet'];
  idKey: 'value' | 'id';
  inlineOnly?: boolean;
}) {
  const { t } = useTranslation();
  const { store } = useDesigner();
  const { languages, defaultLanguage } = useLanguages(store);
  const { id, path, onSet, idKey } = props;
  const inline = Array.isArray(props.value);
  const list = (inline ? props.value : []) as Json[];
  const names = codeListNames(store);
  const setList = (next: Json[]) => onSet(path, next);
  const move = (i: number, step: number) => {
    const next = [...list];
    const [moved] = next.splice(i, 1);
    if (moved) next.splice(i + step, 0, moved);
    setList(next);
  };
  return (
    <fieldset className="field options-field">
      <legend>{props.label}</legend>
      {!props.inlineOnly && (
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('designer.options.source')}</label>
          <select
            id={`${id}-source`}
            value={inline ? '' : String(props.value ?? '')}
            onChange={(e) =>
              onSet(
                path,
                e.target.value === ''
                  ? [{ [idKey]: `${idKey === 'id' ? 'row' : 'option'}_1`, label: {} }]
                  : e.target.value,
              )
            }
          >
            <option value="">{t('designer.options.inline')}</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {t('designer.options.codeList', { name })}
              </option>
            ))}
          </select>
        </div>
      )}
      {(inline || props.inlineOnly) && (
        <table className="options-table">
          <thead>
            <tr>
              <th scope="col">{t(`designer.options.${idKey}`)}</th>
              {languages.map((lang) => (
                <th key={lang} scope="col">
                  {t(`designer.language.${lang}`, { defaultValue: lang })}
                </th>
              ))}
              <th scope="col">{t('designer.options.attributes')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('designer.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((option, i) => {
              const labels = (
                typeof option.label === 'string' ? { [defaultLanguage]: option.label } : (option.label ?? {})
              ) as Record<string, string>;
              const name = String(option[idKey] ?? '');
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place, their values change as typed.
                <tr key={i}>
                  <td>
                    <input
                      id={`${id}-${i}-${idKey}`}
                      aria-label={t(`designer.options.${idKey}Of`, { n: i + 1 })}
                      value={name}
                      spellCheck={false}
                      onChange={(e) => onSet([...path, i, idKey], e.target.value)}
                    />
                  </td>
                  {languages.map((lang) => (
                    <td key={lang}>
                      <input
                        id={`${id}-${i}-label-${lang}`}
                        lang={lang}
                        aria-label={t('designer.options.labelOf', {
                          name: name || i + 1,
                          language: t(`designer.language.${lang}`, { defaultValue: lang }),
                        })}
                        value={labels[lang] ?? ''}
                        onChange={(e) => {
                          const next = { ...labels };
                          if (e.target.value === '') delete next[lang];
                          else next[lang] = e.target.value;
                          onSet([...path, i, 'label'], next);
                        }}
                      />
                    </td>
                  ))}
                  <td>
                    <AttributesInput
                      id={`${id}-${i}-attributes`}
                      label={t('designer.options.attributesOf', { name: name || i + 1 })}
                      value={option.attributes}
                      onSet={(v) => onSet([...path, i, 'attributes'], v)}
                    />
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="link-button"
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      <span aria-hidden="true">↑</span>
                      <span className="visually-hidden">
                        {t('designer.options.up', { name: name || i + 1 })}
                      </span>
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      disabled={i === list.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      <span aria-hidden="true">↓</span>
                      <span className="visually-hidden">
                        {t('designer.options.down', { name: name || i + 1 })}
                      </span>
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setList(list.filter((_, j) => j !== i))}
                    >
                      {t('designer.remove')}
                      <span className="visually-hidden"> {name}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {(inline || props.inlineOnly) && (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setList([
              ...list,
              { [idKey]: `${idKey === 'id' ? 'row' : 'option'}_${list.length + 1}`, label: {} },
            ])
          }
        >
          {t(idKey === 'id' ? 'designer.options.addRow' : 'designer.options.add')}
        </button>
      )}
    </fieldset>
  );
}

/** Attributes of an option as JSON, applied when they parse. */
function AttributesInput(props: {
  id: string;
  label: string;
  value: unknown;
  onSet: (value: unknown) => void;
}) {
  const text = props.value === undefined ? '' : JSON.stringify(props.value);
  return (
    <input
      id={props.id}
      aria-label={props.label}
      defaultValue={text}
      key={text}
      spellCheck={false}
      placeholder='{"group": "birds"}'
      onBlur={(e) => {
        const raw = e.target.value.trim();
        if (raw === '') return props.onSet(undefined);
        try {
          const parsed: unknown = JSON.parse(raw);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) props.onSet(parsed);
          else e.target.setCustomValidity('{…}');
        } catch {
          e.target.setCustomValidity('JSON');
        }
      }}
      onInput={(e) => e.currentTarget.setCustomValidity('')}
    />
  );
}

/** A table's columns, each with the fields of its type. */
function ColumnsField(props: {
  uid: string;
  id: string;
  label: string;
  value: unknown;
  path: Path;
  onSet: FieldProps['onSet'];
}) {
  const { t } = useTranslation();
  const columns = (Array.isArray(props.value) ? props.value : []) as Json[];
  const { path, onSet } = props;
  return (
    <fieldset className="field columns-field">
      <legend>{props.label}</legend>
      {columns.map((column, i) => {
        const type = String(column.type);
        const schema = columnTypes.get(type);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a column's id is edited here, so it cannot be the key.
          <details key={i} className="column-details">
            <summary>
              {t('designer.columns.summary', { n: i + 1, id: String(column.id ?? ''), type })}
            </summary>
            <TypeSelect
              id={fieldId(props.uid, [...path, i, 'type'])}
              types={[...columnTypes.keys()]}
              value={type}
              onChange={(next) => onSet([...path, i], itemOfType(next, column, columnTypes))}
              label={t('designer.field.type')}
            />
            {schema && (
              <Fields
                uid={props.uid}
                specs={fieldsOf(schema)}
                value={column}
                base={[...path, i]}
                onSet={onSet}
              />
            )}
            <button
              type="button"
              className="secondary"
              onClick={() =>
                onSet(
                  path,
                  columns.filter((_, j) => j !== i),
                )
              }
            >
              {t('designer.columns.remove', { id: String(column.id ?? i + 1) })}
            </button>
          </details>
        );
      })}
      <button
        type="button"
        className="secondary"
        onClick={() =>
          onSet(path, [...columns, { id: `column_${columns.length + 1}`, type: 'text', label: {} }])
        }
      >
        {t('designer.columns.add')}
      </button>
    </fieldset>
  );
}

/** The definition's code lists: name and options of each. */
function CodeListsField(props: {
  id: string;
  label: string;
  value: unknown;
  path: Path;
  onSet: FieldProps['onSet'];
}) {
  const { t } = useTranslation();
  const lists = (props.value && typeof props.value === 'object' ? props.value : {}) as Record<string, Json[]>;
  const names = Object.keys(lists);
  const rename = (from: string, to: string) => {
    if (to === '' || to in lists) return;
    const next: Record<string, Json[]> = {};
    for (const name of names) next[name === from ? to : name] = lists[name] as Json[];
    props.onSet(props.path, next);
  };
  return (
    <fieldset className="field code-lists-field">
      <legend>{props.label}</legend>
      {names.map((name) => (
        <details key={name} className="column-details">
          <summary>{name}</summary>
          <div className="field">
            <label htmlFor={`${props.id}-${name}-name`}>{t('designer.codeLists.name')}</label>
            <input
              id={`${props.id}-${name}-name`}
              defaultValue={name}
              spellCheck={false}
              onBlur={(e) => rename(name, e.target.value.trim())}
            />
          </div>
          <OptionsField
            id={`${props.id}-${name}`}
            label={t('designer.codeLists.options', { name })}
            value={lists[name]}
            path={[...props.path, name]}
            onSet={props.onSet}
            idKey="value"
            inlineOnly
          />
          <button
            type="button"
            className="secondary"
            onClick={() => props.onSet([...props.path, name], undefined)}
          >
            {t('designer.codeLists.remove', { name })}
          </button>
        </details>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          let n = names.length + 1;
          while (`list_${n}` in lists) n++;
          props.onSet([...props.path, `list_${n}`], [{ value: 'option_1', label: {} }]);
        }}
      >
        {t('designer.codeLists.add')}
      </button>
    </fieldset>
  );
}
