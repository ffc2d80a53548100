import { ServiceUnavailableException } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';

/**
 * A failed check is a 503 with terminus's own body (which indicator is down, and why), not
 * the API's error envelope: probes and operators read `details`, and the global ErrorFilter
 * would hide it behind a bare 500-style message.
 */
export const healthAnswer = async (
  reply: FastifyReply,
  check: Promise<HealthCheckResult>,
): Promise<unknown> => {
  try {
    return await check;
  } catch (error) {
    if (!(error instanceof ServiceUnavailableException)) throw error;
    void reply.status(503);
    return error.getResponse();
  }
};
