import { shell, type WebContents } from 'electron';
import { isAppUrl } from './schemes';

function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Our page never leaves app://studio: other navigations are cancelled, new windows are refused
 * (web links open in the system browser instead), and <webview> cannot be attached.
 */
export function guardNavigation(contents: WebContents): void {
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
