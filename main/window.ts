import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './schemes';

export const WINDOW_TITLE = 'Practice Circle';

/** The studio window: an isolated, sandboxed page whose only door to the core is the preload's bridge. */
/** `route` is an address inside the page (`#/…`), for a window opened on something, such as an invitation. */
export function createMainWindow(preloadPath: string, route = ''): BrowserWindow {
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1280,
    height: 820,
    // The player, timeline and notes panel stop fitting side by side below this.
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  // Shown once painted, so people never see a blank white frame.
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL + route);
  return win;
}
