import { useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { useI18n } from '../i18n/language.tsx';

function carriesFiles(event: DragEvent<HTMLElement>): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/**
 * A field to drop a credential file on (its JSON, a baked PNG or SVG badge, or a PDF certificate), around a labelled file input that works with the keyboard alone:
 * the input itself takes the focus and opens the file picker; its label is the visible button.
 */
export function CredentialDropZone({
  fileName,
  onFile,
}: {
  fileName: string | undefined;
  onFile: (file: File) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [over, setOver] = useState(false);
  // dragenter and dragleave fire for every child crossed; count them to know when the pointer really left.
  const depth = useRef(0);

  const enter = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth.current += 1;
    setOver(true);
  };
  const overZone = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const leave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  };
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    depth.current = 0;
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared, so that choosing the same file again checks it again.
    event.target.value = '';
    if (file) onFile(file);
  };

  return (
    <div
      className={`drop-zone${over ? ' drop-zone--over' : ''}`}
      onDragEnter={enter}
      onDragOver={overZone}
      onDragLeave={leave}
      onDrop={drop}
    >
      <svg className="drop-zone__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5M12 17v-6M9.5 13.5 12 11l2.5 2.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <p className="drop-zone__text">{over ? t.verify.dropHere : t.verify.dropText}</p>
      <input
        id={`${id}-file`}
        type="file"
        className="drop-zone__input"
        accept=".json,.jsonld,application/json,application/ld+json,.png,image/png,.svg,image/svg+xml,.pdf,application/pdf"
        aria-describedby={`${id}-hint`}
        onChange={choose}
      />
      <label htmlFor={`${id}-file`} className="button button--secondary drop-zone__button">
        {t.verify.chooseFile}
      </label>
      <p id={`${id}-hint`} className="field__hint drop-zone__hint">
        {t.verify.fileHint}
      </p>
      {fileName ? (
        <p className="drop-zone__file">
          {t.verify.chosenFile} <strong className="break">{fileName}</strong>
        </p>
      ) : null}
    </div>
  );
}
