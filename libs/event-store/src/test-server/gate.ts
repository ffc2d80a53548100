/**
 * Lets the test server stop answering, as a hung node does (a stopped process, a network that
 * drops packets): while paused, no request is processed and no response is written — not even
 * an error or a timeout. Work resumes, in order, on resume().
 */
export class Gate {
  private paused: { promise: Promise<void>; open: () => void } | undefined;

  get isPaused(): boolean {
    return this.paused !== undefined;
  }

  pause(): void {
    if (this.paused !== undefined) return;
    let open = () => {};
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.paused = { promise, open };
  }

  resume(): void {
    const paused = this.paused;
    this.paused = undefined;
    paused?.open();
  }

  /** Resolves at once when open; otherwise when resumed. */
  async passed(): Promise<void> {
    while (this.paused !== undefined) await this.paused.promise;
  }
}

/** Runs tasks one after another, each once the gate is open (keeps a call's messages in order). */
export const serialQueue = (gate: Gate) => {
  let tail: Promise<void> = Promise.resolve();
  return (task: () => void | Promise<void>): void => {
    tail = tail.then(() => gate.passed()).then(task);
  };
};
