import type { TFunction } from 'i18next';
import type { NoteExportLabels } from '../../../common/schemas/export';
import { noteKinds } from '../../../common/schemas/note';

/** The words of a notes export, in the language the studio speaks; `{author}` and `{time}` the core fills in. */
export function noteExportLabels(t: TFunction): NoteExportLabels {
  return {
    kinds: Object.fromEntries(noteKinds.map((k) => [k, t(`notes.kinds.${k}`)])) as NoteExportLabels['kinds'],
    reply: t('notesExport.replyHeading', { author: '{author}', time: '{time}' }),
    reflection: t('reflection.title'),
    wentWell: t('reflection.wentWell'),
    wouldChange: t('reflection.wouldChange'),
    feedbackWanted: t('reflection.feedbackWanted'),
    talk: {
      teacher: t('talk.labels.teacher'),
      coteacher: t('talk.labels.coteacher'),
      student: t('talk.labels.student'),
      other: t('talk.labels.other'),
      figure: t('talk.figureRow'),
    },
  };
}
