import { useState } from 'react';
import { ApiError } from '../../api/api-error.ts';
import type { UploadedFile } from '../../api/types.ts';
import { collabApi } from '../collab-api.ts';
import type { FieldProps } from '../item-node.tsx';
import { domIds, useReport } from '../report-context.tsx';
import { useAnswerField } from './use-answer-field.ts';

function isFile(value: unknown): value is UploadedFile {
  return value !== null && typeof value === 'object' && 'file' in value && 'name' in value;
}

/** A size in words: `850 B`, `12 KB`, `3.4 MB`. */
function sizeText(bytes: number, lang: string): string {
  const format = (value: number, unit: string) =>
    `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value)} ${unit}`;
  if (bytes < 1024) return format(bytes, 'B');
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
  return format(bytes / (1024 * 1024), 'MB');
}

/**
 * An upload control for a file question: uploads to `POST /api/reports/:id/files` with a progress bar,
 * then saves the answer; lists each file with its size, a download link and a remove button. Disabled
 * with a note when the server has no uploads.
 */
export function FileField({ item, itemKey, templateKey, view, describedBy, invalid }: FieldProps) {
  const { t, uploads, reportId, lang } = useReport();
  const { value, set, readOnly } = useAnswerField(itemKey);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  if (item.type !== 'file') return null;
  const files = Array.isArray(value) ? value.filter(isFile) : isFile(value) ? [value] : [];
  const noteId = `file-note-${itemKey}`;
  const limitId = `file-limit-${itemKey}`;

  const onFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setError(null);
    const uploaded: UploadedFile[] = [];
    try {
      for (const file of Array.from(list)) {
        setProgress(0);
        setAnnounce(t('field.uploading', { percent: 0 }));
        uploaded.push(await collabApi.upload(reportId, templateKey, file, setProgress));
      }
      set(item.multiple ? [...files, ...uploaded] : uploaded[0]);
      setAnnounce(t('collab.uploaded', { name: uploaded.map((file) => file.name).join(', ') }));
    } catch (failure) {
      const offline = failure instanceof ApiError && failure.status === 0;
      const message = failure instanceof Error ? failure.message : String(failure);
      setError(offline ? t('collab.uploadOffline') : t('field.uploadFailed', { message }));
      setAnnounce('');
    } finally {
      setProgress(null);
    }
  };

  const limits = [
    item.accept?.length ? t('collab.fileTypes', { types: item.accept.join(', ') }) : '',
    item.maxSizeMB ? t('collab.fileMax', { size: sizeText(item.maxSizeMB * 1024 * 1024, lang) }) : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="file">
      {files.length > 0 && (
        <ul className="files">
          {files.map((file) => (
            <li key={file.file}>
              <a href={collabApi.fileUrl(reportId, file.file)} download={file.name}>
                {file.name}
              </a>{' '}
              <span className="file-size">({sizeText(file.size, lang)})</span>
              {!readOnly && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    const rest = files.filter((f) => f.file !== file.file);
                    set(item.multiple ? (rest.length ? rest : undefined) : undefined);
                    setAnnounce(t('collab.removed', { name: file.name }));
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
        required={view.required && files.length === 0}
        aria-invalid={invalid || undefined}
        aria-describedby={[describedBy, limits ? limitId : '', uploads ? '' : noteId]
          .filter(Boolean)
          .join(' ')}
        onChange={(e) => {
          void onFiles(e.target.files);
          e.target.value = '';
        }}
      />
      {!readOnly && limits && (
        <p className="help" id={limitId}>
          {limits}
        </p>
      )}
      {!uploads && !readOnly && (
        <p className="help" id={noteId}>
          {t('field.fileUnavailable')}
        </p>
      )}
      {progress !== null && (
        <progress
          className="upload-progress"
          max={1}
          value={progress}
          aria-label={t('field.uploading', { percent: Math.round(progress * 100) })}
        />
      )}
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      {error && (
        <p className="issue" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
