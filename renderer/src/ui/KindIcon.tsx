import type { NoteKind } from '../../../common/schemas/note';

/** Outline paths on a 16-unit grid; drawn in currentColor so each kind's color carries over. */
const paths: Record<NoteKind, string> = {
  observation: 'M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5Zm7 2.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z',
  praise: 'M8 1.5l1.9 4 4.4.5-3.3 3 .9 4.3L8 11.1l-3.9 2.2.9-4.3-3.3-3 4.4-.5L8 1.5Z',
  question: 'M6 6a2 2 0 1 1 2.8 1.8C8.3 8 8 8.5 8 9v1M8 12.5v.5M8 15A7 7 0 1 0 8 1a7 7 0 0 0 0 14Z',
  suggestion: 'M6 13h4M6.5 15h3M8 1a4.5 4.5 0 0 0-2.5 8.2c.4.3.5.7.5 1.1V11h4v-.7c0-.4.1-.8.5-1.1A4.5 4.5 0 0 0 8 1Z',
};

/** A kind's icon; decorative, since the kind's name is always written beside it. */
export function KindIcon({ kind }: { kind: NoteKind }) {
  return (
    <svg className="kind-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={paths[kind]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
