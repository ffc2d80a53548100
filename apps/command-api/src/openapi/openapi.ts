import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Config } from '@lic/config';
import { GLOSSARY_PATH, glossaryHtml, openApiDocument } from '@lic/openapi';
import { CONFIG } from '../infrastructure/tokens';
import { operations } from './operations';

/**
 * How the examples are written — the same for the query API's document, so one test runs
 * the examples of both (test/api-docs/openapi-examples.e2e-spec.ts).
 */
export const EXAMPLES_CONVENTION = `**Examples.** Every operation has at least one named example, and "Try it out" runs it. A request example (its parameters, headers and body) and the response example of the same name belong together: the status that response is listed under is the status the request gets. Values of your own installation are written as placeholders in braces — replace them before you send: \`{license_id}\`, \`{license_key}\`, \`{product_id}\`, \`{variant_id}\`, \`{lease_token}\`, \`{lease_id}\`, \`{session_id}\`, \`{activation_id}\`, \`{machine_token}\`, \`{fingerprint}\`, \`{admin_token}\`, \`{auditor_token}\`, \`{token_id}\`, \`{position}\`. An operation's \`x-example-setup\` names the examples (\`operationId#example\`) to run before one of its own, e.g. suspending before reinstating.`;

export const commandApiDocument = (publicUrl: string) => {
  const glossaryUrl = `${publicUrl}${GLOSSARY_PATH}`;
  return openApiDocument(
    {
      title: 'License server — command API',
      version: '1',
      glossaryUrl,
      description: [
        'Decides who may use licensed software right now, and records every decision as an event.',
        '**Client surfaces** (seeds 000, 001, 002) take the license key: `Authorization: License {license_key}`. The **admin API** takes an access token with the admin role: `Authorization: Bearer {admin_token}` — `npm start` prints one.',
        '**Errors** are `{"error": {"code", "message", "details"?, "help"}}`; branch on `code`. Every code, rule ID (F4, S4, …) and word of the seeds’ vocabulary is explained in the [glossary](' +
          glossaryUrl +
          ').',
        '**Read your writes.** Every answer of a command that recorded something carries `X-Event-Position` (decimal digits); the query API takes it as `?after={position}` and answers once its read models include it.',
        EXAMPLES_CONVENTION,
      ].join('\n\n'),
    },
    operations,
  );
};

/** OpenAPI at /api/docs-json, Swagger UI at /api/docs, the glossary at /docs/glossary. */
export const setUpOpenApi = (app: NestFastifyApplication): void => {
  const config = app.get<Config>(CONFIG);
  SwaggerModule.setup(
    'api/docs',
    app,
    commandApiDocument(config.PUBLIC_URL) as unknown as OpenAPIObject,
    { jsonDocumentUrl: 'api/docs-json' },
  );
  const page = glossaryHtml();
  app
    .getHttpAdapter()
    .getInstance()
    .get(GLOSSARY_PATH, (_request, reply) => {
      void reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(page);
    });
};
