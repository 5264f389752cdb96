import { describe, expect, it } from 'vitest';
import { CoreEvents } from '../../../core/app/events';

describe('the core events between domains', () => {
  it('reaches every listener of that event, in order, until it stops listening', () => {
    const events = new CoreEvents();
    const heard: string[] = [];
    const stop = events.on('collections.pulled', ({ ids }) => heard.push(`a:${ids.join()}`));
    events.on('collections.pulled', ({ ids }) => heard.push(`b:${ids.join()}`));
    events.on('review.pulled', () => heard.push('review'));
    events.emit('collections.pulled', { ids: ['c1'] });
    stop();
    events.emit('collections.pulled', { ids: ['c2'] });
    expect(heard).toEqual(['a:c1', 'b:c1', 'b:c2']);
  });

  it('sends a soon event only after the code that emitted it has run', async () => {
    const events = new CoreEvents();
    const heard: string[] = [];
    events.on('outbox.written', () => heard.push('written'));
    events.emitSoon('outbox.written', {});
    heard.push('committed');
    await Promise.resolve();
    expect(heard).toEqual(['committed', 'written']);
  });

  it('keeps each core to itself', () => {
    const one = new CoreEvents();
    const two = new CoreEvents();
    let heard = 0;
    one.on('review.pulled', () => (heard += 1));
    two.emit('review.pulled', {});
    expect(heard).toBe(0);
  });
});
