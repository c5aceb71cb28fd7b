// The outbox: reports waiting for a connection, as ciphertext only (each one sealed whole to
// the server's transport key). Hand-written rather than a wrapper library because it must
// close its connection and delete the whole database once empty, leaving no trace behind, and
// must check for pending reports without creating the database.
const DB_NAME = 'cola';
const STORE = 'envios';

export type Waiting = { id: string; envelope: string };

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
        // A full phone aborts the write (QuotaExceededError) with no 'error' event: without this
        // the save would never end, and the outbox lock would be held until the tab closed.
        tx.onabort = () => {
          db.close();
          reject(tx.error ?? new DOMException('The outbox write was aborted', 'AbortError'));
        };
      }),
  );
}

/** True if a database exists, found without opening (and so without creating) it. */
export async function hasOutbox(): Promise<boolean> {
  if (!('databases' in indexedDB)) return true;
  return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

/**
 * One change to the outbox at a time, in this page and in other tabs (where the browser has
 * Web Locks): otherwise a report saved between "the outbox is empty" and deleting the database
 * would be deleted with it.
 */
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const locks = (navigator as Partial<Navigator>).locks;
  return locks ? (locks.request(DB_NAME, work) as Promise<T>) : work();
}

export function putWaiting(item: Waiting): Promise<IDBValidKey> {
  return exclusive(() => run('readwrite', (store) => store.put(item)));
}

export async function listWaiting(): Promise<Waiting[]> {
  if (!(await hasOutbox())) return [];
  return run('readonly', (store) => store.getAll() as IDBRequest<Waiting[]>);
}

/** Removes one report, if there is an outbox at all (a phone without one never gets one). */
export function removeWaiting(id: string): Promise<void> {
  return exclusive(async () => {
    if (!(await hasOutbox())) return;
    await run('readwrite', (store) => store.delete(id));
    await deleteIfEmpty();
  });
}

/** Deletes the outbox's database if nothing is waiting in it. */
export function clearIfEmpty(): Promise<void> {
  return exclusive(deleteIfEmpty);
}

async function deleteIfEmpty(): Promise<void> {
  if ((await listWaiting()).length === 0) await deleteDatabase();
}

/** Deletes the whole database, so not even an empty outbox is left on the phone. */
export function clearOutbox(): Promise<void> {
  return exclusive(deleteDatabase);
}

function deleteDatabase(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}
