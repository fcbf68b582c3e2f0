/**
 * The workbench: a sidebar (shipped notebooks, the user's notebooks, models, runs, tools, and the
 * machine's state) and the open notebook or tool. The URL hash says what is open (#/notebook/<id>,
 * #/tool/<name>, #/run/<id>), so reload and back work; `?quick` is kept for shortened notebooks.
 */
import { formatBytes, openStore, type ModelRecord, type Notebook, type Store } from "../store";
import { download } from "./download";
import { NotebookView } from "./notebook/notebook-view";
import { SHIPPED, type ShippedNotebook } from "./shipped";
import { readNotebookFile } from "./notebook-file";

type Route = { kind: "notebook"; id: string } | { kind: "tool"; name: ToolName } | { kind: "run"; id: string } | { kind: "home" };
type ToolName = "separate" | "inspect" | "stems";

const TOOLS: { name: ToolName; label: string }[] = [
  { name: "separate", label: "Separate a song" },
  { name: "inspect", label: "Inspect audio" },
  { name: "stems", label: "Your stems" },
];

export class Workbench {
  private store!: Store;
  private notebook?: NotebookView;
  private openShipped?: string;
  private readonly content: HTMLElement;
  private readonly sidebar: HTMLElement;

  constructor(private readonly root: HTMLElement) {
    root.innerHTML = `
      <div class="workbench">
        <aside class="sidebar">
          <div class="brand"><strong>Demix Lab</strong><span>source separation notebooks</span></div>
          <nav>
            <h3>Shipped notebooks</h3>
            <ul data-list="shipped"></ul>
            <h3>Your notebooks
              <span class="h-actions">
                <button type="button" class="small" data-action="new-notebook" title="A new, empty notebook">New</button>
                <label class="small button" title="Open a .ts notebook file; it does not run until you ask">Import<input type="file" accept=".ts,text/typescript,text/plain" data-action="import-notebook" hidden /></label>
              </span>
            </h3>
            <ul data-list="notebooks"></ul>
            <h3>Models
              <span class="h-actions">
                <label class="small button" title="model.json + weights.bin (+ training.json), as demix train writes them">Import<input type="file" multiple accept=".json,.bin" data-action="import-model" hidden /></label>
              </span>
            </h3>
            <ul data-list="models"></ul>
            <h3>Runs</h3>
            <ul data-list="runs"></ul>
            <h3>Tools</h3>
            <ul data-list="tools"></ul>
          </nav>
          <footer class="machine">
            <span class="chip" data-status="backend">backend: starting…</span>
            <span class="chip" data-status="isolation"></span>
            <span class="chip" data-status="cores"></span>
            <span class="chip" data-status="storage"></span>
          </footer>
        </aside>
        <main class="content"><p class="loading">Opening…</p></main>
      </div>`;
    this.content = root.querySelector(".content")!;
    this.sidebar = root.querySelector(".sidebar")!;
  }

  async start(): Promise<void> {
    this.showMachine();
    try {
      this.store = await openStore();
    } catch (e) {
      this.content.innerHTML = "";
      this.content.append(message(`The browser's storage could not be opened: ${(e as Error).message}. Notebooks need IndexedDB; private windows of some browsers do not have it.`));
      return;
    }
    this.wireSidebar();
    await this.refresh();
    window.addEventListener("hashchange", () => void this.open(parseRoute(location.hash)));
    // Notebook cells save models and runs through src/workspace; the lists follow.
    window.addEventListener("demix:store-changed", () => void this.refresh());
    window.addEventListener("pagehide", () => void this.notebook?.flush());
    await this.open(parseRoute(location.hash));
  }

