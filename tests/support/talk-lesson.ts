import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { locateMediaTools } from '../../core/media/tools';
import { seededRandom } from './seeded-random';

/**
 * Lessons whose talk we know: a teacher and students made of espeak-ng voices, placed on a timeline
 * with pauses of known length. The teacher is close to the microphone (loud, full range); students
 * are across the room (about 13 dB quieter, their highs gone) over a room's low rumble. A lesson
 * may have a co-teacher too: a second adult, another voice (a woman's, pitched like the students),
 * near the microphone but a step farther than the teacher. The truth is where each utterance was
 * placed, after trimming espeak's own leading and trailing silence.
 */

const run = promisify(execFile);
const RATE = 16_000;

export type Speaker = 'teacher' | 'coteacher' | 'student';

export interface TruthTurn {
  speaker: Speaker;
  /** Which student (0, 1, 2), or -1 for the teacher, -2 for the co-teacher. */
  voice: number;
  startMs: number;
  endMs: number;
  text: string;
}

export interface TalkLessonTruth {
  file: string;
  durationMs: number;
  turns: TruthTurn[];
  /** The pause after turn i, before turn i + 1. */
  pausesMs: number[];
  teacherMs: number;
  /** The co-teacher's talk (0 in a lesson without one); not part of teacherMs. */
  coTeacherMs: number;
  studentMs: number;
}

const teacherVoice = { voice: 'en-us', pitch: 35, speed: 165, db: -20 };
/** Three students: higher voices, each its own, quieter and duller than the teacher. */
const studentVoices = [
  { voice: 'en+f3', pitch: 75, speed: 170, db: -33 },
  { voice: 'en-gb+f4', pitch: 85, speed: 160, db: -34 },
  { voice: 'en+m4', pitch: 70, speed: 175, db: -32 },
];
/** The second adult: near the microphone too (full range), 6 dB under the teacher, a higher voice. */
const coTeacherVoice = { voice: 'en-us+f2', pitch: 60, speed: 170, db: -26 };
const ROOM_NOISE_DB = -52;
/** How fast espeak-ng speaks these voices, trimmed, to plan a lesson of about the wanted length. */
const CHARS_PER_SECOND = 16.5;

const teacherLines = [
  'Good morning everyone. Today we are going to look at fractions, and how we add them together.',
  'What is one half plus one quarter?',
  'Think about a pizza cut into four equal pieces. How many pieces make one half?',
  'That is right. Now, who can tell me why we need a common denominator?',
  'Let us write that on the board. Two quarters plus one quarter makes three quarters.',
  'Can someone explain it in their own words?',
  'Very good. Now I want you to try the next one with your partner.',
  'Which is bigger, two thirds or three fifths? Take your time before you answer.',
  'Interesting. How did you decide?',
  'Let us check that together by drawing both fractions as bars of the same length.',
  'What happens if the denominators are the same?',
  'Exactly. When the pieces are the same size, we only compare how many pieces we have.',
];
const coTeacherLines = [
  'Remember to look at the bottom numbers first.',
  'I will come round to the tables at the back. Show me your working.',
  'Use the fraction strips on your desk if that helps you.',
  'Listen carefully, this is the part we practised yesterday.',
  'Write your answer on the mini whiteboard and hold it up when I say.',
];
const studentLines = [
  'Three quarters.',
  'Two pieces.',
  'Because the pieces have to be the same size.',
  'You change them so they have the same bottom number.',
  'Two thirds is bigger.',
  'I made them both into fifteenths.',
  'Then you just look at the top numbers.',
  'Is it five sixths?',
];

/** Speaks one line to 16 kHz mono floats, silence trimmed off both ends, at the given loudness. */
async function speak(dir: string, line: string, v: { voice: string; pitch: number; speed: number; db: number }, far: boolean, n: number) {
  const wav = path.join(dir, `u${n}.wav`);
  const raw = path.join(dir, `u${n}.raw`);
  await run('espeak-ng', ['-v', v.voice, '-p', String(v.pitch), '-s', String(v.speed), '-w', wav, line]);
  const distance = far ? ['highpass', '150', 'lowpass', '2800'] : [];
  await run('sox', [
    wav,
    '-r',
    String(RATE),
    '-c',
    '1',
    '-b',
    '16',
    '-e',
    'signed-integer',
    raw,
    'silence',
    '1',
    '0.02',
    '0.5%',
    'reverse',
    'silence',
    '1',
    '0.02',
    '0.5%',
    'reverse',
    ...distance,
  ]);
  const bytes = await fs.readFile(raw);
  const samples = new Float32Array(bytes.length / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2) / 32768;
  let sum = 0;
  for (const s of samples) sum += s * s;
  const gain = 10 ** (v.db / 20) / Math.sqrt(sum / samples.length);
  for (let i = 0; i < samples.length; i++) samples[i] = samples[i]! * gain;
  await Promise.all([fs.rm(wav), fs.rm(raw)]);
  return samples;
}

