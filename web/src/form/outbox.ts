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
      }),
  );
}

/** True if a database exists, found without opening (and so without creating) it. */
export async function hasOutbox(): Promise<boolean> {
  if (!('databases' in indexedDB)) return true;
  return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

export function putWaiting(item: Waiting): Promise<IDBValidKey> {
  return run('readwrite', (store) => store.put(item));
}

export async function listWaiting(): Promise<Waiting[]> {
  if (!(await hasOutbox())) return [];
  return run('readonly', (store) => store.getAll() as IDBRequest<Waiting[]>);
}

export async function removeWaiting(id: string): Promise<void> {
  await run('readwrite', (store) => store.delete(id));
  if ((await listWaiting()).length === 0) await clearOutbox();
}

/** Deletes the whole database, so not even an empty outbox is left on the phone. */
export function clearOutbox(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}
