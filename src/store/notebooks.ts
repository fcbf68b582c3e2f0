/**
 * Notebooks: their source text, saved on every (debounced) edit. `put` is one small transaction,
 * cheap enough to autosave with.
 */
import { commit, type Database } from "./database";
import { guard, StoreError } from "./errors";
import { newId } from "./ids";
import type { Notebook } from "./schema";

/** What a caller saves: the id is made for a new notebook; `updated` is always now. */
export type NotebookInput = Omit<Notebook, "id" | "updated"> & { id?: string };

export class NotebookStore {
  constructor(private readonly db: () => Database) {}

  /** Every notebook, most recently changed first. */
  list(): Promise<Notebook[]> {
    return guard("list the notebooks", async () => (await this.db().getAllFromIndex("notebooks", "updated")).reverse());
  }

  /** The notebook, or undefined when there is none with this id. */
  get(id: string): Promise<Notebook | undefined> {
    return guard(`read notebook ${id}`, () => this.db().get("notebooks", id));
  }

  /**
   * Saves a notebook (creates it when it has no id, or an id not stored yet) and returns it as
   * stored. Fields left out (origin, shippedHash) keep their stored values.
   */
  put(input: NotebookInput): Promise<Notebook> {
    return guard(`save notebook "${input.name}"`, async () => {
      if (typeof input.source !== "string") throw new StoreError(`notebook "${input.name}" has no source text (source must be a string)`, "invalid");
      const tx = this.db().transaction("notebooks", "readwrite");
      const id = input.id ?? newId();
      let saved!: Notebook;
      await commit(tx, (track) => {
        // The read and the write share one transaction, so two quick autosaves cannot interleave.
        track(
          tx.store.get(id).then((old) => {
            saved = { ...old, ...(withoutUndefined(input) as NotebookInput), id, updated: Date.now() };
            return tx.store.put(saved);
          }),
        );
      });
      return saved;
    });
  }

  rename(id: string, name: string): Promise<Notebook> {
    return guard(`rename notebook ${id}`, async () => {
      if (!name.trim()) throw new StoreError("a notebook's name cannot be empty", "invalid");
      const tx = this.db().transaction("notebooks", "readwrite");
      let saved: Notebook | undefined;
      await commit(tx, (track) => {
        track(
          tx.store.get(id).then((old) => {
            if (!old) return;
            saved = { ...old, name, updated: Date.now() };
            return tx.store.put(saved);
          }),
        );
      });
      if (!saved) throw new StoreError(`there is no notebook ${id} to rename (it may have been deleted in another tab); list() shows what is stored`, "missing");
      return saved;
    });
  }

  /** Deletes the notebook; deleting one that is not there does nothing. */
  delete(id: string): Promise<void> {
    return guard(`delete notebook ${id}`, async () => {
      const tx = this.db().transaction("notebooks", "readwrite");
      await commit(tx, (track) => track(tx.store.delete(id)));
    });
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
