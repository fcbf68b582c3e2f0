/// <reference types="vite/client" />
/**
 * Browser only: where the page fetches tfjs's .wasm binaries from. Vite serves (and, when
 * building, emits) each file and gives its URL; tfjs then loads the one that fits the browser
 * (plain, SIMD, or threaded SIMD). Node must never import this module: `?url` is a Vite feature,
 * and in Node tfjs finds the binaries next to its own files.
 */
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import plain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import simd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import threadedSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

let configured = false;

/** Points tfjs at the served binaries; must run before the wasm backend first initialises. */
export function configureWasmPaths(): void {
  if (configured) return;
  setWasmPaths({
    "tfjs-backend-wasm.wasm": plain,
    "tfjs-backend-wasm-simd.wasm": simd,
    "tfjs-backend-wasm-threaded-simd.wasm": threadedSimd,
  });
  configured = true;
}
