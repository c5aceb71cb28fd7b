// The baseline for the submission benchmark: a bare Fastify route that parses the same JSON
// body (with the same size limit) and answers 201, doing nothing else.
import Fastify from 'fastify';
import { BODY_LIMIT } from '../api/app.ts';

const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT });
app.post('/api/reports', async (request, reply) => {
  const body = request.body as { id?: string };
  return reply.code(201).send({ id: body.id, status: 'received' });
});
app.listen({ port: 0, host: '127.0.0.1' }).then((address) => {
  process.stdout.write(`Form:          ${address}/ \n`);
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
