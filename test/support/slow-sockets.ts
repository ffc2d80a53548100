import { connect, type Socket } from 'node:net';

/** What happened to a connection the test held open: when it was closed, and what came back. */
export interface Held {
  readonly closedAfterMs: number;
  readonly received: string;
}

/**
 * Opens a TCP connection to `url`, runs `behave` on it (writing slowly, or not at all), and
 * resolves when the server closes it — or rejects after `giveUpMs`, which the caller sets well
 * past the timeout under test.
 */
export const hold = (
  url: string,
  behave: (socket: Socket) => void,
  giveUpMs: number,
): Promise<Held> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    const started = performance.now();
    let received = '';
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${giveUpMs} ms`));
    }, giveUpMs);
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ closedAfterMs: performance.now() - started, received });
    });
    socket.on('connect', () => behave(socket));
  });

/** Writes `chunk` every `everyMs` until the connection closes. */
const trickle = (socket: Socket, chunk: string, everyMs: number) => {
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(chunk);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
};

/** Sends headers one slow line at a time, never finishing them. */
export const slowHeaders = (path: string) => (socket: Socket) => {
  socket.write(`POST ${path} HTTP/1.1\r\nHost: test\r\n`);
  trickle(socket, 'X-Slow: 1\r\n', 100);
};

/** Sends complete headers, then a body one byte at a time, never finishing it. */
export const slowBody = (path: string) => (socket: Socket) => {
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n{`,
  );
  trickle(socket, ' ', 100);
};

/** Sends nothing at all. */
export const silent = () => () => undefined;

/** One complete keep-alive request, then nothing: the connection idles. */
export const idleKeepAlive = (path: string) => (socket: Socket) => {
  socket.write(`GET ${path} HTTP/1.1\r\nHost: test\r\nConnection: keep-alive\r\n\r\n`);
};
