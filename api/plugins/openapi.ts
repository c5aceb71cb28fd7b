// OpenAPI for the public API, generated from the same zod schemas that validate requests, with
// a readable page at /docs. Swagger UI's assets ship in @fastify/swagger-ui and are served from
// here, so the page loads nothing from another origin.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { VERSION } from '../http/version.ts';

const SWAGGER_UI_STYLE_HASH = 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Voz Segura API',
        description:
          'Anonymous, browser-encrypted violence reporting with safe statistics. Errors are always `{ "error": { "code", "message", "issues"? } }`. Demo data is fictional and labelled synthetic.',
        version: VERSION,
      },
      components: {
        securitySchemes: {
          releaseToken: {
            type: 'http',
            scheme: 'bearer',
            description: "An organisation's release token (only its SHA-256 is stored)",
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  // In a scope of its own: Swagger UI serves its files with their own cache header, replaced
  // here by no-store like everything else, without adding a hook to every other route.
  await app.register(async (docs) => {
    docs.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list', deepLinking: false, tryItOutEnabled: false },
      // Helmet's CSP (only 'self') covers these pages too. Swagger UI's bundle injects one fixed
      // <style> element; its hash is allowed on these pages only, so the rest stay strict (the
      // browser test fails if a new version injects something else).
      staticCSP: false,
      transformStaticCSP: (header) =>
        header.replace("style-src 'self'", `style-src 'self' '${SWAGGER_UI_STYLE_HASH}'`),
    });
  });
}
