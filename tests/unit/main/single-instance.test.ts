import { describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

describe('a second launch', () => {
  it('hands over to the running copy when it does not get the single-instance lock', async () => {
    app.paths.set('appData', '/nonexistent/appData');
    app.gotLock = false;
    await import('../../../main/index');
    expect(app.quit).toHaveBeenCalled();
    expect(app.listenerCount('second-instance')).toBe(0);
    app.becomeReady();
    await new Promise((resolve) => setImmediate(resolve));
    expect(BrowserWindow.instances).toHaveLength(0);
  });
});
