/**
 * Every failure of the store surfaces as a StoreError whose message says what happened and what to
 * do; `reason` lets a caller react (e.g. offer to delete models when the storage is full).
 */
export type StoreErrorReason = "quota" | "missing" | "invalid" | "closed" | "version" | "failed";

export class StoreError extends Error {
  override readonly name = "StoreError";
  constructor(
    message: string,
    readonly reason: StoreErrorReason,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface StorageUse {
  /** Bytes this origin uses, when the browser says. */
  usage?: number;
  /** Bytes this origin may use, when the browser says. */
  quota?: number;
}

/** What the browser reports about this origin's storage (nothing where navigator.storage is missing). */
export async function storageUse(): Promise<StorageUse> {
  const storage = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<StorageEstimate> } } }).navigator?.storage;
  if (!storage?.estimate) return {};
  try {
    const { usage, quota } = await storage.estimate();
    return { usage, quota };
  } catch {
    return {};
  }
}

/**
 * True for a full quota however the browser reports it: a request that throws, a request error, or
 * a transaction that aborts with it as its error (Chromium reports a full disk at commit that way).
 */
export function isQuotaError(e: unknown): boolean {
  for (let x = e, depth = 0; x && typeof x === "object" && depth < 4; depth++) {
    const { name, code, cause } = x as { name?: string; code?: number; cause?: unknown };
    // 22 is the legacy DOMException code; Firefox names it NS_ERROR_DOM_QUOTA_REACHED.
    if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22) return true;
    x = cause;
  }
  return false;
}

/** The error for a save that did not fit, with how much is used and what to do about it. */
export async function quotaError(what: string, cause: unknown): Promise<StoreError> {
  const { usage, quota } = await storageUse();
  const used =
    usage === undefined
      ? "the browser does not say how much is used"
      : quota === undefined
        ? `${formatBytes(usage)} is used`
        : `${formatBytes(usage)} of ${formatBytes(quota)} is used`;
  return new StoreError(
    `Could not ${what}: the browser's storage for this site is full (${used}). Nothing already stored was lost. ` +
      `Delete models or runs you no longer need, or export them to files and then delete them, and try again.`,
    "quota",
    { cause },
  );
}

/** Turns any failure of `what` into a StoreError (a full quota into the quota message). */
export async function storeFailure(what: string, e: unknown): Promise<StoreError> {
  if (e instanceof StoreError) return e;
  if (isQuotaError(e)) return quotaError(what, e);
  const name = (e as { name?: string })?.name;
  const message = (e as { message?: string })?.message || String(e);
  if (name === "InvalidStateError") {
    return new StoreError(
      `Could not ${what}: the database connection is closed (the store was closed, or another tab upgraded the database). Reload the page.`,
      "closed",
      { cause: e },
    );
  }
  return new StoreError(`Could not ${what}: ${message}`, "failed", { cause: e });
}

/** Runs `body`, reporting any failure as a StoreError about `what`. */
export async function guard<T>(what: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    throw await storeFailure(what, e);
  }
}

export function formatBytes(n: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${n.toPrecision(3)} ${units[i]}`;
}
