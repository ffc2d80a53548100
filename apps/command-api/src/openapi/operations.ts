import type { Operation } from '@lic/openapi';
import { floatingOperations } from './floating.operations';
import { licenseOperations } from './licenses.operations';
import { machineOperations } from './machines.operations';
import { productOperations } from './products.operations';
import { serviceOperations } from './service.operations';
import { sessionOperations } from './sessions.operations';
import { tokenOperations } from './tokens.operations';

/** Every route of the command API, with the codecs of its requests and answers, and examples. */
export const operations: readonly Operation[] = [
  ...floatingOperations,
  ...machineOperations,
  ...sessionOperations,
  ...productOperations,
  ...licenseOperations,
  ...tokenOperations,
  ...serviceOperations,
];
