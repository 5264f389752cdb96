import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clip } from '../../../common/schemas/clip';
import { errorMessage } from '../lib/errors';
import { formatTimecode } from '../lib/format';
import { useClips } from '../store/clips';
import { cancelJob, retryJob, useJobs } from '../store/jobs';
import { usePlayback } from '../store/playback';
import { useToasts } from '../store/toasts';
import { useWorkspace } from '../store/workspace';
import { JobRow } from '../ui/JobRow';
import { mediaUrl } from '../lib/shell';

/** Named ranges of the lesson; nothing is re-encoded until one is exported to MP4. */
export function ClipsPanel() {
  const { t, i18n } = useTranslation();
  const { clips, add } = useClips();
  const lastRange = useWorkspace((s) => s.lastRange);
  const toast = useToasts((s) => s.show);
  const [name, setName] = useState('');
  const fmt = (ms: number) => formatTimecode(ms, i18n.language);

  return (
    <section className="clips-panel" aria-labelledby="clips-title">
      <h2 id="clips-title">{t('clips.title')}</h2>
      <form
        className="clip-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!lastRange) return;
          add({ name: name.trim() || t('clips.defaultName', { start: fmt(lastRange.startMs) }), ...lastRange })
            .then(() => setName(''))
            .catch((err: unknown) => toast('error', errorMessage(t, err)));
        }}
      >
        <p className="muted small-text">
          {lastRange ? t('clips.marked', { start: fmt(lastRange.startMs), end: fmt(lastRange.endMs) }) : t('clips.howToMark')}
        </p>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          dir="auto"
          aria-label={t('clips.name')}
          placeholder={t('clips.name')}
        />
        <button type="submit" className="primary" disabled={!lastRange}>
          {t('clips.save')}
        </button>
      </form>
      {clips.length === 0 ? <p className="muted">{t('clips.empty')}</p> : null}
      <ul className="clip-list">
        {clips.map((clip) => (
          <ClipRow key={clip.id} clip={clip} />
        ))}
      </ul>
    </section>
  );
}

function ClipRow({ clip }: { clip: Clip }) {
  const { t, i18n } = useTranslation();
  const { rename, remove, exportMp4, exports } = useClips();
  const job = useJobs((s) => (exports[clip.id] ? s.jobs[exports[clip.id]!] : undefined));
  const seek = usePlayback((s) => s.seek);
  const toast = useToasts((s) => s.show);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(clip.name);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  const range = t('notes.range', { start: formatTimecode(clip.startMs, i18n.language), end: formatTimecode(clip.endMs, i18n.language) });
  const busy = job && (job.status === 'queued' || job.status === 'running');

  return (
    <li className="clip">
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            rename(clip.id, name)
              .then(() => setEditing(false))
              .catch(fail);
          }}
        >
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
            required
            dir="auto"
            aria-label={t('clips.name')}
            autoFocus
          />
          <button type="submit" className="small primary">
            {t('clips.rename')}
          </button>
        </form>
      ) : (
        <button
          type="button"
          className="clip-seek"
          onClick={() => seek(clip.startMs)}
          aria-label={t('clips.seekTo', { name: clip.name, range })}
        >
          <span className="timecode">{range}</span> <span dir="auto">{clip.name}</span>
        </button>
      )}
      {job && busy && (
        <ul className="lesson-jobs">
          <JobRow job={job} onCancel={() => cancelJob(job.id)} onRetry={() => retryJob(job.id)} />
        </ul>
      )}
      <div className="note-actions">
        {clip.exportAssetId && !busy && (
          <a className="button small" href={mediaUrl(clip.exportAssetId)} download={`${clip.name}.mp4`}>
            {t('clips.download')}
          </a>
        )}
        <button
          type="button"
          className="small"
          disabled={busy}
          onClick={() => exportMp4(clip.id).catch(fail)}
          aria-label={t('clips.exportOf', { name: clip.name })}
        >
          {clip.exportAssetId ? t('clips.reexport') : t('clips.export')}
        </button>
        {!editing && (
          <button
            type="button"
            className="small ghost"
            onClick={() => setEditing(true)}
            aria-label={t('clips.renameOf', { name: clip.name })}
          >
            {t('clips.rename')}
          </button>
        )}
        <button
          type="button"
          className="small ghost danger"
          onClick={() => remove(clip.id).catch(fail)}
          aria-label={t('clips.deleteOf', { name: clip.name })}
        >
          {t('clips.delete')}
        </button>
      </div>
    </li>
  );
}
