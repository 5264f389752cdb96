import { isVideoFileName } from '../../../common/video-files';

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Dropped files apart from dropped folders, read while the drop event runs: its items are gone
 * afterwards. A browser gives no path for a folder, so its videos are read here, not by the core.
 */
export function splitDropped(data: DataTransfer | null): { files: File[]; folders: FileSystemDirectoryEntry[] } {
  const files: File[] = [];
  const folders: FileSystemDirectoryEntry[] = [];
  for (const item of data?.items ?? []) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    const file = entry?.isDirectory ? null : item.getAsFile();
    if (entry?.isDirectory) folders.push(entry as FileSystemDirectoryEntry);
    else if (file) files.push(file);
  }
  return { files, folders };
}

/** The videos directly inside a folder, by name, as the core lists them for the desktop app (see core/library/folder.ts). */
export async function videosInFolder(folder: FileSystemDirectoryEntry): Promise<File[]> {
  const reader = folder.createReader();
  const entries: FileSystemEntry[] = [];
  // Chromium hands out a folder's entries a hundred at a time.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    entries.push(...batch);
  }
  const files = await Promise.all(
    entries
      .filter((e): e is FileSystemFileEntry => e.isFile && isVideoFileName(e.name))
      .map((e) => new Promise<File>((resolve, reject) => e.file(resolve, reject))),
  );
  return files.filter((f) => f.size > 0).sort((a, b) => byName.compare(a.name, b.name));
}
