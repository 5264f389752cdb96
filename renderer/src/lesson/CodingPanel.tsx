import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodingScheme } from '../../../common/schemas/coding';
import type { Note } from '../../../common/schemas/note';
import { errorMessage } from '../lib/errors';
import { percentAt } from '../lib/timeline';
import { activeScheme, localName, useCoding } from '../store/coding';
import { usePlayback } from '../store/playback';
import { useToasts } from '../store/toasts';
import { SchemeEditor } from './SchemeEditor';

/** The active scheme's codes: each with its key, how often it was used, and where (a strip per code). */
export function CodingPanel({ notes, durationMs, onCode }: { notes: Note[]; durationMs: number; onCode(key: number): void }) {
  const { t, i18n } = useTranslation();
  const coding = useCoding();
  const seek = usePlayback((s) => s.seek);
  const toast = useToasts((s) => s.show);
  const [editing, setEditing] = useState<CodingScheme | 'new' | null>(null);
  const scheme = activeScheme(coding);
  const byCode = useMemo(() => {
    const map = new Map<string, Note[]>();
    for (const n of notes) if (n.codeId && n.parentId === null) map.set(n.codeId, [...(map.get(n.codeId) ?? []), n]);
    return map;
  }, [notes]);

  return (
    <section className="coding-panel" aria-labelledby="coding-title">
      <div className="panel-head">
        <h2 id="coding-title">{t('coding.title')}</h2>
      </div>
      <div className="scheme-row">
        <select
          value={coding.activeSchemeId ?? ''}
          aria-label={t('coding.scheme')}
          onChange={(e) => coding.choose(e.target.value).catch((err: unknown) => toast('error', errorMessage(t, err)))}
        >
          {coding.schemes.map((s) => (
            <option key={s.id} value={s.id}>
              {localName(s, i18n.language)}
              {s.builtIn ? ` (${t('coding.builtIn')})` : ''}
            </option>
          ))}
        </select>
        {scheme && (
          <button type="button" className="small" onClick={() => setEditing(scheme)}>
            {scheme.builtIn ? t('coding.duplicate') : t('coding.edit')}
          </button>
        )}
        <button type="button" className="small" onClick={() => setEditing('new')}>
          {t('coding.new')}
        </button>
      </div>
      <p className="muted small-text">{t('coding.hint')}</p>
      <ul className="code-list">
        {scheme?.codes.map((code) => {
          const coded = byCode.get(code.id) ?? [];
          const name = localName(code, i18n.language);
          return (
            <li key={code.id} className="code-row">
              <button
                type="button"
                className="code-drop"
                onClick={() => onCode(code.key)}
                // The name starts with what the button shows (key, then name), as a person who sees it would say it.
                aria-label={t('coding.drop', { name, key: code.key })}
              >
                {/* The space keeps "5" and "Classroom management" two words for assistive tech; flex hides it. */}
                <kbd>{code.key}</kbd> <span className="swatch" style={{ backgroundColor: code.color }} aria-hidden="true" />
                <span className="code-name">{name}</span>
              </button>
              <span
                className="code-count"
                data-testid={`code-count-${code.key}`}
                aria-label={t('coding.count', { count: coded.length, name })}
              >
                {new Intl.NumberFormat(i18n.language).format(coded.length)}
              </span>
              {/* A strip is a small timeline, so it runs left to right like the big one. */}
              <div className="code-strip" dir="ltr" aria-hidden="true">
                {coded.map((n) => (
                  <span
                    key={n.id}
                    className="code-tick"
                    onClick={() => seek(n.startMs)}
                    style={{ insetInlineStart: `${percentAt(n.startMs, durationMs)}%`, backgroundColor: code.color }}
                  />
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      {editing && <SchemeEditor scheme={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  );
}
