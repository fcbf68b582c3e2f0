import { defineConfig } from "vite";

// WASM threads (SharedArrayBuffer) need cross-origin isolation, on the dev server and on preview alike.
export const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: {
    target: "es2022",
    // Not minified: tfjs's threaded wasm backend starts its workers from the source text of a
    // bundled function, and the minifier's renamed identifiers no longer resolve inside the
    // worker, so setBackend("wasm") hangs without an error (FIELD-NOTES). Costs bundle size only;
    // the .wasm binaries, most of the download, are unaffected.
    minify: false,
  },
});