async function writeWav(file: string, samples: Float32Array): Promise<void> {
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  await fs.writeFile(file, Buffer.concat([header, data]));
}

/** A room's low rumble: leaky-integrated white noise (brown), at `db` RMS. */
function addRoomNoise(samples: Float32Array, db: number, next: () => number): void {
  const noise = new Float32Array(samples.length);
  let level = 0;
  let sum = 0;
  for (let i = 0; i < noise.length; i++) {
    level = 0.98 * level + (next() * 2 - 1);
    noise[i] = level;
    sum += level * level;
  }
  const gain = 10 ** (db / 20) / Math.sqrt(sum / noise.length || 1);
  for (let i = 0; i < samples.length; i++) samples[i] = samples[i]! + noise[i]! * gain;
}

export interface TalkLessonOptions {
  name?: string;
  /** About how long the lesson runs; turns are added until it is reached. */
  seconds: number;
  seed?: number;
  /** A co-teacher takes about a third of the adult turns. */
  coTeacher?: boolean;
}

/**
 * The lesson: the teacher speaks, waits 1 to 4 s, a student answers, the teacher waits 1 to 3 s and
 * speaks again; now and then nobody answers and the teacher goes on after a longer wait.
 */
export async function makeTalkLesson(dir: string, opts: TalkLessonOptions): Promise<TalkLessonTruth> {
  const next = seededRandom(opts.seed ?? 17);
  const work = await fs.mkdtemp(path.join(dir, 'speak-'));
  const lead = 1.5;
  const plan: { speaker: Speaker; voice: number; text: string; pauseAfter: number }[] = [];
  let estimate = lead;
  let t = 0;
  let c = 0;
  let s = 0;
  while (estimate < opts.seconds - 4) {
    const co = opts.coTeacher === true && next() < 0.35;
    const text = co ? coTeacherLines[c++ % coTeacherLines.length]! : teacherLines[t++ % teacherLines.length]!;
    const answered = next() < 0.8;
    const wait1 = answered ? 1 + next() * 3 : 2.5 + next() * 3;
    plan.push({ speaker: co ? 'coteacher' : 'teacher', voice: co ? -2 : -1, text, pauseAfter: wait1 });
    estimate += text.length / CHARS_PER_SECOND + wait1;
    if (answered) {
      const wait2 = 1 + next() * 2;
      const student = Math.floor(next() * studentVoices.length);
      const answer = studentLines[s++ % studentLines.length]!;
      plan.push({ speaker: 'student', voice: student, text: answer, pauseAfter: wait2 });
      estimate += answer.length / CHARS_PER_SECOND + wait2;
    }
  }
  plan[plan.length - 1]!.pauseAfter = 2;

  const voiceOf = (p: (typeof plan)[number]) =>
    p.speaker === 'teacher' ? teacherVoice : p.speaker === 'coteacher' ? coTeacherVoice : studentVoices[p.voice]!;
  const voices = await Promise.all(plan.map((p, n) => speak(work, p.text, voiceOf(p), p.speaker === 'student', n)));
  const total = Math.ceil((lead + plan.reduce((a, p, n) => a + voices[n]!.length / RATE + p.pauseAfter, 0)) * RATE);
  const mix = new Float32Array(total);
  const turns: TruthTurn[] = [];
  const pausesMs: number[] = [];
  let at = Math.round(lead * RATE);
  plan.forEach((p, n) => {
    const v = voices[n]!;
    mix.set(v, at);
    turns.push({ speaker: p.speaker, voice: p.voice, startMs: (at / RATE) * 1000, endMs: ((at + v.length) / RATE) * 1000, text: p.text });
    const pause = Math.round(p.pauseAfter * RATE);
    if (n < plan.length - 1) pausesMs.push((pause / RATE) * 1000);
    at += v.length + pause;
  });
  addRoomNoise(mix, ROOM_NOISE_DB, next);
  const file = path.join(dir, opts.name ?? 'talk-lesson.wav');
  await writeWav(file, mix);
  await fs.rm(work, { recursive: true, force: true });
  const spoken = (who: Speaker) => turns.filter((x) => x.speaker === who).reduce((a, x) => a + x.endMs - x.startMs, 0);
  return {
    file,
    durationMs: (total / RATE) * 1000,
    turns,
    pausesMs,
    teacherMs: spoken('teacher'),
    coTeacherMs: spoken('coteacher'),
    studentMs: spoken('student'),
  };
}

