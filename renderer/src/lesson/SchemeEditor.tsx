import { useTranslation } from 'react-i18next';
import type { CodingScheme } from '../../../common/schemas/coding';
import { useDraftText } from '../lib/draft-text';
import { errorMessage } from '../lib/errors';
import { localName, useCoding } from '../store/coding';
import { useToasts } from '../store/toasts';
import { askConfirm } from '../store/confirm';
import { DraftNotice } from '../ui/DraftNotice';
import { useModalDialog } from '../ui/useModalDialog';

interface DraftCode {
  id?: string;
  name: string;
  color: string;
  key: number;
}

const PALETTE = ['#2563eb', '#0d9488', '#16a34a', '#9333ea', '#dc2626', '#d97706', '#db2777', '#4b5563', '#0891b2'];

/**
 * Creates or edits a user-made coding scheme. The built-in scheme cannot change, so "editing" it
 * starts a copy.
 */
export function SchemeEditor({ scheme, onClose }: { scheme: CodingScheme | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { save, remove, choose } = useCoding();
  const toast = useToasts((s) => s.show);
  const dialog = useModalDialog();
  const copy = scheme?.builtIn ?? false;
  // What is typed outlives this dialog (a sync that reloads the schemes): see draft-text.ts.
  const typed = useDraftText<{ name: string; codes: DraftCode[] }>(
    `scheme:${scheme ? (copy ? `copy-of:${scheme.id}` : scheme.id) : 'new'}`,
    {
      name: scheme ? (copy ? t('coding.copyOf', { name: localName(scheme, i18n.language) }) : scheme.name) : '',
      codes: scheme
        ? scheme.codes.map((c) => ({ ...(copy ? {} : { id: c.id }), name: localName(c, i18n.language), color: c.color, key: c.key }))
        : [{ name: '', color: PALETTE[0]!, key: 1 }],
    },
  );
  const { name, codes } = typed.value;
  const setName = (next: string) => typed.set({ name: next, codes });
  const setCodes = (next: DraftCode[]) => typed.set({ name, codes: next });
  const close = () => {
    typed.discard();
    onClose();
  };

  const freeKey = () => [1, 2, 3, 4, 5, 6, 7, 8, 9].find((k) => !codes.some((c) => c.key === k));
  const update = (i: number, patch: Partial<DraftCode>) => setCodes(codes.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const fail = (err: unknown) => toast('error', errorMessage(t, err));

  return (
    <dialog ref={dialog} className="scheme-editor" aria-labelledby="scheme-editor-title" onCancel={() => typed.discard()} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          save({ ...(scheme && !copy ? { id: scheme.id } : {}), name, codes })
            .then((saved) => choose(saved.id))
            .then(close)
            .catch(fail);
        }}
      >
        <h2 id="scheme-editor-title">{scheme && !copy ? t('coding.editTitle') : t('coding.newTitle')}</h2>
        <DraftNotice draft={typed} />
        <label className="field">
          <span>{t('coding.schemeName')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} dir="auto" />
        </label>
        <table className="codes-table">
          <thead>
            <tr>
              <th scope="col">{t('coding.key')}</th>
              <th scope="col">{t('coding.codeName')}</th>
              <th scope="col">{t('coding.color')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('coding.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {codes.map((c, i) => (
              <tr key={i}>
                <td>
                  <select
                    value={c.key}
                    aria-label={t('coding.keyOf', { n: i + 1 })}
                    onChange={(e) => update(i, { key: Number(e.target.value) })}
                  >
                    {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => (
                      <option key={k} value={k} disabled={k !== c.key && codes.some((o) => o.key === k)}>
                        {k}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    value={c.name}
                    required
                    maxLength={60}
                    dir="auto"
                    aria-label={t('coding.nameOf', { n: i + 1 })}
                    onChange={(e) => update(i, { name: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="color"
                    value={c.color}
                    aria-label={t('coding.colorOf', { n: i + 1 })}
                    onChange={(e) => update(i, { color: e.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="small ghost danger"
                    disabled={codes.length === 1}
                    onClick={() => setCodes(codes.filter((_, j) => j !== i))}
                    aria-label={t('coding.removeOf', { n: i + 1 })}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="small"
          disabled={codes.length >= 9}
          onClick={() => setCodes([...codes, { name: '', color: PALETTE[codes.length % PALETTE.length]!, key: freeKey()! }])}
        >
          {t('coding.addCode')}
        </button>
        <div className="dialog-actions">
          {scheme && !copy && (
            <button
              type="button"
              className="ghost danger"
              onClick={async () => {
                if (await askConfirm({ message: t('coding.confirmDelete', { name: scheme.name }), confirmLabel: t('coding.delete') }))
                  remove(scheme.id).then(close).catch(fail);
              }}
            >
              {t('coding.delete')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('coding.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
