import { describe, expect, it } from 'vitest';
import { app } from './electron-stand-in';
import { vi } from 'vitest';

vi.mock('electron', () => import('./electron-stand-in'));

const { JOIN_SCHEME, inviteFromJoinUrl, inviteInArgs, joinRoute, registerJoinLinks } = await import('../../../main/join-links');

describe('join links (practicecircle://join)', () => {
  it('become the invite link the join screen takes', () => {
    expect(inviteFromJoinUrl('practicecircle://join?hub=https%3A%2F%2Fhub.example.org%2F&code=ABCD-EFGH-JKMN')).toBe(
      'https://hub.example.org/join/ABCDEFGHJKMN',
    );
  });

  it('are refused when they name no http(s) hub, no code, or something else', () => {
    expect(inviteFromJoinUrl('practicecircle://join?hub=javascript%3Aalert(1)&code=ABCDEFGH')).toBeNull();
    expect(inviteFromJoinUrl('practicecircle://join?hub=https%3A%2F%2Fhub.example.org&code=%3Cb%3E')).toBeNull();
    expect(inviteFromJoinUrl('practicecircle://settings?hub=https%3A%2F%2Fhub.example.org&code=ABCDEFGH')).toBeNull();
    expect(inviteFromJoinUrl('https://hub.example.org/join/ABCDEFGH')).toBeNull();
  });

  it('are found among a launch’s arguments (Windows, Linux)', () => {
    expect(
      inviteInArgs([
        '/opt/Practice Circle/practice-circle',
        '--no-sandbox',
        'practicecircle://join?hub=http%3A%2F%2F127.0.0.1%3A8787&code=ABCDEFGH',
      ]),
    ).toBe('http://127.0.0.1:8787/join/ABCDEFGH');
    expect(inviteInArgs(['/opt/Practice Circle/practice-circle'])).toBeNull();
  });

  it('are registered with the system, and macOS’s open-url events reach the studio', () => {
    const opened: string[] = [];
    registerJoinLinks((invite) => opened.push(invite));
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith(
      JOIN_SCHEME,
      ...(process.defaultApp ? [expect.any(String), expect.any(Array)] : []),
    );
    const event = { preventDefault: vi.fn() };
    app.emit('open-url', event, 'practicecircle://join?hub=https%3A%2F%2Fhub.example.org&code=ABCDEFGH');
    app.emit('open-url', { preventDefault: vi.fn() }, 'practicecircle://join?code=ABCDEFGH');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(opened).toEqual(['https://hub.example.org/join/ABCDEFGH']);
  });

  it('open the window on the join address, the invite link kept whole', () => {
    const route = joinRoute('https://hub.example.org/join/ABCDEFGH');
    expect(new URLSearchParams(route.split('?')[1]).get('invite')).toBe('https://hub.example.org/join/ABCDEFGH');
  });
});
