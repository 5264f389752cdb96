import fs from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import type { PdfSaveResult } from '../common/contract';
import type { Logger } from '../core/app/logger';
import { isTrustedSender } from './ipc';

/** The channel preload/index.ts spells again (it may import only common/). */
export const SAVE_PDF_CHANNEL = 'studio:shell:save-pdf';

/** A file name the person's system accepts: no path separators or characters Windows refuses. */
export function pdfFileName(title: string): string {
  const cleaned = title
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
  return `${cleaned || 'report'}.pdf`;
}

/**
 * Saves the page in the window (the printable feedback report) as a PDF: the person picks where,
 * Chromium lays the page out with its print styles, and the file is written whole or not at all.
 * The browser shell has no such door; there the page's own Print button offers "Save as PDF".
 */
export function registerPdfExport(window: () => BrowserWindow | null, logger: Logger): () => void {
  ipcMain.handle(SAVE_PDF_CHANNEL, async (event, title: unknown): Promise<PdfSaveResult> => {
    const win = window();
    if (!isTrustedSender(event, win) || !win) {
      logger.warn('pdf export refused: untrusted sender', { url: event.senderFrame?.url ?? null });
      return { saved: false, error: 'forbidden' };
    }
    const { canceled, filePath } = await dialog.showSaveDialog(win, {
      defaultPath: path.join(app.getPath('documents'), pdfFileName(typeof title === 'string' ? title : '')),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (canceled || !filePath) return { saved: false, error: null };
    try {
      const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
      const tmp = `${filePath}.${process.pid}.part`;
      await fs.writeFile(tmp, pdf);
      await fs.rename(tmp, filePath);
      return { saved: true, error: null };
    } catch (err) {
      logger.error('pdf export failed', { message: err instanceof Error ? err.message : String(err) });
      return { saved: false, error: (err as NodeJS.ErrnoException).code === 'ENOSPC' ? 'disk_full' : 'internal' };
    }
  });
  return () => ipcMain.removeHandler(SAVE_PDF_CHANNEL);
}
