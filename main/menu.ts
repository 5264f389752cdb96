import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export const HELP_URL = 'https://practicecircle.org/help';

/**
 * Role items wherever Electron has one, so the OS supplies (and translates) labels and shortcuts.
 * Reload and the developer tools exist only in development: a packaged studio has nothing to debug by hand.
 */
export function menuTemplate(o: { isMac: boolean; isPackaged: boolean }): MenuItemConstructorOptions[] {
  const develop: MenuItemConstructorOptions[] = o.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return [
    ...(o.isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu', submenu: [o.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      role: 'viewMenu',
      submenu: [
        ...develop,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: `${app.name} Help`, click: () => void shell.openExternal(HELP_URL) }],
    },
  ];
}

export function installMenu(): void {
  const template = menuTemplate({ isMac: process.platform === 'darwin', isPackaged: app.isPackaged });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
