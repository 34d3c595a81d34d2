/**
 * Reads the data Taro sends to the view layer (`root.cn[…]`, one entry per
 * node: `sid`/`uid` ids, `nn` the template number of the component, `cl` the
 * class, `v` the text of a text node, `cn` children, other keys the props) as
 * a small tree that tests can search by text and class.
 */
export interface ViewNode {
  sid: string
  uid?: string
  nn: string
  cl: string
  text?: string
  props: Record<string, unknown>
  children: ViewNode[]
  parent: ViewNode | null
}

export function toViewTree(raw: any, parent: ViewNode | null = null): ViewNode {
  const node: ViewNode = { sid: raw?.sid ?? '', uid: raw?.uid, nn: String(raw?.nn ?? ''), cl: raw?.cl ?? '', props: {}, children: [], parent }
  if (raw && typeof raw.v === 'string') node.text = raw.v
  for (const [k, v] of Object.entries(raw ?? {})) if (!['sid', 'uid', 'nn', 'cl', 'v', 'cn'].includes(k)) node.props[k] = v
  for (const c of Array.isArray(raw?.cn) ? raw.cn : []) if (c) node.children.push(toViewTree(c, node))
  return node
}

export function textOf(node: ViewNode): string {
  if (node.text !== undefined) return node.text
  const parts = node.children.map(textOf)
  return parts.join(isBlock(node) ? '\n' : '')
}

const isBlock = (n: ViewNode) => n.children.some((c) => c.text === undefined)

export function walk(node: ViewNode, fn: (n: ViewNode) => void): void {
  fn(node)
  for (const c of node.children) walk(c, fn)
}

const flat = (s: string) => s.replace(/\s+/g, '')

/** Element nodes whose text matches, innermost first. */
export function findNodes(root: ViewNode, text: string | RegExp, opts: { cls?: string } = {}): ViewNode[] {
  const hits: { n: ViewNode; depth: number; len: number }[] = []
  const visit = (n: ViewNode, depth: number) => {
    if (n.text === undefined) {
      const t = flat(textOf(n))
      const ok = typeof text === 'string' ? t.includes(flat(text)) : text.test(t)
      const clsOk = !opts.cls || n.cl.split(/\s+/).includes(opts.cls)
      if (ok && clsOk) hits.push({ n, depth, len: t.length })
    }
    for (const c of n.children) visit(c, depth + 1)
  }
  visit(root, 0)
  return hits.sort((a, b) => a.len - b.len || b.depth - a.depth).map((h) => h.n)
}

export function byClass(root: ViewNode, cls: string): ViewNode[] {
  const out: ViewNode[] = []
  walk(root, (n) => {
    if (n.cl.split(/\s+/).includes(cls)) out.push(n)
  })
  return out
}
