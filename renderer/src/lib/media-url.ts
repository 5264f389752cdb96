import { studio } from '../bridge/studio';

/** Where the renderer loads a media asset from (pcmedia:// in the desktop app, /media/<id> in the browser). */
export const mediaUrl = (assetId: string): string => studio.mediaUrl(assetId);

/** Which shell hosts the renderer: some things (pickers, file paths, PDF) differ between them. */
export const shell: 'electron' | 'web' = studio.shell;
