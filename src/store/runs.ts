/**
 * Training runs: what configured them and every step's record, appended as training goes, so a loss
 * curve can be redrawn and a run reproduced from its config and seed.
 */
import type { StepRecord } from "../train/records";
import { commit, type Database } from "./database";
import { guard, StoreError } from "./errors";
import { newId } from "./ids";
import type { RunRecord } from "./schema";

export type RunInput = Omit<RunRecord, "id" | "started" | "updated" | "step" | "records"> & Partial<Pick<RunRecord, "step" | "records">>;
/** What `update` may change after a run was created. */
export type RunChanges = Partial<Pick<RunRecord, "name" | "modelId" | "notebookId" | "metrics">>;

export class RunStore {
  constructor(private readonly db: () => Database) {}

  create(input: RunInput): Promise<RunRecord> {
    return guard(`create run "${input.name}"`, async () => {
      if (!input.name?.trim()) throw new StoreError("a run's name cannot be empty", "invalid");
      if (!Number.isInteger(input.seed)) throw new StoreError(`run "${input.name}": seed must be a whole number, got ${input.seed}`, "invalid");
      const now = Date.now();
      const records = input.records ?? [];
      const run: RunRecord = { ...input, id: newId(), started: now, updated: now, records, step: input.step ?? nextStep(records, 0) };
      const tx = this.db().transaction("runs", "readwrite");
      await commit(tx, (track) => track(tx.store.put(run)));
      return run;
    });
  }

  /**
   * Adds step records and advances the run's step. Records from a step the run already has replace
   * that step and everything after it: the run was resumed from an earlier checkpoint, so the later
   * history no longer describes the model.
   */
  appendRecords(id: string, records: StepRecord[]): Promise<RunRecord> {
    return guard(`append records to run ${id}`, async () => {
      if (records.length === 0) {
        const run = await this.db().get("runs", id);
        if (!run) throw missing(id);
        return run;
      }
      return this.change(id, (run) => {
        const from = records[0].step;
        const kept = run.records.filter((r) => r.step < from);
        const all = kept.concat(records);
        return { ...run, records: all, step: nextStep(all, run.step) };
      });
    });
  }

  update(id: string, changes: RunChanges): Promise<RunRecord> {
    return guard(`update run ${id}`, () => this.change(id, (run) => ({ ...run, ...changes })));
  }

  get(id: string): Promise<RunRecord | undefined> {
    return guard(`read run ${id}`, () => this.db().get("runs", id));
  }

  /** Every run, most recently changed first; only those of one model with `{ modelId }`. */
  list(filter: { modelId?: string } = {}): Promise<RunRecord[]> {
    return guard("list the runs", async () => {
      const db = this.db();
      if (filter.modelId !== undefined) return (await db.getAllFromIndex("runs", "modelId", filter.modelId)).sort((a, b) => b.updated - a.updated);
      return (await db.getAllFromIndex("runs", "updated")).reverse();
    });
  }

  /** Deletes the run; deleting one that is not there does nothing. */
  delete(id: string): Promise<void> {
    return guard(`delete run ${id}`, async () => {
      const tx = this.db().transaction("runs", "readwrite");
      await commit(tx, (track) => track(tx.store.delete(id)));
    });
  }

  /** Read, change and write one run in a single transaction, so concurrent appends do not lose records. */
  private async change(id: string, edit: (run: RunRecord) => RunRecord): Promise<RunRecord> {
    const tx = this.db().transaction("runs", "readwrite");
    let saved: RunRecord | undefined;
    await commit(tx, (track) =>
      track(
        tx.store.get(id).then((run) => {
          if (!run) return;
          saved = { ...edit(run), id, updated: Date.now() };
          return tx.store.put(saved);
        }),
      ),
    );
    if (!saved) throw missing(id);
    return saved;
  }
}

/** The step after the last record (records are in step order), or `fallback` when there are none. */
function nextStep(records: StepRecord[], fallback: number): number {
  return records.length ? records[records.length - 1].step + 1 : fallback;
}

function missing(id: string): StoreError {
  return new StoreError(`there is no run ${id} in this browser's store (it may have been deleted); list() shows what is stored`, "missing");
}
