import "fake-indexeddb/auto";
import * as tf from "@tensorflow/tfjs";
import { deleteDB } from "idb";
import { openStore, type Store } from "../../../src/store";
import { mulberry32 } from "../../../src/train/random";

let count = 0;
const opened: Store[] = [];

/** A fresh database per test, so tests never see each other's records. */
export function freshName(): string {
  return `demix-lab-test-${process.pid}-${++count}`;
}

export async function freshStore(name = freshName()): Promise<Store> {
  const store = await openStore(name);
  opened.push(store);
  return store;
}

/** afterEach: close and delete every store the test opened. */
export async function dropStores(): Promise<void> {
  for (const store of opened.splice(0)) {
    store.close();
    await deleteDB(store.name);
  }
}

/** A fixed input batch for a model of `bins` × `frames`, the same on every call. */
export function fixedInput(bins: number, frames: number, batch = 2): tf.Tensor4D {
  const r = mulberry32(42);
  return tf.tensor4d(Float32Array.from({ length: batch * bins * frames }, () => r()), [batch, bins, frames, 1]);
}

export function predict(model: tf.LayersModel, x: tf.Tensor4D): Float32Array {
  return tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array).slice();
}

type RawStore = IDBObjectStore & { _rawObjectStore: { storeRecord: (...args: unknown[]) => unknown } };
type RawTransaction = IDBTransaction & { _abort(name: string): void };

/**
 * Makes writes to the object store `storeName` hit a full quota, the ways browsers report it:
 * - "throw": put() throws a QuotaExceededError at once;
 * - "request": the put request fails with it, which aborts the transaction with it as its error;
 * - "commit": the put succeeds, then the transaction aborts with it (Chromium, disk full at commit).
 * Returns the function that restores normal writes.
 */
export function simulateFullQuota(storeName: string, how: "throw" | "request" | "commit"): () => void {
  const proto = IDBObjectStore.prototype;
  const original = proto.put;
  const full = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");
  proto.put = function (this: RawStore, value: unknown, key?: IDBValidKey) {
    if (this.name !== storeName) return original.call(this, value, key);
    if (how === "throw") throw full();
    if (how === "request") {
      const raw = this._rawObjectStore;
      raw.storeRecord = () => {
        throw full();
      };
      try {
        return original.call(this, value, key);
      } finally {
        delete (raw as Partial<RawStore["_rawObjectStore"]>).storeRecord;
      }
    }
    const request = original.call(this, value, key);
    const tx = this.transaction as RawTransaction;
    request.addEventListener("success", () => tx._abort("QuotaExceededError"));
    return request;
  } as typeof proto.put;
  return () => {
    proto.put = original;
  };
}
