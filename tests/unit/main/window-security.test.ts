import { describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { BrowserWindow, FakeWebContents, shell } from './electron-stand-in';
import { guardNavigation } from '../../../main/navigation';
import { createMainWindow } from '../../../main/window';

vi.mock('electron', () => import('./electron-stand-in'));

describe('the studio window', () => {
  it('is isolated and sandboxed, with no Node in the page, and loads our app:// page once painted', () => {
    const win = createMainWindow('/app/out/preload/index.cjs') as unknown as BrowserWindow;
    const prefs = win.options.webPreferences ?? {};
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(win.options.show).toBe(false);
    expect(win.options.minWidth).toBeGreaterThan(0);
    expect(win.loadURL).toHaveBeenCalledWith('app://studio/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });
});

describe('navigation', () => {
  const guarded = () => {
    const contents = new FakeWebContents();
    guardNavigation(contents as unknown as WebContents);
    return contents;
  };
  const navigate = (contents: FakeWebContents, kind: 'will-navigate' | 'will-redirect', url: string) => {
    const event = { preventDefault: vi.fn() };
    contents.emit(kind, event, url);
    return event.preventDefault.mock.calls.length > 0;
  };

  it('stays on app://studio and refuses every other origin', () => {
    const contents = guarded();
    expect(navigate(contents, 'will-navigate', 'app://studio/index.html#/lessons')).toBe(false);
    for (const url of [
      'https://example.org/',
      'file:///etc/passwd',
      'app://elsewhere/index.html',
      'pcmedia://asset/x',
      'javascript:alert(1)',
    ]) {
      expect(navigate(contents, 'will-navigate', url), url).toBe(true);
      expect(navigate(contents, 'will-redirect', url), url).toBe(true);
    }
  });

  it('denies new windows and opens web links in the system browser instead', () => {
    const contents = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://practicecircle.org/help' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://practicecircle.org/help');
    shell.openExternal.mockClear();
    for (const url of ['file:///etc/passwd', 'app://studio/index.html', 'javascript:alert(1)', 'smb://server/share']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('never attaches a <webview>', () => {
    const contents = guarded();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
