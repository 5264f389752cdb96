import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import type { PdfSaveResult } from '../../../common/contract';
import { silentLogger } from '../../../core/app/logger';
import { pdfFileName, registerPdfExport, SAVE_PDF_CHANNEL } from '../../../main/pdf-export';
import { app, BrowserWindow, dialog, ipcMain } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

let dir: string;
let win: BrowserWindow;
let unregister: () => void;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pc-main-pdf-'));
  app.setPath('documents', dir);
  win = new BrowserWindow({});
  unregister = registerPdfExport(() => win as unknown as ElectronWindow, silentLogger);
});
afterAll(async () => {
  unregister();
  await fs.rm(dir, { recursive: true, force: true });
});

const fromOurPage = () => ({ sender: win.webContents, senderFrame: { url: 'app://studio/index.html', parent: null } });
const save = (title: unknown, event: unknown = fromOurPage()) =>
  ipcMain.handlers.get(SAVE_PDF_CHANNEL)!(event, title) as Promise<PdfSaveResult>;

describe('saving the feedback report as PDF', () => {
  it('asks where, with the lesson title as the name, and writes what Chromium printed', async () => {
    const target = path.join(dir, 'Wait time.pdf');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await expect(save('Wait time: week 3 / تقرير')).resolves.toEqual({ saved: true, error: null });
    expect(path.basename(dialog.showSaveDialog.mock.calls.at(-1)![1].defaultPath!)).toBe('Wait time week 3 تقرير.pdf');
    expect(win.webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ printBackground: true }));
    expect((await fs.readFile(target, 'utf8')).startsWith('%PDF-')).toBe(true);
    expect(await fs.readdir(dir)).toEqual(['Wait time.pdf']);
  });

  it('writes nothing when the person cancels the dialog', async () => {
    win.webContents.printToPDF.mockClear();
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    await expect(save('Lesson')).resolves.toEqual({ saved: false, error: null });
    expect(win.webContents.printToPDF).not.toHaveBeenCalled();
  });

  it('refuses a frame that is not our page, before any dialog opens', async () => {
    dialog.showSaveDialog.mockClear();
    const result = await save('Lesson', { sender: win.webContents, senderFrame: { url: 'https://example.org/', parent: null } });
    expect(result).toEqual({ saved: false, error: 'forbidden' });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('reports a failed write and leaves no partial file behind', async () => {
    const target = path.join(dir, 'missing-folder', 'Lesson.pdf');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await expect(save('Lesson')).resolves.toEqual({ saved: false, error: 'internal' });
    await expect(fs.stat(path.dirname(target))).rejects.toThrow();
  });

  it('makes file names any system accepts', () => {
    expect(pdfFileName('a/b\\c:d*e?"f"<g>|h')).toBe('a b c d e f g h.pdf');
    expect(pdfFileName('   ')).toBe('report.pdf');
  });
});
