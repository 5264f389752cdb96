import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { desktopCapturer, FakeSession } from './electron-stand-in';
import { createScreenPicker } from '../../../main/screen-picker';

vi.mock('electron', () => import('./electron-stand-in'));

const png = (name: string) => ({ toDataURL: () => `data:image/png;base64,${Buffer.from(name).toString('base64')}` });

beforeEach(() => {
  desktopCapturer.sources = [
    { id: 'screen:1:0', name: 'Entire screen', thumbnail: png('screen') },
    { id: 'window:42:0', name: 'Lesson slides – Impress', thumbnail: png('slides') },
  ];
});

function installed() {
  const ses = new FakeSession();
  const picker = createScreenPicker();
  picker.install(ses as unknown as Session);
  const request = (securityOrigin = 'app://studio', videoRequested = true) =>
    new Promise<{ video: { id: string } } | null>((resolve) =>
      ses.displayMediaHandler!({ securityOrigin, videoRequested }, (s) => resolve(s as { video: { id: string } } | null)),
    );
  return { picker, request };
}

describe('the desktop screen picker', () => {
  it('lists screens and windows with thumbnails for our own picker', async () => {
    const { picker } = installed();
    expect(await picker.provider.list()).toEqual([
      { id: 'screen:1:0', name: 'Entire screen', kind: 'screen', thumbnail: expect.stringMatching(/^data:image\/png;base64,/) },
      { id: 'window:42:0', name: 'Lesson slides – Impress', kind: 'window', thumbnail: expect.stringMatching(/^data:image\/png;base64,/) },
    ]);
  });

  it('grants getDisplayMedia the source just chosen, once', async () => {
    const { picker, request } = installed();
    picker.provider.choose('window:42:0');
    expect((await request())?.video.id).toBe('window:42:0');
    // The choice is used up: a second request without a new choice gets nothing.
    expect(await request()).toBeNull();
  });

  it('refuses without a choice, for another origin, or when the source has gone', async () => {
    const { picker, request } = installed();
    expect(await request()).toBeNull();
    picker.provider.choose('screen:1:0');
    expect(await request('https://example.org')).toBeNull();
    picker.provider.choose('window:7:0');
    expect(await request()).toBeNull();
  });
});
