export * from './json-schema';
export * from './openapi-document';
export * from './glossary';
