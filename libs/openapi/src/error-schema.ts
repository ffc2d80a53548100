import type { JsonSchema } from './json-schema';

/** The one error shape of both APIs: `{"error": {"code", "message", "details"?, "help"?}}`. */
export const errorSchema = (glossaryUrl: string): JsonSchema => ({
  type: 'object',
  description: `Every error. Branch on \`error.code\`; each code is explained in the [glossary](${glossaryUrl}#errors).`,
  properties: {
    error: {
      type: 'object',
      properties: {
        code: {
          type: 'string',
          pattern: '^[A-Z][A-Z_]*$',
          description: 'stable, machine-readable, e.g. SEATS_EXHAUSTED',
        },
        message: { type: 'string', description: 'for people; may change' },
        details: {
          description:
            'particulars, by code — BAD_REQUEST: `[{field, problem}]`; a refusal: `{seats: {inUse, limit}}`; LICENSE_SUSPENDED: `{status, offline_grace_days}`; LEASE_NOT_ACTIVE, SESSION_NOT_ACTIVE: `{reason}`',
          oneOf: [
            {
              type: 'array',
              items: {
                type: 'object',
                properties: { field: { type: 'string' }, problem: { type: 'string' } },
                required: ['field', 'problem'],
              },
            },
            { type: 'object' },
          ],
        },
        help: {
          type: 'string',
          format: 'uri',
          description: 'the glossary entry of the code',
        },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
});
