import path from 'node:path';
import { app } from 'electron';
import { inviteCodeSchema, inviteLink } from '../common/hub-api';
import { hubUrlSchema } from '../common/schemas/community';

/** The hub's invite page links here (`practicecircle://join?hub=…&code=…`) to open the studio on the invitation. */
export const JOIN_SCHEME = 'practicecircle';

/** A join link as the invite link the studio's join screen takes, or null for anything else. */
export function inviteFromJoinUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${JOIN_SCHEME}:` || parsed.hostname !== 'join') return null;
  const hub = hubUrlSchema.safeParse(parsed.searchParams.get('hub'));
  const code = inviteCodeSchema.safeParse(parsed.searchParams.get('code'));
  return hub.success && code.success ? inviteLink(hub.data, code.data) : null;
}

/** Windows and Linux start the app (or a second copy of it) with the link among its arguments. */
export function inviteInArgs(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const invite = arg.startsWith(`${JOIN_SCHEME}:`) ? inviteFromJoinUrl(arg) : null;
    if (invite) return invite;
  }
  return null;
}

/**
 * Makes the studio the system's handler for join links. Returns the invite this launch was started
 * with, if any; `open` receives the ones macOS hands over as events, at launch or later.
 */
export function registerJoinLinks(open: (invite: string) => void): string | null {
  // Unpackaged (`electron .`), the OS must be told to start Electron with our entry script.
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(JOIN_SCHEME, process.execPath, [path.resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient(JOIN_SCHEME);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const invite = inviteFromJoinUrl(url);
    if (invite) open(invite);
  });
  return inviteInArgs(process.argv);
}

/** Where the window opens for an invite: the renderer's join address (renderer/src/community/pending-invite.ts). */
export function joinRoute(invite: string): string {
  return `#/join?invite=${encodeURIComponent(invite)}`;
}
