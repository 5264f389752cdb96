import { useTranslation } from 'react-i18next';
import { shortcutList } from '../lib/shortcuts';
import { useModalDialog } from '../ui/useModalDialog';

/** Every shortcut of the lesson workspace, opened with `?`; Esc or the button closes it. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  return (
    <dialog ref={dialog} className="shortcut-help" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <p className="muted small-text">{t('shortcuts.typingNote')}</p>
      <dl>
        {shortcutList.map(({ keys, label }) => (
          <div key={label} className="shortcut">
            <dt dir="ltr">
              {keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
