import { z } from 'zod';
import { idSchema } from './ids';
import { noteKinds } from './note';

const label = z.string().max(300);

/** The words of the talk analysis in an export: a name for each band and for a figure row. */
export const talkExportLabelsSchema = z
  .object({
    teacher: label,
    student: label,
    other: label,
    figure: label,
    /** The teacher's word when absent. */ coteacher: label.optional(),
  })
  .strict();
export type TalkExportLabels = z.infer<typeof talkExportLabelsSchema>;

/**
 * The words a notes export is written in, translated by the UI: the core writes no text of its own.
 * `reply` holds `{author}` and `{time}` for the core to fill in.
 */
export const noteExportLabelsSchema = z
  .object({
    kinds: z.object(Object.fromEntries(noteKinds.map((k) => [k, label])) as Record<(typeof noteKinds)[number], typeof label>).strict(),
    reply: label,
    reflection: label,
    wentWell: label,
    wouldChange: label,
    feedbackWanted: label,
    /** Needed only when the talk analysis is included. */
    talk: talkExportLabelsSchema.optional(),
  })
  .strict();
export type NoteExportLabels = z.infer<typeof noteExportLabelsSchema>;

/** What goes into a notes export besides the notes the lesson shows everyone. */
export const noteExportPartsSchema = z
  .object({
    replies: z.boolean().default(true),
    reflection: z.boolean().default(true),
    /** On the teacher's own lesson notes are private by default, so they are in unless left out. */
    privateNotes: z.boolean().default(true),
    /** The talk analysis is private: it goes into an export only when the teacher ticks it. */
    talk: z.boolean().default(false),
  })
  .strict();
export type NoteExportParts = z.infer<typeof noteExportPartsSchema>;

export const noteExportSchema = z.object({
  lessonId: idSchema,
  format: z.enum(['vtt', 'csv']),
  /** The UI's language: built-in code names and dates follow it. */
  language: z.string().min(2).max(35),
  labels: noteExportLabelsSchema,
  include: noteExportPartsSchema.prefault({}),
});

/** The talk analysis as a WebVTT track of its own: one cue per turn, named in the UI's language. */
export const talkVttSchema = z.object({ lessonId: idSchema, labels: talkExportLabelsSchema }).strict();

/** A text document for the UI to hand to the person as a download. */
export const exportFileSchema = z.object({ fileName: z.string(), mime: z.string(), text: z.string() });
