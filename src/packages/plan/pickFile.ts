/**
 * The mini-program build gets this stub: importing a 自查表 is a desk task
 * (H5, pickFile.h5.ts). In the cloud the file would go up to storage under
 * imports/ first (docs/api.md, plan.import); that path is not built here.
 */
export function pickImportFile(): Promise<{ name: string; base64: string; size: number } | null> {
  return Promise.resolve(null)
}

export const canPickFile = false
