import type { Session } from 'electron';
import type { Logger } from '../core/app/logger';
import type { Core } from '../core';
import { handleAppProtocol } from './app-protocol';
import { installCsp } from './csp';
import { handleMediaProtocol } from './media-protocol';
import { installPermissions } from './permissions';

/**
 * Everything a session needs before our page loads in it: the policy, the permission gate and our two
 * schemes. Per-session handlers (such as the screen picker for recordings) belong here too.
 */
export function prepareSession(ses: Session, o: { core: Core; rendererDir: string; logger: Logger }): void {
  installCsp(ses);
  installPermissions(ses);
  handleAppProtocol(ses.protocol, o.rendererDir);
  handleMediaProtocol(ses.protocol, o.core, o.logger);
}
