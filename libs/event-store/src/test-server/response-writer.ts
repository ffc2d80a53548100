import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { Gate } from './gate';

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/**
 * Writes to a server-streaming call, honouring backpressure and the gate (a paused server sends
 * nothing); stops when `signal` aborts.
 */
export class ResponseWriter {
  constructor(
    private readonly call: ReadCall,
    private readonly signal: AbortSignal,
    private readonly gate: Gate,
  ) {}

  /** false once the call is over (cancelled, dropped): stop producing. */
  async write(response: ReadResp): Promise<boolean> {
    await this.gate.passed(); // a paused server sends nothing
    if (this.signal.aborted) return false;
    if (!this.call.write(response)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.call.off('drain', done);
          this.signal.removeEventListener('abort', done);
          resolve();
        };
        this.call.on('drain', done);
        this.signal.addEventListener('abort', done, { once: true });
      });
    }
    return !this.signal.aborted;
  }
}