  private showMachine(): void {
    const chip = (name: string) => this.sidebar.querySelector<HTMLElement>(`[data-status="${name}"]`)!;
    const isolation = chip("isolation");
    isolation.textContent = crossOriginIsolated ? "isolated" : "not isolated";
    isolation.title = crossOriginIsolated ? "cross-origin isolated: WASM threads available" : "not cross-origin isolated: WASM runs single-threaded";
    isolation.classList.add(crossOriginIsolated ? "ok" : "bad");
    chip("cores").textContent = `${navigator.hardwareConcurrency} cores`;
    void import("../backend").then(async ({ initBackend }) => {
      const backend = chip("backend");
      try {
        const info = await initBackend();
        backend.textContent = `${info.name}${info.name === "wasm" ? ` · ${info.simd ? "SIMD · " : ""}${info.threads} thread${info.threads === 1 ? "" : "s"}` : ""}`;
        backend.title = info.reason;
        backend.classList.add("ok");
      } catch (e) {
        backend.textContent = "backend failed";
        backend.title = (e as Error).message;
        backend.classList.add("bad");
      }
    });
  }

  private wireSidebar(): void {
    const on = (selector: string, event: string, f: (e: Event) => void) => this.sidebar.querySelector(selector)!.addEventListener(event, f);
    on('[data-action="new-notebook"]', "click", async () => {
      const nb = await this.store.notebooks.put({ name: "Untitled", source: `// %% [markdown]\n// # Untitled\n\n// %% First cell\nimport { generateSong } from "../src";\n`, origin: "new" });
      await this.refresh();
      location.hash = `#/notebook/${nb.id}`;
    });
    on('[data-action="import-notebook"]', "change", async (e) => {
      const input = e.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = "";
      if (!file) return;
      try {
        const source = await readNotebookFile(file);
        const nb = await this.store.notebooks.put({ name: file.name.replace(/\.ts$/, ""), source, origin: "imported" });
        await this.refresh();
        location.hash = `#/notebook/${nb.id}`;
      } catch (err) {
        this.flash(`Could not import ${file.name}: ${(err as Error).message}`);
      }
    });
    on('[data-action="import-model"]', "change", async (e) => {
      const input = e.target as HTMLInputElement;
      const files = Array.from(input.files ?? []);
      input.value = "";
      if (!files.length) return;
      try {
        await import("../backend").then((b) => b.initBackend());
        const record = await this.store.models.importFiles(files);
        this.flash(`Imported model "${record.name}" (${formatBytes(record.bytes)}).`, "ok");
        await this.refresh();
      } catch (err) {
        this.flash((err as Error).message);
      }
    });
    const tools = this.sidebar.querySelector('[data-list="tools"]')!;
    for (const t of TOOLS) tools.append(item(t.label, `#/tool/${t.name}`));
  }

  /** Re-reads the lists from the store (after a save, an import, a delete…). */
  async refresh(): Promise<void> {
    const [notebooks, models, runs, use] = await Promise.all([this.store.notebooks.list(), this.store.models.list(), this.store.runs.list(), this.store.estimate()]);
    const copies = new Map(notebooks.filter((n) => n.origin?.startsWith("shipped:")).map((n) => [n.origin!.slice(8), n]));
    const shipped = this.sidebar.querySelector('[data-list="shipped"]')!;
    shipped.replaceChildren(...SHIPPED.map((s) => {
      const copy = copies.get(s.file);
      const li = item(s.title, `#/shipped/${encodeURIComponent(s.file)}`);
      if (copy && copy.source !== s.source) li.append(badge("edited"));
      return li;
    }));
    const mine = notebooks.filter((n) => !n.origin?.startsWith("shipped:"));
    const list = this.sidebar.querySelector('[data-list="notebooks"]')!;
    list.replaceChildren(...(mine.length ? mine.map((n) => item(n.name, `#/notebook/${n.id}`, n.origin === "imported" ? "imported" : undefined)) : [empty("New or imported notebooks appear here.")]));
    const modelList = this.sidebar.querySelector('[data-list="models"]')!;
    modelList.replaceChildren(...(models.length ? models.map((m) => this.modelItem(m)) : [empty("Models saved from notebooks appear here.")]));
    const runList = this.sidebar.querySelector('[data-list="runs"]')!;
    runList.replaceChildren(...(runs.length ? runs.map((r) => item(`${r.name} · ${r.step} steps`, `#/run/${r.id}`)) : [empty("Training runs appear here.")]));
    const storage = this.sidebar.querySelector<HTMLElement>('[data-status="storage"]')!;
    storage.textContent = use.usage !== undefined ? `${formatBytes(use.usage)} stored` : "storage: unknown";
    if (use.quota !== undefined) storage.title = `of ${formatBytes(use.quota)} this browser allows this site`;
    this.markActive();
  }

