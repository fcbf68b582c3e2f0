/**
 * Opening the database (running migrations) and committing writes. A write resolves only after its
 * transaction has committed, so "saved" means it survives a reload or a closed tab at once.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from "idb";
import { isQuotaError, StoreError, storeFailure } from "./errors";
import { MIGRATIONS, STORE_VERSION } from "./migrations";
import type { DemixSchema } from "./schema";

export type Database = IDBPDatabase<DemixSchema>;

export async function openDatabase(name: string): Promise<Database> {
  let failure: unknown;
  let from = 0;
  let db: Database;
  try {
    db = await openDB<DemixSchema>(name, STORE_VERSION, {
      upgrade(database, oldVersion, newVersion, tx) {
        from = oldVersion;
        // openDB reports how the upgrade ended; its own `done` must not reject unobserved.
        tx.done.catch(() => undefined);
        const raw = database as unknown as IDBPDatabase<unknown>;
        const upgrade = tx as unknown as IDBPTransaction<unknown, string[], "versionchange">;
        // Migrations await their own requests only, which keeps the versionchange transaction alive;
        // an error aborts it so the database stays at its old version with its old data.
        (async () => {
          for (let v = oldVersion; v < (newVersion ?? STORE_VERSION); v++) await MIGRATIONS[v](raw, upgrade);
        })().catch((e) => {
          failure = e;
          try {
            tx.abort();
          } catch {
            // already finished: openDB reports the transaction's own error
          }
        });
      },
      blocked(current) {
        console.warn(`demix-lab store: waiting for other tabs to close the database (version ${current}) so it can be upgraded to ${STORE_VERSION}`);
      },
    });
  } catch (e) {
    if ((e as { name?: string })?.name === "VersionError") {
      throw new StoreError(
        `The database "${name}" was written by a newer version of Demix Lab than this page (which knows version ${STORE_VERSION}). Reload the page to get the newer version.`,
        "version",
        { cause: e },
      );
    }
    if (failure !== undefined) {
      const message = (failure as Error)?.message ?? String(failure);
      throw new StoreError(
        `Could not upgrade the database "${name}" from version ${from} to ${STORE_VERSION}: ${message}. ` +
          `The upgrade was rolled back, so the stored data is unchanged; reload the page, and report this if it happens again.`,
        "version",
        { cause: failure },
      );
    }
    throw await storeFailure(`open the database "${name}"`, e);
  }
  // Another tab wants a newer schema: let it upgrade; this tab's next call says to reload.
  db.addEventListener("versionchange", () => db.close());
  return db;
}

/**
 * Runs `issue`, which hands each request it makes to `track`, and resolves once the transaction has
 * committed. If issuing a request throws, or a request fails, the transaction is aborted so none of
 * its writes land (never half a model), and the failure is thrown.
 */
export async function commit(
  tx: { abort(): void; done: Promise<void> },
  issue: (track: (request: Promise<unknown>) => void) => void,
): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const abort = () => {
    try {
      tx.abort();
    } catch {
      // the transaction already ended (a failed request aborts it itself)
    }
  };
  // A request chained on a read (get, then put) can fail where the browser would not abort the
  // transaction (a put that throws inside a callback), so any failure aborts it here.
  const track = (request: Promise<unknown>) =>
    void pending.push(
      request.catch((e) => {
        abort();
        throw e;
      }),
    );
  try {
    issue(track);
  } catch (e) {
    abort();
    await Promise.allSettled([...pending, tx.done]);
    throw e;
  }
  // allSettled: every request is observed (an unobserved rejection is an unhandled one). The cause is
  // reported rather than the AbortErrors it gives the requests after it.
  const failures = (await Promise.allSettled([...pending, tx.done]))
    .filter((s): s is PromiseRejectedResult => s.status === "rejected")
    .map((s) => s.reason);
  if (failures.length) throw failures.find(isQuotaError) ?? failures.find((e) => e?.name !== "AbortError") ?? failures[0];
}
