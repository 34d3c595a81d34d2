/** The upper bound of a path-prefix range: '/' + 1 is '0', so `path >= p AND path < prefixEnd(p)` is the subtree. */
export const prefixEnd = (path: string) => `${path.slice(0, -1)}0`