  private modelItem(m: ModelRecord): HTMLElement {
    const li = document.createElement("li");
    li.className = "model";
    li.innerHTML = `<span class="name"></span><span class="meta"></span><span class="row-actions"><button type="button" class="small" data-a="rename">Rename</button><button type="button" class="small" data-a="export">Export</button><button type="button" class="small" data-a="delete">Delete</button></span>`;
    li.querySelector(".name")!.textContent = m.name;
    li.querySelector(".meta")!.textContent = `${m.preset ?? "custom"} · ${m.target} · ${m.trainingStep} steps · ${formatBytes(m.bytes)}${m.resumable ? " · resumable" : ""}`;
    li.querySelector('[data-a="rename"]')!.addEventListener("click", async () => {
      const name = prompt("New name for the model", m.name);
      if (name && name.trim() && name !== m.name) {
        await this.store.models.rename(m.id, name.trim()).catch((e) => this.flash((e as Error).message));
        await this.refresh();
      }
    });
    li.querySelector('[data-a="export"]')!.addEventListener("click", async () => {
      try {
        for (const file of await this.store.models.exportFiles(m.id)) download(file, file.name);
      } catch (e) {
        this.flash((e as Error).message);
      }
    });
    li.querySelector('[data-a="delete"]')!.addEventListener("click", async () => {
      if (!confirm(`Delete the model "${m.name}" from this browser? Export it first to keep a copy.`)) return;
      await this.store.models.delete(m.id).catch((e) => this.flash((e as Error).message));
      await this.refresh();
    });
    return li;
  }

  private markActive(): void {
    // A shipped notebook is open as the user's copy: its sidebar link is the shipped one.
    const open = this.openShipped ? `#/shipped/${encodeURIComponent(this.openShipped)}` : location.hash;
    for (const a of this.sidebar.querySelectorAll<HTMLAnchorElement>("nav a")) a.classList.toggle("active", a.getAttribute("href") === open);
  }

  private flash(text: string, kind: "bad" | "ok" = "bad"): void {
    const note = message(text, kind);
    this.content.prepend(note);
    setTimeout(() => note.remove(), 12_000);
  }

  private close(): void {
    this.notebook?.dispose();
    this.notebook = undefined;
    this.content.replaceChildren();
  }

  /** Bumped by every open(): a slow open (a tool's module loading) must not land after a newer one. */
  private opening = 0;

  async open(route: Route): Promise<void> {
    const token = ++this.opening;
    const current = () => token === this.opening;
    if (route.kind === "home") {
      const last = localStorage.getItem("demix:last");
      location.replace(last && last !== "#/" ? last : SHIPPED.length ? `#/shipped/${encodeURIComponent(SHIPPED[0].file)}` : "#/tool/separate");
      return;
    }
    if (route.kind === "notebook" && route.id.startsWith("shipped:")) {
      const file = route.id.slice(8);
      const shipped = SHIPPED.find((s) => s.file === file);
      if (!shipped) return this.notFound(`There is no shipped notebook ${file}.`);
      const copy = await this.copyOf(shipped);
      location.replace(`#/notebook/${copy.id}`);
      return;
    }
    localStorage.setItem("demix:last", location.hash);
    this.close();
    this.openShipped = undefined;
    this.markActive();
    if (route.kind === "tool") {
      const tools = { separate: () => import("./separator").then((m) => m.mountSeparator), inspect: () => import("./inspector").then((m) => m.mountInspector), stems: () => this.stemsTool() };
      const load = tools[route.name];
      if (!load) return this.notFound(`There is no tool "${route.name}".`);
      const mount = await load();
      if (current()) mount(this.content);
      return;
    }
    if (route.kind === "run") return this.showRun(route.id);
    const nb = await this.store.notebooks.get(route.id);
    if (!current()) return;
    if (!nb) return this.notFound("This notebook is not in this browser's storage (it may have been deleted).");
    this.showNotebook(nb);
  }

