import { mountInspector } from "./inspector";

const app = document.querySelector<HTMLElement>("#app")!;
app.innerHTML = `
  <header>
    <h1>Demix Lab</h1>
    <span class="tagline">music source separation with spectrogram masks</span>
    <div class="status">
      <span class="chip" data-status="isolation"></span>
      <span class="chip" data-status="cores"></span>
      <span class="chip" data-status="backend">backend: starting…</span>
    </div>
  </header>
  <main></main>`;

// WASM threads need SharedArrayBuffer, which only a cross-origin isolated page gets.
const isolation = app.querySelector<HTMLElement>('[data-status="isolation"]')!;
isolation.textContent = crossOriginIsolated ? "cross-origin isolated" : "not isolated: single-threaded";
isolation.classList.add(crossOriginIsolated ? "ok" : "bad");
app.querySelector<HTMLElement>('[data-status="cores"]')!.textContent = `${navigator.hardwareConcurrency} cores`;

mountInspector(app.querySelector("main")!);
// The separator needs tfjs; it loads after the first paint.
void import("./separator").then(({ mountSeparator }) => mountSeparator(app.querySelector("main")!));

// tfjs is large: start it after the page is up, and show which backend runs the models, and why.
void import("../backend").then(async ({ initBackend }) => {
  const chip = app.querySelector<HTMLElement>('[data-status="backend"]')!;
  try {
    const info = await initBackend();
    chip.textContent = `backend: ${info.name}${info.name === "wasm" ? ` (${info.simd ? "SIMD, " : ""}${info.threads} thread${info.threads === 1 ? "" : "s"})` : ""}`;
    chip.title = info.reason;
    chip.classList.add("ok");
  } catch (e) {
    chip.textContent = "backend: failed";
    chip.title = (e as Error).message;
    chip.classList.add("bad");
  }
});
