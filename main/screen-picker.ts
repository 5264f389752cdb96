import { desktopCapturer, type Session } from 'electron';
import type { ScreenSource } from '../common/schemas/recording';
import type { ScreenSourceProvider } from '../core/recording/screen-sources';
import { isAppUrl } from './schemes';

const THUMBNAIL = { width: 320, height: 180 };
const TYPES: Array<'screen' | 'window'> = ['screen', 'window'];

/**
 * Screen capture with our own picker: Electron shows none, so the renderer lists the sources
 * (capture.sources), the person picks one, the renderer names it (capture.choose) and then calls
 * getDisplayMedia(), which is granted exactly that source, once. Without a fresh choice, or from any
 * page but ours, the request is refused.
 */
export function createScreenPicker(): { provider: ScreenSourceProvider; install(ses: Session): void } {
  let chosen: string | null = null;
  return {
    provider: {
      async list(): Promise<ScreenSource[]> {
        const sources = await desktopCapturer.getSources({ types: TYPES, thumbnailSize: THUMBNAIL });
        return sources.map((s) => ({
          id: s.id,
          name: s.name,
          kind: s.id.startsWith('screen:') ? 'screen' : 'window',
          thumbnail: s.thumbnail.toDataURL(),
        }));
      },
      choose(id) {
        chosen = id;
      },
    },
    install(ses) {
      ses.setDisplayMediaRequestHandler((request, callback) => {
        const id = chosen;
        chosen = null;
        if (!id || !request.videoRequested || !isAppUrl(request.securityOrigin)) return callback(null);
        // Thumbnails are not needed to hand over a stream; asking for none keeps this quick.
        desktopCapturer.getSources({ types: TYPES, thumbnailSize: { width: 0, height: 0 } }).then(
          (sources) => {
            const source = sources.find((s) => s.id === id);
            callback(source ? { video: source } : null);
          },
          () => callback(null),
        );
      });
    },
  };
}
