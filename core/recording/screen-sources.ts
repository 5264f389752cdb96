import type { ScreenSource } from '../../common/schemas/recording';

/**
 * What a shell that lists screens and windows itself (Electron's desktopCapturer) hands the core, so
 * the renderer can show our own picker and name its choice before it calls getDisplayMedia(). The
 * browser shell has none: the browser shows its own picker.
 */
export interface ScreenSourceProvider {
  list(): Promise<ScreenSource[]>;
  /** The source the next getDisplayMedia() request is granted. */
  choose(id: string): void;
}
