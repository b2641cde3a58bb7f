import { json, jsonParseLinter } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, linter } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import styles from './JsonEditor.module.css';

/** Token colours from the app's theme variables, so the editor reads well in light and dark. */
const jsonHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--code-key)' },
  { tag: tags.string, color: 'var(--code-string)' },
  { tag: tags.number, color: 'var(--code-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--code-keyword)' },
  { tag: tags.invalid, color: 'var(--danger)' },
]);

interface Props {
  /** The text when the editor mounts, and whenever `version` changes (e.g. after Reset to default). */
  initial: string;
  version: number;
  onChange(text: string): void;
  /** The editor's accessible name (read when the editor is created). */
  label: string;
  /** The id of the element that says what is wrong with the text (read when the editor is created). */
  describedBy?: string;
}

/**
 * A CodeMirror 6 JSON editor: syntax highlighting, and syntax errors marked inline (jsonParseLinter).
 * CodeMirror injects its styles as style elements / constructed sheets, which the CSP's style-src allows;
 * it runs no inline script and loads nothing.
 */
export function JsonEditor({ initial, version, onChange, label, describedBy }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      doc: initial,
      parent: host.current,
      extensions: [
        basicSetup,
        json(),
        syntaxHighlighting(jsonHighlight),
        linter(jsonParseLinter(), { delay: 300 }),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({
          'aria-label': label,
          'aria-multiline': 'true',
          ...(describedBy && { 'aria-describedby': describedBy }),
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChangeRef.current(update.state.doc.toString());
        }),
      ],
    });
    return () => view.destroy();
    // A new document only on mount or when `version` says so; typing does not recreate the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  return <div ref={host} className={styles.editor} data-json-editor />;
}
