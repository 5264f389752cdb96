import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { StudioCallError, type StudioBridge } from '../../../common/contract';
import { createCore, type Core } from '../../../core';
import { silentLogger } from '../../../core/app/logger';
import { registerIpc } from '../../../main/ipc';
import { BrowserWindow, contextBridge, ipcMain, ipcRenderer, webUtils } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

/** preload/ and main/ joined by the stand-in's IPC: what the page sees as window.studio. */
let dataDir: string;
let core: Core;
let studio: StudioBridge;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-main-bridge-'));
  core = await createCore({ dataDir, shell: 'electron', version: '0.0.0-test' });
  const win = new BrowserWindow({});
  registerIpc(core, () => win as unknown as ElectronWindow, silentLogger);
  const event = { sender: win.webContents, senderFrame: { url: 'app://studio/index.html', parent: null } };
  ipcRenderer.invoke.mockImplementation(async (channel, ...args) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  });
  win.webContents.send.mockImplementation((channel: string, ...args: unknown[]) => ipcRenderer.deliver(channel, ...args));
  await import('../../../preload/index');
  studio = contextBridge.exposed.get('studio') as StudioBridge;
});

afterAll(async () => {
  await core.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('window.studio in the desktop app', () => {
  it('is the only thing the preload exposes', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['studio']);
    expect(studio.shell).toBe('electron');
  });

  it('calls the core and resolves with its result', async () => {
    await expect(studio.invoke('app.info', {})).resolves.toMatchObject({ shell: 'electron', dataDir });
  });

  it('refuses names outside the contract before anything crosses IPC', async () => {
    ipcRenderer.invoke.mockClear();
    await expect(studio.invoke('fs.readFile' as 'app.info', {})).rejects.toMatchObject({ payload: { code: 'not_found' } });
    await expect(studio.invoke('constructor' as 'app.info', {})).rejects.toMatchObject({ payload: { code: 'not_found' } });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('rejects failures with a plain object carrying the payload, which the renderer turns into StudioCallError', async () => {
    const failure: unknown = await studio.invoke('lessons.get', { id: 'not-an-id' }).catch((err: unknown) => err);
    expect(failure).not.toBeInstanceOf(Error);
    expect(failure).toMatchObject({ message: expect.any(String), payload: { code: 'invalid_input', params: { path: 'id' } } });

    vi.stubGlobal('window', { studio });
    try {
      const { call } = await import('../../../renderer/src/bridge/studio');
      const err: unknown = await call('lessons.get', { id: 'not-an-id' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StudioCallError);
      expect((err as StudioCallError).payload.code).toBe('invalid_input');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('hands listeners the payload only, and stops when unsubscribed', () => {
    const heard: unknown[] = [];
    const off = studio.on('library.changed', (payload) => heard.push(payload));
    core.bus.emit('library.changed', { lessonIds: [] });
    off();
    core.bus.emit('library.changed', { lessonIds: [] });
    expect(heard).toEqual([{ lessonIds: [] }]);
  });

  it('names media by id only', () => {
    expect(studio.mediaUrl('0190a1b2-0000-7000-8000-000000000001')).toBe('pcmedia://asset/0190a1b2-0000-7000-8000-000000000001');
    expect(studio.mediaUrl('../studio.db')).toBe('pcmedia://asset/..%2Fstudio.db');
  });

  it('imports a chosen file by its path on disk', async () => {
    webUtils.getPathForFile.mockReturnValueOnce('/home/teacher/lesson.mp4');
    await expect(studio.prepareImport(new File([], 'lesson.mp4'))).resolves.toEqual({ kind: 'path', path: '/home/teacher/lesson.mp4' });
    webUtils.getPathForFile.mockReturnValueOnce('');
    await expect(studio.prepareImport(new File([], 'pasted.mp4'))).rejects.toMatchObject({ payload: { code: 'file_not_found' } });
  });
});
