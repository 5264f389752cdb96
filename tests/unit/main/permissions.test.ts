import { describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { FakeSession } from './electron-stand-in';
import { installPermissions } from '../../../main/permissions';

vi.mock('electron', () => import('./electron-stand-in'));

function installed() {
  const ses = new FakeSession();
  installPermissions(ses as unknown as Session);
  const request = (permission: string, requestingUrl: string, isMainFrame = true) => {
    let granted: boolean | undefined;
    ses.requestHandler?.({}, permission, (ok) => (granted = ok), { requestingUrl, isMainFrame });
    return granted;
  };
  const check = (permission: string, origin: string, isMainFrame = true) => ses.checkHandler?.({}, permission, origin, { isMainFrame });
  return { request, check };
}

describe('permissions', () => {
  it('grants camera, microphone and screen capture to our own page', () => {
    const { request, check } = installed();
    expect(request('media', 'app://studio/index.html')).toBe(true);
    expect(request('display-capture', 'app://studio/index.html')).toBe(true);
    expect(check('media', 'app://studio')).toBe(true);
  });

  it('refuses everything else to our page', () => {
    const { request, check } = installed();
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'midiSysex', 'openExternal', 'hid', 'usb', 'fullscreen']) {
      expect(request(permission, 'app://studio/index.html'), permission).toBe(false);
      expect(check(permission, 'app://studio'), permission).toBe(false);
    }
  });

  it('refuses even media to any other origin or to a subframe', () => {
    const { request, check } = installed();
    for (const url of ['https://example.org/', 'file:///home/me/page.html', 'app://other/index.html', 'http://127.0.0.1:5173/']) {
      expect(request('media', url), url).toBe(false);
      expect(check('media', url), url).toBe(false);
    }
    expect(request('media', 'app://studio/index.html', false)).toBe(false);
    expect(check('media', 'app://studio', false)).toBe(false);
  });
});
