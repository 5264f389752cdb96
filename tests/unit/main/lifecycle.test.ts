import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../../common/contract';
import * as e from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

const appData = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-main-lifecycle-'));

afterAll(() => fs.rmSync(appData, { recursive: true, force: true }));

describe('main process lifecycle', () => {
  it('starts the studio: schemes before ready, the library under userData, one secured window', async () => {
    e.app.paths.set('appData', appData);
    await import('../../../main/index');
    expect(e.app.name).toBe('Practice Circle');
    expect(e.protocol.privileged.map((s) => s.scheme).sort()).toEqual(['app', 'pcmedia']);
    for (const { privileges } of e.protocol.privileged) {
      expect(privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, stream: true });
    }
    expect(e.app.getPath('userData')).toBe(path.join(appData, 'Practice Circle'));
    expect(e.BrowserWindow.instances).toHaveLength(0);

    e.app.becomeReady();
    await vi.waitFor(() => expect(e.BrowserWindow.instances).toHaveLength(1), { timeout: 10_000 });
    const win = e.BrowserWindow.instances[0]!;
    expect(win.loadURL).toHaveBeenCalledWith('app://studio/index.html');
    expect(fs.existsSync(path.join(appData, 'Practice Circle', 'library'))).toBe(true);
    // One channel per contract call, plus the shell's own: saving the report as PDF.
    expect(e.ipcMain.handlers.size).toBe(callNames.length + 1);
    expect([...e.protocol.handlers.keys()].sort()).toEqual(['app', 'pcmedia']);
    expect(e.session.defaultSession.requestHandler).not.toBeNull();
    expect(e.session.defaultSession.checkHandler).not.toBeNull();
    expect(e.session.defaultSession.headersListener).not.toBeNull();
    expect(e.Menu.setApplicationMenu).toHaveBeenCalled();

    // Every web contents, not only our window's, gets the navigation guard.
    const contents = new e.FakeWebContents();
    e.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler).not.toBeNull();

    // A second launch brings this window forward.
    e.app.emit('second-instance', {}, ['practice-circle']);
    expect(win.focus).toHaveBeenCalled();

    // One started from an invitation's join link shows the invitation in this window.
    e.app.emit('second-instance', {}, ['practice-circle', 'practicecircle://join?hub=https%3A%2F%2Fhub.example.org&code=ABCDEFGH']);
    expect(win.webContents.send).toHaveBeenCalledWith(expect.any(String), 'app.openInvite', {
      link: 'https://hub.example.org/join/ABCDEFGH',
    });

    // Quitting waits for the core to close, then really quits.
    e.app.quit();
    expect(e.app.quitted).toBe(false);
    expect(e.ipcMain.handlers.size).toBe(0);
    await vi.waitFor(() => expect(e.app.quitted).toBe(true), { timeout: 10_000 });
  });
});
