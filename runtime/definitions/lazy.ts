/**
 * A property worked out on first read. A load served by the definitions cache parses a file's JSON,
 * and builds a module's parts from it, only when something reads them: a command that runs one module
 * of a hundred parses that module's files (issue 23, the cold start).
 */
export function lazyProperty<T extends object, K extends keyof T>(
  target: T,
  key: K,
  compute: () => T[K],
): void {
  const settle = (value: T[K]) =>
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      settle(value);
      return value;
    },
    set(value: T[K]) {
      settle(value);
    },
  });
}
