import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitDropped, videosInFolder } from '../lib/dropped-folders';
import { useLibrary } from '../store/library';
import { shell } from '../lib/shell';

/**
 * Files dropped anywhere on the window are imported; an overlay says so while dragging. A folder
 * is offered by its videos: the desktop app sends its path to the core (which says it is a folder
 * and lists them); a browser cannot upload a folder, so its videos are read here.
 */
export function DropZone() {
  const { t } = useTranslation();
  const importFiles = useLibrary((s) => s.importFiles);
  const offerFolder = useLibrary((s) => s.offerFolder);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => hasFiles(e) && e.preventDefault();
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const { files, folders } =
        shell === 'web' ? splitDropped(e.dataTransfer) : { files: [...(e.dataTransfer?.files ?? [])], folders: [] };
      if (files.length) void importFiles(files);
      for (const folder of folders) void videosInFolder(folder).then((videos) => offerFolder(folder.name, videos));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [importFiles, offerFolder]);
  return dragging ? (
    <div className="drop-overlay" aria-hidden="true">
      <p>{t('library.dropHere')}</p>
    </div>
  ) : null;
}
