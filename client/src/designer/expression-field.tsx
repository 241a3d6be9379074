import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { type Diagnostic, linter, lintGutter } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { functionNames } from '../../../forms/expression/ast.ts';
import { formatProblem, type Problem, parseExpression } from '../../../forms/index.ts';

export interface ExpressionFieldProps {
  id: string;
  labelledBy: string;
  describedBy?: string;
  value: string;
  onChange: (value: string) => void;
  /** Item ids to complete. */
  ids: () => string[];
  /** The checker's problems for this field (of the definition as it is now). */
  problems: () => Problem[];
  placeholderText?: string;
}

function complete(ids: () => string[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[@\w.]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    return {
      from: word.from,
      options: [
        ...ids().map((id) => ({ label: id, type: 'variable' })),
        ...functionNames.map((name) => ({ label: name, type: 'function', apply: `${name}(` })),
        { label: '@party', type: 'constant' },
        { label: '@value', type: 'constant' },
        { label: '@option.', type: 'constant', detail: 'attribute' },
      ],
      validFor: /^[@\w.]*$/,
    };
  };
}

/** A problem at a 1-based column, as a diagnostic over the token that starts there, said in the language. */
function diagnosticOf(problem: Problem, text: string, language: string): Diagnostic {
  const from = Math.min(Math.max(0, (problem.column ?? 1) - 1), text.length);
  const token = /^[@\w.]+|^\S/.exec(text.slice(from));
  const to =
    problem.column === undefined ? text.length : Math.min(text.length, from + (token?.[0].length ?? 0));
  return { from, to, severity: problem.severity, message: formatProblem(problem, language) };
}

/**
 * An expression typed in CodeMirror 6: item ids and the engine's functions are completed, and each edit is
 * checked by the engine's parser and checker, the problem shown at its column.
 */
export function ExpressionField(props: ExpressionFieldProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const { i18n } = useTranslation();
  const language = useRef(i18n.language);
  language.current = i18n.language;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is made once; props are read through `latest`.
  useEffect(() => {
    if (!host.current) return;
    const lint = linter(
      (editor) => {
        const text = editor.state.doc.toString();
        if (text.trim() === '') return [];
        const parsed = parseExpression(text);
        const problems = parsed.ok ? latest.current.problems() : parsed.issues;
        return problems.map((problem) => diagnosticOf(problem, text, language.current));
      },
      { delay: 250 },
    );
    view.current = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          history(),
          // One line: Enter accepts a completion or does nothing, it never breaks the expression.
          keymap.of([...defaultKeymap, ...historyKeymap].filter((binding) => binding.key !== 'Enter')),
          autocompletion({ override: [complete(() => latest.current.ids())] }),
          lint,
          lintGutter(),
          placeholder(props.placeholderText ?? ''),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({
            id: props.id,
            'aria-labelledby': props.labelledBy,
            ...(props.describedBy ? { 'aria-describedby': props.describedBy } : {}),
            'aria-multiline': 'false',
            role: 'textbox',
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.current?.destroy();
  }, []);

  // A value changed elsewhere (undo in the tree, an import) replaces the text.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== props.value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  return <div ref={host} className="expression-field" data-field={props.id} />;
}
