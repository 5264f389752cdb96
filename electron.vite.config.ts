import { resolve } from 'node:path';
import { defineConfig, mergeConfig } from 'electron-vite';
import renderer from './vite.renderer.config';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'main/index.ts'), fileName: () => 'index.js' },
      // Packages that find native files beside themselves stay in node_modules (asarUnpack'd), not in the bundle.
      externalizeDeps: { include: ['ffmpeg-static', 'ffprobe-static'] },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Sandboxed preloads run as classic scripts that may require only 'electron': CommonJS, everything bundled.
      lib: { entry: resolve(root, 'preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      externalizeDeps: false,
    },
  },
  // The very renderer build the browser shell serves; electron-vite only needs its entry named outright.
  renderer: mergeConfig(renderer, { build: { rolldownOptions: { input: resolve(root, 'renderer/index.html') } } }),
});
