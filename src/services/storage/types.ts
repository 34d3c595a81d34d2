/**
 * Key-value storage as the mini-program has it: 10 MB in all, 1 MB per key.
 * Everything above this interface keeps values small and one key per item.
 */
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>
  set(key: string, value: unknown): Promise<void>
  remove(key: string): Promise<void>
  keys(): Promise<string[]>
}