const ffmpegArgs = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i'];

/** A classroom with nobody speaking: pink noise (fans, traffic) at a steady level. */
export async function makeNoiseLesson(dir: string, seconds: number): Promise<string> {
  const file = path.join(dir, 'noise.wav');
  await run(locateMediaTools().ffmpeg, [
    ...ffmpegArgs,
    `anoisesrc=color=pink:amplitude=0.05:duration=${seconds}:sample_rate=${RATE}`,
    file,
  ]);
  return file;
}

/** Music: three-note chords (C, F, G major, with overtones) changing every two seconds. */
export async function makeMusicLesson(dir: string, seconds: number): Promise<string> {
  const file = path.join(dir, 'music.wav');
  const root = 'if(eq(mod(floor(t/2),3),0),261.63,if(eq(mod(floor(t/2),3),1),349.23,392.0))';
  const note = (ratio: string) => `(sin(2*PI*${root}*${ratio}*t)+0.5*sin(4*PI*${root}*${ratio}*t)+0.25*sin(6*PI*${root}*${ratio}*t))`;
  const expr = `0.08*(${note('1')}+${note('1.25992')}+${note('1.49831')})`;
  // Commas separate filters in a filter graph; inside the expression they are escaped.
  await run(locateMediaTools().ffmpeg, [...ffmpegArgs, `aevalsrc=${expr.replace(/,/g, '\\,')}:s=${RATE}:d=${seconds}`, file]);
  return file;
}

/**
 * A lesson that opens with music before the talk: sox plays plucked chords (C, F and G major, each
 * dying away before the next) for `musicSeconds`, then the talk lesson follows. The truth moves by
 * the music's length; the music itself is nobody's talk.
 */
export async function makeLessonAfterMusic(dir: string, talk: TalkLessonTruth, musicSeconds: number): Promise<TalkLessonTruth> {
  const music = path.join(dir, 'chords.wav');
  const chord = (notes: string[], from: number) => [
    '|sox',
    '-n',
    '-r',
    String(RATE),
    '-c',
    '1',
    '-p',
    'synth',
    String(musicSeconds / 3),
    ...notes.flatMap((n) => ['pluck', n]),
    'delay',
    String(from),
    'gain',
    '-4',
  ];
  const third = musicSeconds / 3;
  await run('sox', [
    '-m',
    chord(['C4', 'E4', 'G4'], 0).join(' '),
    chord(['F4', 'A4', 'C5'], third).join(' '),
    chord(['G4', 'B4', 'D5'], 2 * third).join(' '),
    '-r',
    String(RATE),
    '-c',
    '1',
    '-b',
    '16',
    music,
    'trim',
    '0',
    String(musicSeconds),
  ]);
  const file = path.join(dir, 'music-then-talk.wav');
  await run('sox', [music, talk.file, file]);
  await fs.rm(music);
  const shift = musicSeconds * 1000;
  return {
    ...talk,
    file,
    durationMs: talk.durationMs + shift,
    turns: talk.turns.map((t) => ({ ...t, startMs: t.startMs + shift, endMs: t.endMs + shift })),
  };
}

export interface TalkScore {
  teacherErrorPts: number;
  studentErrorPts: number;
  /** |measured − true| for each pause between turns, ms. */
  pauseErrorsMs: number[];
  /** True turns heard for at least half their length with the right label. */
  turnsFound: number;
  turnsTrue: number;
}

/** How far an analysis is from the truth, in the terms of issue 17's benchmark. */
export function scoreTalk(
  truth: TalkLessonTruth,
  segments: { startMs: number; endMs: number; label: string }[],
  figures: { teacherPct: number; studentPct: number },
  turns: { startMs: number; endMs: number }[],
): TalkScore {
  const pctOf = (ms: number) => (ms / truth.durationMs) * 100;
  const overlap = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }) =>
    Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs));
  const match = truth.turns.map((t) => turns.reduce((best, f) => (overlap(f, t) > overlap(best, t) ? f : best)));
  const found = truth.turns.filter((t) => {
    const heard = segments.filter((s) => s.label === t.speaker).reduce((a, s) => a + overlap(s, t), 0);
    return heard * 2 >= t.endMs - t.startMs;
  });
  return {
    teacherErrorPts: Math.abs(figures.teacherPct - pctOf(truth.teacherMs)),
    studentErrorPts: Math.abs(figures.studentPct - pctOf(truth.studentMs)),
    pauseErrorsMs: truth.pausesMs.map((pause, i) => Math.abs(match[i + 1]!.startMs - match[i]!.endMs - pause)),
    turnsFound: found.length,
    turnsTrue: truth.turns.length,
  };
}
