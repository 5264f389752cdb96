import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { shell } from './electron-stand-in';
import { HELP_URL, menuTemplate } from '../../../main/menu';

vi.mock('electron', () => import('./electron-stand-in'));

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

describe('application menu', () => {
  it('offers reload and developer tools only in development', () => {
    expect(roles(menuTemplate({ isMac: false, isPackaged: false }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    const packaged = roles(menuTemplate({ isMac: false, isPackaged: true }));
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('reload');
    expect(packaged).toEqual(
      expect.arrayContaining(['quit', 'editMenu', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'windowMenu']),
    );
  });

  it('has the app menu on macOS only', () => {
    expect(roles(menuTemplate({ isMac: true, isPackaged: true }))).toContain('appMenu');
    expect(roles(menuTemplate({ isMac: false, isPackaged: true }))).not.toContain('appMenu');
  });

  it('opens the help pages in the system browser', () => {
    const help = menuTemplate({ isMac: false, isPackaged: true }).find((item) => item.role === 'help');
    const item = (help?.submenu as MenuItemConstructorOptions[])[0];
    (item?.click as () => void)();
    expect(shell.openExternal).toHaveBeenCalledWith(HELP_URL);
  });
});
