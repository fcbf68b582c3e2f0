import { defineConfig } from "vite";

// WASM threads (SharedArrayBuffer) need cross-origin isolation, on the dev server and on preview alike.
export const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: { target: "es2022" },
});
