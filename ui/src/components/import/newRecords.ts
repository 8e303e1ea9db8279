import type { NewRecord } from '../../api/bindings'

/** One line of the "将新建" tree: a record the import creates, with what sits under it. */
export interface NewRecordNode {
  record: NewRecord
  /** the last part of its path: "9号楼" of "白水网格 › 白水小区 › 9号楼" */
  name: string
  children: NewRecordNode[]
}

/**
 * The records as a tree in the order the file first needed them: each under its new parent,
 * the rest (under a place the station already has) at the top.
 */
export function newRecordTree(records: NewRecord[]): NewRecordNode[] {
  const nodes = new Map<string, NewRecordNode>()
  for (const r of records) nodes.set(r.path, { record: r, name: r.path.split(' › ').pop() ?? r.path, children: [] })
  const roots: NewRecordNode[] = []
  for (const r of records) {
    const node = nodes.get(r.path)!
    const parent = r.parent ? nodes.get(r.parent) : undefined
    if (parent && parent !== node) parent.children.push(node)
    else {
      // a record under an existing place shows its whole path, so the person sees where it goes
      node.name = r.path
      roots.push(node)
    }
  }
  return roots
}

/** Counts per kind, in the order kinds first appear: [["小区", 3], ["楼栋", 12]]. */
export function countsByKind(records: NewRecord[], skipped: boolean): Array<[string, number]> {
  const counts = new Map<string, number>()
  for (const r of records) if (r.skipped === skipped) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1)
  return [...counts.entries()]
}

/** The skip list after the person ticks or unticks `path`. */
export function toggledSkip(skip: string[], path: string, create: boolean): string[] {
  const without = skip.filter((p) => p !== path)
  return create ? without : [...without, path]
}
