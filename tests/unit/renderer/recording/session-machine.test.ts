import { describe, expect, it } from 'vitest';
import {
  countdownTick,
  limitMs,
  limitReached,
  stopNotice,
  transition,
  type Phase,
  type SessionEvent,
} from '../../../../renderer/src/recording/session-machine';

const run = (events: SessionEvent[], from: Phase = 'setup') =>
  events.reduce<Phase>((phase, event) => transition(phase, event) ?? phase, from);

describe('the recording session machine', () => {
  it('goes from set-up through countdown, recording and pauses to stopping and back', () => {
    expect(run(['begin'])).toBe('countdown');
    expect(run(['begin', 'started'])).toBe('recording');
    expect(run(['begin', 'started', 'pause'])).toBe('paused');
    expect(run(['begin', 'started', 'pause', 'resume'])).toBe('recording');
    expect(run(['begin', 'started', 'pause', 'stop'])).toBe('stopping');
    expect(run(['begin', 'started', 'stop', 'stopped'])).toBe('setup');
  });

  it('returns to the set-up when the countdown is cancelled or the start fails', () => {
    expect(transition('countdown', 'cancel')).toBe('setup');
    expect(transition('countdown', 'failed')).toBe('setup');
  });

  it('ignores events that mean nothing in a phase', () => {
    expect(transition('setup', 'stop')).toBeNull();
    expect(transition('setup', 'started')).toBeNull();
    expect(transition('countdown', 'begin')).toBeNull();
    expect(transition('recording', 'resume')).toBeNull();
    expect(transition('paused', 'pause')).toBeNull();
    expect(transition('stopping', 'stop')).toBeNull();
    expect(transition('stopping', 'pause')).toBeNull();
  });

  it('counts down to the start', () => {
    expect(countdownTick(3)).toBe(2);
    expect(countdownTick(2)).toBe(1);
    expect(countdownTick(1)).toBeNull();
  });

  it('stops at the limit, and never when there is none', () => {
    expect(limitMs(0)).toBeNull();
    expect(limitMs(15)).toBe(900_000);
    expect(limitReached(899_999, 900_000)).toBe(false);
    expect(limitReached(900_000, 900_000)).toBe(true);
    expect(limitReached(10 ** 9, null)).toBe(false);
  });

  it('explains a stop the person did not ask for', () => {
    expect(stopNotice('user')).toBeNull();
    expect(stopNotice('failed')).toBeNull();
    expect(stopNotice('limit')).toEqual({ kind: 'info', key: 'record.stoppedBy.limit' });
    expect(stopNotice('screen_ended')).toEqual({ kind: 'info', key: 'record.stoppedBy.screen_ended' });
    expect(stopNotice('device_lost')).toEqual({ kind: 'error', key: 'record.stoppedBy.device_lost' });
  });
});
