import { isAdult, type TalkFigures, type TalkLabel, type WaitStats } from '../../common/schemas/talk';
import { median } from './segments';

/**
 * A pause shorter than this inside one person's speech (a breath, the end of a sentence) belongs to
 * the turn; a longer one ends it. Rowe's wait-time studies count pauses from about a second.
 */
export const TURN_GAP_MS = 700;

export interface Turn {
  label: TalkLabel;
  startMs: number;
  endMs: number;
}

/** Consecutive segments of one label, with only short pauses between them, are one turn. */
export function turnsOf(segments: { startMs: number; endMs: number; label: TalkLabel }[]): Turn[] {
  const turns: Turn[] = [];
  for (const s of [...segments].sort((a, b) => a.startMs - b.startMs)) {
    const last = turns[turns.length - 1];
    if (last && last.label === s.label && s.startMs - last.endMs < TURN_GAP_MS) last.endMs = Math.max(last.endMs, s.endMs);
    else turns.push({ label: s.label, startMs: s.startMs, endMs: s.endMs });
  }
  return turns;
}

export interface Pause {
  /** Who spoke before the pause and who after. */
  after: TalkLabel;
  before: TalkLabel;
  ms: number;
  atMs: number;
}

export function pausesOf(turns: Turn[]): Pause[] {
  return turns
    .slice(1)
    .map((t, i) => ({ after: turns[i]!.label, before: t.label, ms: t.startMs - turns[i]!.endMs, atMs: turns[i]!.endMs }));
}

function waitStats(waits: number[]): WaitStats {
  return {
    count: waits.length,
    medianMs: waits.length ? Math.round(median(waits)) : null,
    histogram: {
      under1s: waits.filter((w) => w < 1000).length,
      from1to3s: waits.filter((w) => w >= 1000 && w < 3000).length,
      from3to5s: waits.filter((w) => w >= 3000 && w < 5000).length,
      over5s: waits.filter((w) => w >= 5000).length,
    },
  };
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/**
 * The summary a teacher reads. Wait time 1 is the pause after a teacher's turn until anyone speaks
 * (after a question, the time students get to think); wait time 2 the pause after a student's turn
 * until the teacher speaks (the time the answer gets before the teacher reacts). With two adults,
 * both are the teacher here: their talk is teacher talk, and waits are measured after either's turns.
 * Turns, waits and monologues are the talk's alone: sound that is nobody's talk ("other": music, a
 * beep, a video) neither ends a wait nor splits a turn. A wait is the time the students get after
 * the teacher stops until someone speaks; music playing under a discussion fills every pause, and
 * would otherwise erase the lesson's waits (and make the figures move with the tone detector). The
 * price: a clip shown between a question and its answer reads as one long wait (over 5 s), as it
 * did when music read as silence; the teacher sees it in the histogram and on the lane.
 */
export function talkFigures(segments: { startMs: number; endMs: number; label: TalkLabel }[], durationMs: number): TalkFigures {
  const spoken = (label: TalkLabel) => segments.filter((s) => s.label === label).reduce((a, s) => a + s.endMs - s.startMs, 0);
  const coTeacher = spoken('coteacher');
  const teacher = spoken('teacher') + coTeacher;
  const student = spoken('student');
  const other = spoken('other');
  const turns = turnsOf(segments.filter((s) => s.label !== 'other'));
  const pauses = pausesOf(turns);
  return {
    teacherPct: pct(teacher, durationMs),
    coTeacherPct: pct(coTeacher, durationMs),
    studentPct: pct(student, durationMs),
    otherPct: pct(other, durationMs),
    silencePct: pct(Math.max(0, durationMs - teacher - student - other), durationMs),
    studentTurns: turns.filter((t) => t.label === 'student').length,
    waitTime1: waitStats(pauses.filter((p) => isAdult(p.after)).map((p) => p.ms)),
    waitTime2: waitStats(pauses.filter((p) => p.after === 'student' && isAdult(p.before)).map((p) => p.ms)),
    longestTeacherMonologueMs: turns.filter((t) => isAdult(t.label)).reduce((a, t) => Math.max(a, t.endMs - t.startMs), 0),
  };
}
