// The sealing code (libsodium, the proof of work, Argon2id for the receipt) in a worker, so that
// loading and running it never freezes the form on a slow phone. The page talks to it through
// sealer.ts and sends what it seals itself (send.ts); nothing here touches storage.
import * as seal from './seal.ts';
import type { SealCall, SealReply } from './sealer.ts';

const scope = self as unknown as {
  postMessage: (reply: SealReply) => void;
  onmessage: ((e: MessageEvent<SealCall>) => void) | null;
};

function run(call: SealCall): Promise<unknown> {
  switch (call.fn) {
    case 'prepare':
      return seal.prepare().then((recipients) => {
        // While the person goes on answering: the receipt for Enviar.
        void seal.prepareReceipt().catch(() => undefined);
        return recipients;
      });
    case 'buildSubmission':
      return seal.buildSubmission(...call.args);
    case 'sealForLater':
      return seal.sealForLater(...call.args);
    case 'takeProof':
      return seal.takeProof();
    case 'proveWork':
      return seal.proveWork();
  }
}

scope.onmessage = (e) => {
  const call = e.data;
  run(call).then(
    (result) => scope.postMessage({ id: call.id, result }),
    (err: unknown) => scope.postMessage({ id: call.id, error: String(err) }),
  );
};
