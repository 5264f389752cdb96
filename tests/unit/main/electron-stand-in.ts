import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * The one allowed stand-in (DESIGN.md §10): the parts of `electron` that main/ and preload/ touch,
 * recording what they are asked to do. Each test file gets a fresh copy through
 * `vi.mock('electron', () => import('./electron-stand-in'))`.
 */

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  send = vi.fn();
  /** A made-up PDF: what Chromium would lay out from the page with its print styles. */
  printToPDF = vi.fn(async (_options: Record<string, unknown>) => Buffer.from('%PDF-1.4 stand-in\n%%EOF\n'));
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances;
  }

  readonly webContents = new FakeWebContents();
  destroyed = false;
  loadURL = vi.fn(async (_url: string) => undefined);
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = () => false;
  isFocused = vi.fn(() => true);
  isDestroyed = () => this.destroyed;

  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    BrowserWindow.instances.push(this);
  }
}

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
};

export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
    this.handlers.set(scheme, handler);
  },
};

type RequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void;
type CheckHandler = (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
type DisplayMediaHandler = (
  request: { securityOrigin: string; videoRequested: boolean },
  cb: (streams: { video: unknown } | null) => void,
) => void;
type HeadersListener = (details: { responseHeaders?: Record<string, string[]> }, cb: (response: unknown) => void) => void;

/** A session whose handlers the tests can call as Chromium would. */
export class FakeSession {
  readonly protocol = protocol;
  requestHandler: RequestHandler | null = null;
  checkHandler: CheckHandler | null = null;
  headersListener: HeadersListener | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler;
  }
  displayMediaHandler: DisplayMediaHandler | null = null;
  setDisplayMediaRequestHandler(handler: DisplayMediaHandler): void {
    this.displayMediaHandler = handler;
  }
}

/** Screens and windows as desktopCapturer lists them; tests set `sources`. */
export const desktopCapturer = {
  sources: [] as Array<{ id: string; name: string; thumbnail: { toDataURL(): string } }>,
  getSources: vi.fn(async (_options: unknown) => desktopCapturer.sources),
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

/** A desktop notice; `shown` lists every one shown, and a test clicks one with `emit('click')`. */
export class Notification extends EventEmitter {
  static shown: Notification[] = [];
  static isSupported = () => true;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
  }
}

/** Enough of `app` to run main/index.ts: paths, the single-instance lock, readiness and quitting. */
class FakeApp extends EventEmitter {
  name = 'Electron';
  isPackaged = false;
  paths = new Map<string, string>();
  gotLock = true;
  quitted = false;
  private markReady = () => {};
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  setName(name: string): void {
    this.name = name;
  }
  getPath(name: string): string {
    const found = this.paths.get(name);
    if (!found) throw new Error(`no path set for ${name}`);
    return found;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getVersion = () => '0.0.0-test';
  getAppPath = () => '/nonexistent/app';
  requestSingleInstanceLock = vi.fn(() => this.gotLock);
  /** Schemes the app asked the OS to hand it (join links). */
  setAsDefaultProtocolClient = vi.fn((_scheme: string, _path?: string, _args?: string[]) => true);
  whenReady = () => this.ready;
  becomeReady(): void {
    this.emit('ready');
    this.markReady();
  }
  exit = vi.fn();
  /** Like Electron: will-quit may be prevented, otherwise the app is gone. */
  quit = vi.fn(() => {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('will-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  });
}

export const app = new FakeApp();

export const session = { defaultSession: new FakeSession() };

export const dialog = {
  showErrorBox: vi.fn(),
  showSaveDialog: vi.fn(async (_window: unknown, _options: { defaultPath?: string }) => ({
    canceled: true,
    filePath: undefined as string | undefined,
  })),
};

/**
 * Stands in for the OS keychain: reversible, and visibly not the plain text. `backend` is what Linux
 * reports; `basic_text` is Chromium's fixed key, which "encrypts" while protecting nothing.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown',
  isEncryptionAvailable: () => safeStorage.available,
  getSelectedStorageBackend: () => {
    if (process.platform !== 'linux') throw new Error('getSelectedStorageBackend is only available on Linux');
    return safeStorage.backend;
  },
  encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
  decryptString: (bytes: Buffer) => Buffer.from(bytes.toString().slice('sealed:'.length), 'base64').toString(),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
};

// Renderer side, for the preload.
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    this.exposed.set(key, api);
  },
};

export const ipcRenderer = {
  listeners: new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>(),
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => {
    throw new Error('ipcRenderer.invoke is not connected in this test');
  }),
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  },
  /** What main's webContents.send would deliver. */
  deliver(channel: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, ...args);
  },
};

export const webUtils = { getPathForFile: vi.fn((_file: unknown) => '') };
