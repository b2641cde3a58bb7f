import { afterEach } from 'vitest';

interface Closable {
  close(): Promise<void>;
}

const opened: Closable[] = [];

afterEach(async () => {
  for (const resource of opened.splice(0).reverse()) await resource.close();
});

/** Closes what a test opened (a bridged app, a receiver) after that test, pass or fail. */
export function closeAfterEach<T extends Closable>(resource: T): T {
  opened.push(resource);
  return resource;
}
