/**
 * Is there a real GPU behind WebGL / WebGPU? Browsers without one still offer both, rendered in
 * software (SwiftShader, llvmpipe), where tfjs runs 20–40× slower than on wasm (FIELD-NOTES), so
 * "WebGL is available" is not a reason to use it.
 */

/** Renderer / adapter names of software rasterisers. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

export interface GpuProbe {
  /** WebGL's unmasked renderer string, when WebGL exists. */
  webgl?: { renderer: string; software: boolean };
  /** The WebGPU adapter, when one is offered. */
  webgpu?: { description: string; software: boolean };
}

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}

function probeWebgl(): GpuProbe["webgl"] {
  // OffscreenCanvas first: training runs in a worker, which has no document.
  const canvas: OffscreenCanvas | HTMLCanvasElement | undefined =
    typeof OffscreenCanvas !== "undefined"
      ? new OffscreenCanvas(1, 1)
      : typeof document !== "undefined"
        ? document.createElement("canvas")
        : undefined;
  if (!canvas) return undefined;
  const gl = (canvas.getContext("webgl2") ?? canvas.getContext("webgl")) as WebGLRenderingContext | WebGL2RenderingContext | null;
  if (!gl) return undefined;
  const ext = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return { renderer, software: isSoftwareRenderer(renderer) };
}

/** The few fields of WebGPU's adapter we read (TypeScript's DOM lib has no WebGPU types yet). */
interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: AdapterInfoLike;
  requestAdapterInfo?: () => Promise<AdapterInfoLike>;
}

async function probeWebgpu(): Promise<GpuProbe["webgpu"]> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } } | undefined)?.gpu;
  if (!gpu) return undefined;
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return undefined;
  const info = adapter.info ?? (await adapter.requestAdapterInfo?.().catch(() => undefined)) ?? {};
  const description = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(" ") || "unknown adapter";
  const software = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true || isSoftwareRenderer(description);
  return { description, software };
}

/** Probes WebGL always and WebGPU only when asked (requesting an adapter can take a while). */
export async function probeGpu(withWebgpu: boolean): Promise<GpuProbe> {
  let webgl: GpuProbe["webgl"];
  try {
    webgl = probeWebgl();
  } catch {
    webgl = undefined;
  }
  const webgpu = withWebgpu ? await probeWebgpu() : undefined;
  return { webgl, webgpu };
}
