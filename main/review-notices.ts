import { Notification, type BrowserWindow } from 'electron';
import type { EventPayload } from '../common/contract';
import type { Core } from '../core';

/**
 * Desktop notices for the review inbox. The renderer writes each notice in the person's language and
 * asks for it (`notifications.present`); it shows only while the window is not in front, and a click
 * brings the window forward and tells the renderer which notice to open.
 */
export function showReviewNotices(core: Core, window: () => BrowserWindow | null): () => void {
  // Held until clicked or closed: a notice that is garbage-collected loses its click handler.
  const shown = new Set<Notification>();
  const unsubscribe = core.bus.subscribe((name, payload) => {
    if (name !== 'notifications.present' || !Notification.isSupported()) return;
    const win = window();
    if (win && !win.isDestroyed() && win.isFocused()) return;
    const { id, title, body } = payload as EventPayload<'notifications.present'>;
    const notice = new Notification({ title, body });
    shown.add(notice);
    notice.on('close', () => shown.delete(notice));
    notice.on('click', () => {
      shown.delete(notice);
      const target = window();
      if (!target || target.isDestroyed()) return;
      if (target.isMinimized()) target.restore();
      target.show();
      target.focus();
      core.bus.emit('notifications.open', { id });
    });
    notice.show();
  });
  return () => {
    unsubscribe();
    shown.clear();
  };
}