  private async copyOf(shipped: ShippedNotebook): Promise<Notebook> {
    const all = await this.store.notebooks.list();
    const existing = all.find((n) => n.origin === `shipped:${shipped.file}`);
    if (existing) return existing;
    const copy = await this.store.notebooks.put({ name: shipped.title, source: shipped.source, origin: `shipped:${shipped.file}`, shippedHash: shipped.hash });
    await this.refresh();
    return copy;
  }

  private showNotebook(nb: Notebook): void {
    const shipped = nb.origin?.startsWith("shipped:") ? SHIPPED.find((s) => s.file === nb.origin!.slice(8)) : undefined;
    this.openShipped = shipped?.file;
    this.markActive();
    this.notebook = new NotebookView(this.content, { id: nb.id, name: nb.name, source: nb.source, origin: nb.origin }, {
      save: async (doc) => {
        const before = (await this.store.notebooks.get(doc.id))?.name;
        await this.store.notebooks.put({ id: doc.id, name: doc.name, source: doc.source });
        if (before !== doc.name || shipped) void this.refresh();
      },
      restore: shipped
        ? async () => {
            if (!confirm(`Replace your copy of "${shipped.title}" with the shipped original? Your edits to it are lost.`)) return;
            await this.store.notebooks.put({ id: nb.id, name: shipped.title, source: shipped.source, shippedHash: shipped.hash });
            await this.open({ kind: "notebook", id: nb.id });
            await this.refresh();
          }
        : undefined,
    });
  }

  /** One "Your stems" panel for the page's life: leaving the tool must not drop the loaded tracks. */
  private stemsPanel?: HTMLElement;
  private async stemsTool(): Promise<(parent: HTMLElement) => void> {
    if (!this.stemsPanel) {
      const [{ mountStemsPanel }, { setLoadedStems }] = await Promise.all([import("./stems-panel"), import("../data")]);
      const holder = document.createElement("div");
      mountStemsPanel(holder, setLoadedStems);
      this.stemsPanel = holder;
    }
    return (parent) => parent.append(this.stemsPanel!);
  }

  private async showRun(id: string): Promise<void> {
    const run = await this.store.runs.get(id).catch(() => undefined);
    if (!run) return this.notFound("This run is not in this browser's storage.");
    const { render } = await import("./notebook/render");
    const section = document.createElement("section");
    section.className = "run-view";
    const h = document.createElement("h2");
    h.textContent = run.name;
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = `${run.step} steps · seed ${run.seed} · started ${new Date(run.started).toLocaleString()}`;
    const done = Promise.resolve({ stoppedBy: "steps", step: run.step });
    section.append(h, meta, render({ records: run.records, done, stop: async () => {} }, { cleared: new Promise(() => {}) }), render(run.config, { cleared: new Promise(() => {}) }));
    this.content.append(section);
  }

  private notFound(text: string): void {
    this.content.replaceChildren(message(text));
  }
}

function parseRoute(hash: string): Route {
  const [, kind, ...rest] = hash.replace(/^#/, "").split("/");
  const arg = decodeURIComponent(rest.join("/"));
  if (kind === "notebook" && arg) return { kind: "notebook", id: arg };
  if (kind === "shipped" && arg) return { kind: "notebook", id: `shipped:${arg}` };
  if (kind === "tool" && arg) return { kind: "tool", name: arg as ToolName };
  if (kind === "run" && arg) return { kind: "run", id: arg };
  return { kind: "home" };
}

function item(label: string, href: string, tag?: string): HTMLLIElement {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = href;
  a.textContent = label;
  li.append(a);
  if (tag) li.append(badge(tag));
  return li;
}

function badge(text: string): HTMLElement {
  const b = document.createElement("span");
  b.className = "badge";
  b.textContent = text;
  return b;
}

function empty(text: string): HTMLLIElement {
  const li = document.createElement("li");
  li.className = "empty";
  li.textContent = text;
  return li;
}

function message(text: string, kind: "bad" | "ok" = "bad"): HTMLElement {
  const p = document.createElement("p");
  p.className = `message ${kind}`;
  p.setAttribute("role", kind === "bad" ? "alert" : "status");
  p.textContent = text;
  return p;
}
