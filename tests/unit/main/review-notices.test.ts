import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import type { EventName } from '../../../common/contract';
import type { Core } from '../../../core';
import { EventBus } from '../../../core/app/events';
import { showReviewNotices } from '../../../main/review-notices';
import { BrowserWindow, Notification } from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));

function setUp() {
  const bus = new EventBus();
  const win = new BrowserWindow({});
  const stop = showReviewNotices({ bus } as unknown as Core, () => win as unknown as ElectronWindow);
  const heard: Array<[EventName, unknown]> = [];
  bus.subscribe((name, payload) => heard.push([name, payload]));
  return { bus, win, stop, heard };
}

const notice = { id: '01a20900-0000-7000-8000-000000000001', title: 'Review submitted', body: 'Budi reviewed “Wait time practice”' };

describe('desktop notices for reviews', () => {
  it('shows what the renderer wrote, only while the window is not in front', () => {
    const { bus, win, stop } = setUp();
    Notification.shown = [];
    bus.emit('notifications.present', notice);
    expect(Notification.shown).toEqual([]);

    win.isFocused.mockReturnValue(false);
    bus.emit('notifications.present', notice);
    expect(Notification.shown.map((n) => n.options)).toEqual([{ title: notice.title, body: notice.body }]);
    stop();
  });

  it('brings the window forward on a click and tells the renderer which notice to open', () => {
    const { bus, win, stop, heard } = setUp();
    Notification.shown = [];
    win.isFocused.mockReturnValue(false);
    bus.emit('notifications.present', notice);
    Notification.shown[0]!.emit('click');
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(heard).toContainEqual(['notifications.open', { id: notice.id }]);
    stop();
  });

  it('stops listening when the app closes', () => {
    const { bus, win, stop } = setUp();
    Notification.shown = [];
    win.isFocused.mockReturnValue(false);
    stop();
    bus.emit('notifications.present', notice);
    expect(Notification.shown).toEqual([]);
  });
});
