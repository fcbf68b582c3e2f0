import { afterEach, describe, expect, it } from "vitest";
import { StoreError } from "../../../src/store";
import { dropStores, freshStore } from "./helpers";

afterEach(dropStores);

const source = "// %% Load\nconst song = 1;\n\n// %% [markdown]\n// # Notes\n";

describe("notebook store", () => {
  it("creates, reads, updates, renames, lists newest first and deletes notebooks", async () => {
    const store = await freshStore();
    const a = await store.notebooks.put({ name: "Intro", source, origin: "shipped:intro.ts", shippedHash: "abc" });
    expect(a.id).toMatch(/^[0-9a-z]+-[0-9a-f]{16}$/);
    expect(a.updated).toBeGreaterThan(0);
    expect(await store.notebooks.get(a.id)).toEqual(a);

    await new Promise((r) => setTimeout(r, 2));
    const b = await store.notebooks.put({ name: "Mine", source: "// %% x\n", origin: "new" });
    expect((await store.notebooks.list()).map((n) => n.name)).toEqual(["Mine", "Intro"]);

    // An autosave passes what the editor has; the origin and hash it leaves out are kept.
    await new Promise((r) => setTimeout(r, 2));
    const edited = await store.notebooks.put({ id: a.id, name: "Intro", source: source + "const more = 2;\n" });
    expect(edited).toMatchObject({ id: a.id, origin: "shipped:intro.ts", shippedHash: "abc", source: source + "const more = 2;\n" });
    expect(edited.updated).toBeGreaterThan(a.updated);
    expect((await store.notebooks.list()).map((n) => n.id)).toEqual([a.id, b.id]);

    const renamed = await store.notebooks.rename(b.id, "Renamed");
    expect(renamed.name).toBe("Renamed");
    expect((await store.notebooks.get(b.id))!.name).toBe("Renamed");

    await store.notebooks.delete(a.id);
    expect(await store.notebooks.get(a.id)).toBeUndefined();
    expect((await store.notebooks.list()).map((n) => n.id)).toEqual([b.id]);
    await store.notebooks.delete(a.id); // deleting twice is harmless
  });

  it("keeps notebooks across connections", async () => {
    const store = await freshStore();
    const nb = await store.notebooks.put({ name: "Kept", source });
    store.close();
    const again = await freshStore(store.name);
    expect(await again.notebooks.get(nb.id)).toEqual(nb);
  });

  it("says what is wrong", async () => {
    const store = await freshStore();
    const missing = store.notebooks.rename("nope", "x");
    await expect(missing).rejects.toBeInstanceOf(StoreError);
    await expect(missing).rejects.toMatchObject({ reason: "missing", message: expect.stringMatching(/no notebook nope to rename/) });
    await expect(store.notebooks.put({ name: "bad", source: undefined as unknown as string })).rejects.toThrow(/has no source text/);
    const nb = await store.notebooks.put({ name: "n", source });
    await expect(store.notebooks.rename(nb.id, "  ")).rejects.toThrow(/name cannot be empty/);
    store.close();
    await expect(store.notebooks.list()).rejects.toMatchObject({ reason: "closed", message: expect.stringMatching(/was closed; open it again/) });
  });
});
