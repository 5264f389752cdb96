import { afterEach, describe, expect, it, vi } from 'vitest';
import { PullGate } from '../../../hub/sync/pull-gate';

/** A piece of work that runs until `finish` is called, noting when it started. */
function held(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      log.push(`${name} starts`);
      await done;
      log.push(`${name} ends`);
      return name;
    },
    finish: () => finish(),
  };
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('pull gate', () => {
  afterEach(() => vi.useRealTimers());

  it('reads a page at once when no push is being applied, two at a time', async () => {
    const gate = new PullGate();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => held(log, n));
    const pages = [gate.page(a!.work), gate.page(b!.work), gate.page(c!.work)];
    await settle();
    expect(log).toEqual(['a starts', 'b starts']);
    a!.finish();
    await settle();
    expect(log).toEqual(['a starts', 'b starts', 'a ends', 'c starts']);
    b!.finish();
    c!.finish();
    expect(await Promise.all(pages)).toEqual(['a', 'b', 'c']);
  });

  it('holds pages back while pushes are applied, and lets them go when the last one ends', async () => {
    const gate = new PullGate();
    const log: string[] = [];
    const [one, two, page] = ['push 1', 'push 2', 'page'].map((n) => held(log, n));
    const pushes = [gate.push(one!.work), gate.push(two!.work)];
    const read = gate.page(page!.work);
    await settle();
    expect(log).toEqual(['push 1 starts', 'push 2 starts']);
    one!.finish();
    await settle();
    expect(log).not.toContain('page starts');
    two!.finish();
    await settle();
    expect(log.slice(-2)).toEqual(['push 2 ends', 'page starts']);
    page!.finish();
    expect(await read).toBe('page');
    expect(await Promise.all(pushes)).toEqual(['push 1', 'push 2']);
  });

  it('does not hold a waiting page back for pushes that came after it', async () => {
    const gate = new PullGate();
    const log: string[] = [];
    const [early, late, page] = ['early push', 'late push', 'page'].map((n) => held(log, n));
    const pushes = [gate.push(early!.work)];
    const read = gate.page(page!.work);
    await settle();
    pushes.push(gate.push(late!.work));
    early!.finish();
    await settle();
    expect(log).toEqual(['early push starts', 'late push starts', 'early push ends', 'page starts']);
    late!.finish();
    page!.finish();
    expect(await read).toBe('page');
    expect(await Promise.all(pushes)).toEqual(['early push', 'late push']);
  });

  it('reads a page after a second when a push takes longer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const gate = new PullGate();
    const log: string[] = [];
    const push = held(log, 'push');
    const page = held(log, 'page');
    const pushed = gate.push(push.work);
    const read = gate.page(page.work);
    await settle();
    vi.advanceTimersByTime(999);
    await settle();
    expect(log).toEqual(['push starts']);
    vi.advanceTimersByTime(1);
    await settle();
    expect(log).toEqual(['push starts', 'page starts']);
    page.finish();
    push.finish();
    expect([await read, await pushed]).toEqual(['page', 'push']);
  });

  it('lets a page go when a push fails, and hands the failure to its caller', async () => {
    const gate = new PullGate();
    const log: string[] = [];
    const page = held(log, 'page');
    const failed = gate.push(async () => {
      await settle();
      throw new Error('deadlock');
    });
    const read = gate.page(page.work);
    await expect(failed).rejects.toThrow('deadlock');
    await settle();
    expect(log).toEqual(['page starts']);
    page.finish();
    expect(await read).toBe('page');
  });
});
