import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../common/contract';
import type { Lesson } from '../../../common/schemas/lesson';
import { noteKinds, type Note } from '../../../common/schemas/note';
import type { Reflection } from '../../../common/schemas/reflection';
import { KindIcon } from '../ui/KindIcon';
import { withBdi } from '../lib/bidi';
import { errorMessage } from '../lib/errors';
import { formatDate, formatTimecode } from '../lib/format';
import { assetOf, loadSprite, spriteTile, type Sprite } from '../lib/media-json';
import { codesById, localName } from '../store/coding';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { codingActions, noteActions, reflectionActions } from './actions';
import { lessonActions } from '../library/actions';
import { savePdf as savePdfInShell } from '../lib/shell';
import { ReportTalk } from '../talk/ReportTalk';

const reflectionPrompts = ['wentWell', 'wouldChange', 'feedbackWanted'] as const;

interface ReportData {
  lesson: Lesson;
  notes: Note[];
  coding: CallOutput<'coding.list'>;
  reflection: Reflection;
  sprite: Sprite | null;
}

/**
 * A feedback report made for paper: the teacher's reflection (what they want feedback on included),
 * then the lesson's noted moments (with a frame of each) grouped by kind, replies under each. Print styles drop the app around it, so the browser's "Save as PDF" gives a clean document.
 */
export function ReportScreen({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const go = useRoute((s) => s.go);
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const toast = useToasts((s) => s.show);
  const savePdf = async () => {
    setSaving(true);
    try {
      const result = await savePdfInShell!(data?.lesson.title ?? '');
      if (result.saved) toast('info', t('report.saved'));
      else if (result.error) toast('error', t(`errors.${result.error}`));
    } finally {
      setSaving(false);
    }
  };

  useEffect(() => {
    let live = true;
    (async () => {
      const [lesson, notes, coding, reflection] = await Promise.all([
        lessonActions.get({ id }),
        noteActions.list({ lessonId: id }),
        codingActions.list({ lessonId: id }),
        reflectionActions.get({ lessonId: id }),
      ]);
      const indexId = assetOf(lesson, 'sprite_index');
      const imageId = assetOf(lesson, 'sprite');
      const sprite = indexId && imageId ? await loadSprite(indexId, imageId) : null;
      if (live) setData({ lesson, notes, coding, reflection, sprite });
    })().catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [id]);

  if (error) return <p className="error-text">{errorMessage(t, error)}</p>;
  if (!data) return <p className="muted">{t('common.loading')}</p>;

  const { lesson, notes, coding, reflection, sprite } = data;
  const answered = reflectionPrompts.filter((p) => reflection[p].trim());
  const codes = codesById(coding.schemes);
  const top = notes.filter((n) => n.parentId === null);
  const replies = (n: Note) => notes.filter((r) => r.parentId === n.id);
  const fmt = (ms: number) => formatTimecode(ms, i18n.language);
  const num = new Intl.NumberFormat(i18n.language);

  return (
    <article className="report" aria-labelledby="report-title">
      <div className="report-actions">
        <button type="button" className="ghost" onClick={() => go({ name: 'lesson', id })}>
          <span className="flip-rtl" aria-hidden="true">
            ←
          </span>{' '}
          {t('report.back')}
        </button>
        <span className="spacer" />
        {/* The desktop app writes the PDF itself; in a browser, its print dialog offers "Save as PDF". */}
        {savePdfInShell ? (
          <>
            <button type="button" onClick={() => window.print()}>
              {t('report.printOnly')}
            </button>
            <button type="button" className="primary" disabled={saving} onClick={() => void savePdf()}>
              {t('report.savePdf')}
            </button>
          </>
        ) : (
          <button type="button" className="primary" onClick={() => window.print()}>
            {t('report.print')}
          </button>
        )}
      </div>
      <header className="report-head">
        <p className="muted">{t('report.kicker')}</p>
        <h1 id="report-title" dir="auto">
          {lesson.title}
        </h1>
        <p className="muted">
          {[
            lesson.subject,
            lesson.grade,
            lesson.durationMs !== null ? fmt(lesson.durationMs) : '',
            formatDate(lesson.createdAt, i18n.language),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <ul className="report-summary">
          {noteKinds.map((k) => (
            <li key={k} className={`kind-${k}`}>
              <KindIcon kind={k} /> {t(`notes.kinds.${k}`)}: {num.format(top.filter((n) => n.kind === k).length)}
            </li>
          ))}
        </ul>
      </header>
      {answered.length > 0 && (
        <section className="report-group" aria-labelledby="report-reflection">
          <h2 id="report-reflection">{t('reflection.title')}</h2>
          <dl className="report-reflection">
            {answered.map((p) => (
              <div key={p}>
                <dt>{t(`reflection.${p}`)}</dt>
                <dd className="note-text" dir="auto">
                  {reflection[p]}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <ReportTalk lessonId={id} />
      {top.length === 0 && <p className="muted">{t('report.empty')}</p>}
      {noteKinds.map((kind) => {
        const group = top.filter((n) => n.kind === kind);
        if (group.length === 0) return null;
        return (
          <section key={kind} className="report-group" aria-labelledby={`report-${kind}`}>
            <h2 id={`report-${kind}`} className={`kind-${kind}`}>
              <KindIcon kind={kind} /> {t(`notes.kinds.${kind}`)}
            </h2>
            <ol className="report-notes">
              {group.map((n) => {
                const code = n.codeId ? codes.get(n.codeId) : undefined;
                const tile = sprite && spriteTile(sprite, n.startMs);
                return (
                  <li key={n.id} className="report-note">
                    {sprite && tile && (
                      <div
                        className="report-frame"
                        role="img"
                        aria-label={t('report.frameAt', { time: fmt(n.startMs) })}
                        style={{
                          inlineSize: `${sprite.index.tileWidth}px`,
                          blockSize: `${sprite.index.tileHeight}px`,
                          backgroundImage: `url("${sprite.url}")`,
                          backgroundPosition: `${tile.x}px ${tile.y}px`,
                        }}
                      />
                    )}
                    <div>
                      <p className="report-when">
                        <span className="timecode">
                          {n.endMs !== null ? t('notes.range', { start: fmt(n.startMs), end: fmt(n.endMs) }) : fmt(n.startMs)}
                        </span>
                        {code && <span className="code-chip">{localName(code, i18n.language)}</span>}
                        {n.authorName && <bdi className="muted small-text">{n.authorName}</bdi>}
                      </p>
                      {n.text && (
                        <p className="note-text" dir="auto">
                          {n.text}
                        </p>
                      )}
                      {replies(n).map((r) => (
                        <div key={r.id} className="report-reply">
                          <p className="muted small-text">
                            {r.authorName
                              ? withBdi(
                                  t,
                                  'notesExport.replyHeading',
                                  { author: r.authorName },
                                  { time: formatDate(r.createdAt, i18n.language) },
                                )
                              : formatDate(r.createdAt, i18n.language)}
                          </p>
                          <p className="note-text" dir="auto">
                            {r.text}
                          </p>
                        </div>
                      ))}
                    </div>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
    </article>
  );
}
