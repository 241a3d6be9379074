import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { UploadedFile } from '../../api/types.ts';
import type { FieldProps } from '../item-node.tsx';
import { domIds, useReport } from '../report-context.tsx';
import { useAnswerField } from './use-answer-field.ts';

function isFile(value: unknown): value is UploadedFile {
  return value !== null && typeof value === 'object' && 'file' in value && 'name' in value;
}

/** An upload control posting to `POST /api/reports/:id/files`; disabled with a note when the server has none. */
export function FileField({ item, itemKey, view, describedBy, invalid }: FieldProps) {
  const { t, uploads, reportId } = useReport();
  const { value, set, readOnly } = useAnswerField(itemKey);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (item.type !== 'file') return null;
  const files = Array.isArray(value) ? value.filter(isFile) : isFile(value) ? [value] : [];
  const noteId = `file-note-${itemKey}`;

  const onFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setError(null);
    const uploaded: UploadedFile[] = [];
    try {
      for (const file of Array.from(list)) {
        setProgress(0);
        uploaded.push(await api.upload(reportId, file, setProgress));
      }
      set(item.multiple ? [...files, ...uploaded] : uploaded[0]);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="file">
      {files.length > 0 && (
        <ul className="files">
          {files.map((file) => (
            <li key={file.file}>
              <span>
                {file.name} ({Math.ceil(file.size / 1024)} KB)
              </span>
              {!readOnly && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    const rest = files.filter((f) => f.file !== file.file);
                    set(item.multiple ? (rest.length ? rest : undefined) : undefined);
                  }}
                >
                  {t('field.removeFile', { name: file.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <input
        id={domIds.control(itemKey)}
        type="file"
        accept={item.accept?.join(',')}
        multiple={item.multiple}
        disabled={!uploads || readOnly || progress !== null}
        required={view.required}
        aria-invalid={invalid || undefined}
        aria-describedby={[describedBy, uploads ? '' : noteId].filter(Boolean).join(' ')}
        onChange={(e) => {
          void onFiles(e.target.files);
          e.target.value = '';
        }}
      />
      {!uploads && (
        <p className="help" id={noteId}>
          {t('field.fileUnavailable')}
        </p>
      )}
      {progress !== null && (
        <progress
          max={1}
          value={progress}
          aria-label={t('field.uploading', { percent: Math.round(progress * 100) })}
        />
      )}
      {error && (
        <p className="issue" role="alert">
          {t('field.uploadFailed', { message: error })}
        </p>
      )}
    </div>
  );
}
