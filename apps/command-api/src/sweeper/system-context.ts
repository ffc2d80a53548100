import { randomUUID } from 'node:crypto';
import { systemActor } from '@lic/domain';
import type { RequestContext } from '../commands/request-context';

/** The context of work the server does on its own (expiry sweeps, refusal tallies). */
export const systemContext = (job: string): RequestContext => {
  const id = randomUUID();
  return { actor: systemActor(job), correlationId: id, requestId: id };
};
