import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibrary } from '../store/library';

export function ImportButton({ primary = false }: { primary?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const importFiles = useLibrary((s) => s.importFiles);
  return (
    <>
      <button type="button" className={primary ? 'primary' : ''} onClick={() => input.current?.click()}>
        {t('library.import')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept="video/*,.mkv,.avi,.wmv,.mts,.m2ts,.mpg,.mpeg"
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void importFiles(files);
        }}
      />
    </>
  );
}
