import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { toErrorPayload } from '../common/errors';
import { createCore, type Core } from '../core';
import { APP_DIR_NAME, libraryDir } from '../core/app/data-dir';
import { consoleLogger } from '../core/app/logger';
import { registerIpc } from './ipc';
import { registerPdfExport } from './pdf-export';
import { showReviewNotices } from './review-notices';
import { installMenu } from './menu';
import { electronSqliteBinding } from './native-binding';
import { inviteInArgs, joinRoute, registerJoinLinks } from './join-links';
import { guardNavigation } from './navigation';
import { registerPrivilegedSchemes } from './schemes';
import { electronSecretStore } from './secrets';
import { createScreenPicker } from './screen-picker';
import { prepareSession } from './session';
import { createMainWindow } from './window';

// Built layout: out/main/index.js beside out/preload/, out/renderer/ and out/verify-page/.
const rendererDir = path.join(import.meta.dirname, '../renderer');
const preloadPath = path.join(import.meta.dirname, '../preload/index.cjs');
const verifyPagePath = path.join(import.meta.dirname, '../verify-page/verify.js');
const logger = consoleLogger;
const screenPicker = createScreenPicker();

app.setName(APP_DIR_NAME);
// Pinned rather than derived, so the browser shell (core/app/data-dir.ts) finds the same library.
app.setPath('userData', path.join(app.getPath('appData'), APP_DIR_NAME));
registerPrivilegedSchemes();
app.on('web-contents-created', (_event, contents) => guardNavigation(contents));

let core: Core | null = null;
let window: BrowserWindow | null = null;
let stopIpc: (() => void) | null = null;
let stopNotices: (() => void) | null = null;
let stopPdf: (() => void) | null = null;
let shutdown: 'running' | 'closing' | 'closed' = 'running';
/** An invitation that arrived before there was a window to show it in. */
let pendingInvite: string | null = null;

function openWindow(): void {
  window = createMainWindow(preloadPath, pendingInvite ? joinRoute(pendingInvite) : '');
  pendingInvite = null;
  window.on('closed', () => (window = null));
}

function openInvite(invite: string): void {
  if (!core || !window) {
    pendingInvite = invite;
    return;
  }
  if (window.isMinimized()) window.restore();
  window.focus();
  core.bus.emit('app.openInvite', { link: invite });
}

async function start(): Promise<void> {
  try {
    const dataDir = libraryDir(app.getPath('userData'));
    core = await createCore({
      dataDir,
      ...electronSecretStore(dataDir),
      shell: 'electron',
      version: app.getVersion(),
      logger,
      nativeBinding: electronSqliteBinding({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() }),
      screenSources: screenPicker.provider,
      // An organisation's practice-circle.json may sit beside the installed app.
      deploymentFolders: [path.dirname(process.execPath)],
      // Bundled by `npm run build` (web/verify-page.ts) beside the renderer; esbuild is not in the app.
      verifyPageScript: () => fs.readFile(verifyPagePath, 'utf8'),
    });
  } catch (err) {
    // Only what stops the core itself (say, a library written by a newer version) ends up here.
    const { code, params } = toErrorPayload(err);
    logger.error('core failed to start', { code, params });
    dialog.showErrorBox('Practice Circle could not start', `${code} ${JSON.stringify(params)}`);
    app.exit(1);
    return;
  }
  prepareSession(session.defaultSession, { core, rendererDir, logger });
  screenPicker.install(session.defaultSession);
  stopIpc = registerIpc(core, () => window, logger);
  stopNotices = showReviewNotices(core, () => window);
  stopPdf = registerPdfExport(() => window, logger);
  installMenu();
  openWindow();
}

// A second copy would open the same database; it hands over to the first one instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  pendingInvite = registerJoinLinks(openInvite);
  app.on('second-instance', (_event, argv: string[]) => {
    const invite = inviteInArgs(argv);
    if (invite) return openInvite(invite);
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Jobs are stopped and the database closed before the process goes, so nothing is left half-written.
  app.on('will-quit', (event) => {
    if (!core || shutdown === 'closed') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    stopIpc?.();
    stopNotices?.();
    stopPdf?.();
    void core
      .close()
      .catch((err: unknown) => logger.error('core failed to close', { code: toErrorPayload(err).code }))
      .finally(() => {
        shutdown = 'closed';
        app.quit();
      });
  });
  void app.whenReady().then(start);
}
