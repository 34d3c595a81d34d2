import { ACCEPTED_TYPES } from '../../core/evidence/files'
import { idbVault } from './idbVault'
import { newVaultId } from './sweep'
import type { FilePickers, FileVault, PickedFile } from './types'

/** H5: IndexedDB for kept files, a file input for picking. */
export function createVault(): FileVault {
  return idbVault(() => newVaultId(Date.now()))
}

/**
 * Opens the browser's file chooser. Must run inside the tap's handler (no
 * await before it), or the browser refuses to open the chooser.
 */
function chooseFile(accept: string): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    const done = (file: File | null) => {
      input.remove()
      resolve(file ? { source: file, name: file.name, mime: file.type || undefined, bytes: file.size } : null)
    }
    input.addEventListener('change', () => done(input.files?.[0] ?? null))
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

const IMAGE_ACCEPT = ACCEPTED_TYPES.filter((t) => t.kind === 'image').map((t) => t.mime).join(',')
const DOC_ACCEPT = ACCEPTED_TYPES.filter((t) => t.kind === 'file').flatMap((t) => [t.mime, `.${t.ext}`]).join(',')

export const pickers: FilePickers = {
  photo: () => chooseFile(IMAGE_ACCEPT),
  document: () => chooseFile(DOC_ACCEPT)
}
