export * from './json-schema';
export * from './openapi-document';
