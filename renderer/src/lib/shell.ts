import type { StudioBridge } from '../../../common/contract';
import { studio } from '../bridge/studio';

/** Where the renderer loads a media asset from (pcmedia:// in the desktop app, /media/<id> in the browser). */
export const mediaUrl = (assetId: string): string => studio.mediaUrl(assetId);

/** Which shell hosts the renderer: some things (pickers, file paths, PDF) differ between them. */
export const shell: 'electron' | 'web' = studio.shell;

/** Listens to one of the core's events; returns the function that stops listening. */
export const onStudioEvent: StudioBridge['on'] = (event, listener) => studio.on(event, listener);

/** Saves the page as a PDF where the shell can (the desktop app); undefined elsewhere, where printing does it. */
export const savePdf: StudioBridge['savePdf'] = studio.savePdf ? (title) => studio.savePdf!(title) : undefined;
