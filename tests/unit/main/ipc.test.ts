import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { callNames } from '../../../common/contract';
import { createCore, type Core } from '../../../core';
import { silentLogger } from '../../../core/app/logger';
import { CALL_CHANNEL_PREFIX, EVENT_CHANNEL, registerIpc, type CallEnvelope } from '../../../main/ipc';
import { BrowserWindow, ipcMain } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

let dataDir: string;
let core: Core;
let win: BrowserWindow;
let unregister: () => void;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-main-ipc-'));
  core = await createCore({ dataDir, shell: 'electron', version: '0.0.0-test' });
  win = new BrowserWindow({});
  unregister = registerIpc(core, () => win as unknown as ElectronWindow, silentLogger);
});

afterAll(async () => {
  await core.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const fromOurPage = () => ({ sender: win.webContents, senderFrame: { url: 'app://studio/index.html', parent: null } });

async function call(name: string, input: unknown, event: unknown = fromOurPage()): Promise<CallEnvelope> {
  const handler = ipcMain.handlers.get(`${CALL_CHANNEL_PREFIX}${name}`);
  if (!handler) throw new Error(`no handler for ${name}`);
  return (await handler(event, input)) as CallEnvelope;
}

describe('IPC adapter', () => {
  it('registers every call in the contract and nothing else', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(callNames.map((n) => `${CALL_CHANNEL_PREFIX}${n}`).sort());
  });

  it('runs a call from our own page through the core', async () => {
    const reply = await call('app.info', {});
    expect(reply).toMatchObject({ ok: true, result: { shell: 'electron', version: '0.0.0-test', dataDir } });
  });

  it('refuses callers that are not the top frame of our window showing app://studio', async () => {
    const other = new BrowserWindow({});
    const strangers = {
      'another page': { sender: win.webContents, senderFrame: { url: 'https://example.org/', parent: null } },
      'a file page': { sender: win.webContents, senderFrame: { url: 'file:///tmp/x.html', parent: null } },
      'a subframe': { sender: win.webContents, senderFrame: { url: 'app://studio/index.html', parent: {} } },
      'a gone frame': { sender: win.webContents, senderFrame: null },
      'another window': { sender: other.webContents, senderFrame: { url: 'app://studio/index.html', parent: null } },
    };
    for (const [who, event] of Object.entries(strangers)) {
      const reply = await call('lessons.list', {}, event);
      expect(reply, who).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses every call once the window is gone', async () => {
    win.destroyed = true;
    try {
      expect(await call('app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      win.destroyed = false;
    }
  });

  it('answers malformed input with invalid_input as plain data, changing nothing', async () => {
    const before = await call('lessons.list', {});
    for (const [name, input] of [
      ['lessons.get', { id: '../../etc/passwd' }],
      ['lessons.import', { sources: [] }],
      ['notes.add', 'not an object'],
      ['settings.set', { unknownSetting: true }],
    ] as const) {
      const reply = await call(name, input);
      expect(reply, name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!reply.ok) expect(Object.getPrototypeOf(reply.error)).toBe(Object.prototype);
    }
    expect(await call('lessons.list', {})).toEqual(before);
  });

  it('forwards core events to the window as (name, payload)', () => {
    core.bus.emit('library.changed', { lessonIds: [] });
    expect(win.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'library.changed', { lessonIds: [] });
  });

  it('stops answering and forwarding once unregistered', () => {
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    win.webContents.send.mockClear();
    core.bus.emit('library.changed', { lessonIds: [] });
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});
