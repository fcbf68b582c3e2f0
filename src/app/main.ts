import { mountInspector } from "./inspector";

const app = document.querySelector<HTMLElement>("#app")!;
app.innerHTML = `
  <header>
    <h1>Demix Lab</h1>
    <span class="tagline">music source separation with spectrogram masks</span>
    <div class="status">
      <span class="chip" data-status="isolation"></span>
      <span class="chip" data-status="cores"></span>
    </div>
  </header>
  <main></main>`;

// WASM threads need SharedArrayBuffer, which only a cross-origin isolated page gets.
const isolation = app.querySelector<HTMLElement>('[data-status="isolation"]')!;
isolation.textContent = crossOriginIsolated ? "cross-origin isolated" : "not isolated: single-threaded";
isolation.classList.add(crossOriginIsolated ? "ok" : "bad");
app.querySelector<HTMLElement>('[data-status="cores"]')!.textContent = `${navigator.hardwareConcurrency} cores`;

mountInspector(app.querySelector("main")!);
