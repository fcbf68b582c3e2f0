import { cpSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";

/**
 * The shipped models live in models/ at the top of the repo (the CLI reads them there); the dev
 * server serves them from the root already, and this copies them into the build so the app loads
 * them from its own origin in production too.
 */
function shippedModels(): Plugin {
  let outDir = "dist";
  return {
    name: "demix-shipped-models",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      if (existsSync("models")) cpSync("models", resolve(outDir, "models"), { recursive: true });
    },
  };
}

// WASM threads (SharedArrayBuffer) need cross-origin isolation, on the dev server and on preview alike.
export const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  plugins: [shippedModels()],
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
