import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { openApiDocument } from '@lic/openapi';
import { operations } from './operations';

/** OpenAPI at /api/docs-json, Swagger UI at /api/docs. */
export const setUpOpenApi = (app: NestFastifyApplication): void => {
  const document = openApiDocument(
    {
      title: 'License server — command API',
      version: '1',
      description:
        'Client surfaces of seeds 000, 001 and 002 (Authorization: License <key>) and the admin API (Authorization: Bearer <token>, role admin). Errors: {"error":{"code","message","details"}}; every command answer carries X-Event-Position for read-your-writes on the query API.',
    },
    operations,
  );
  SwaggerModule.setup('api/docs', app, document as unknown as OpenAPIObject, {
    jsonDocumentUrl: 'api/docs-json',
  });
};
