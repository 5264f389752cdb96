import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenSource } from '../../../common/schemas/recording';

/** The desktop app's picker: whole screens first, then windows, each with a small picture of it. */
export function ScreenPicker({ sources, onPick, onCancel }: { sources: ScreenSource[]; onPick(id: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const groups = (['screen', 'window'] as const)
    .map((kind) => ({ kind, items: sources.filter((s) => s.kind === kind) }))
    .filter((g) => g.items.length);
  return (
    <dialog ref={dialog} className="screen-picker" aria-labelledby="screen-picker-title" onCancel={onCancel}>
      <h2 id="screen-picker-title">{t('record.pickerTitle')}</h2>
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`picker-${g.kind}`}>
          <h3 id={`picker-${g.kind}`}>{t(g.kind === 'screen' ? 'record.pickerScreens' : 'record.pickerWindows')}</h3>
          <ul className="screen-sources">
            {g.items.map((s) => (
              <li key={s.id}>
                <button type="button" className="screen-source" onClick={() => onPick(s.id)}>
                  <img src={s.thumbnail} alt="" />
                  <span dir="auto">{s.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <div className="recovery-footer">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
