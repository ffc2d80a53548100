import type { EventStore } from '@lic/event-store';

/** `promise`, or a failure naming `what` if it has not settled within `ms`. */
export const within = async <T>(ms: number, promise: Promise<T>, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(what)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
};

/** Holds the store's next append until released: the request making it stays in flight. */
export const holdNextAppend = (store: EventStore) => {
  let release = () => {};
  let reached = () => {};
  const opened = new Promise<void>((r) => (release = r));
  const held = new Promise<void>((r) => (reached = r));
  const append = store.appendToStream.bind(store);
  jest.spyOn(store, 'appendToStream').mockImplementationOnce(async (...args) => {
    reached();
    await opened;
    return append(...args);
  });
  return { reached: held, release: () => release() };
};
