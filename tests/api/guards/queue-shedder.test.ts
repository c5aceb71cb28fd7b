// Shedding by time queued (api/guards/queue-shedder.ts): a request that waited for its turn longer than
// the budget while the server was saturated is refused at once; a person who paused between
// requests on an idle server is not.
import type { Socket } from 'node:net';
import { expect, it } from 'vitest';
import { QueueShedder } from '../../../api/guards/queue-shedder.ts';

const socket = (): Socket => ({}) as Socket;

it('refuses a request that waited past the budget on a saturated server, and only that', () => {
  let now = 0;
  let saturated = true;
  const shedder = new QueueShedder(
    2000,
    () => saturated,
    () => now,
  );
  const a = socket();
  shedder.ready(a);
  now = 1500;
  expect(shedder.shouldShed(a)).toBe(false); // within the budget
  now = 2500;
  expect(shedder.shouldShed(a)).toBe(true); // waited 2.5 s while saturated
  // The same wait on a server that is not saturated is a person pausing, not a queue.
  saturated = false;
  expect(shedder.shouldShed(a)).toBe(false);
  // Its answer was sent: the next request counts from then.
  saturated = true;
  shedder.ready(a);
  now = 3000;
  expect(shedder.shouldShed(a)).toBe(false);
  // A connection it never saw (no time to count from) is never refused.
  expect(shedder.shouldShed(socket())).toBe(false);
});

it('is off at 0', () => {
  const shedder = new QueueShedder(
    0,
    () => true,
    () => 1e9,
  );
  const a = socket();
  shedder.ready(a);
  expect(shedder.shouldShed(a)).toBe(false);
});
