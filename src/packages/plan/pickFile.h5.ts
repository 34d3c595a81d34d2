/**
 * H5: a real file input, opened from the tap, read as base64 for
 * plan.import (the local server takes the file in the JSON body).
 * Resolves null when the admin closes the chooser without a file.
 */
export function pickImportFile(doc: Document = document): Promise<{ name: string; base64: string; size: number } | null> {
  return new Promise((resolve, reject) => {
    const input = doc.createElement('input')
    input.type = 'file'
    input.accept = '.docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    input.style.display = 'none'
    input.setAttribute('aria-label', '选择自查表文件')
    doc.body.appendChild(input)
    const done = () => input.remove()
    input.addEventListener('cancel', () => {
      done()
      resolve(null)
    })
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done()
      if (!file) return resolve(null)
      const reader = new FileReader()
      reader.onerror = () => reject(reader.error)
      reader.onload = () => {
        const url = String(reader.result)
        resolve({ name: file.name, base64: url.slice(url.indexOf(',') + 1), size: file.size })
      }
      reader.readAsDataURL(file)
    })
    input.click()
  })
}

export const canPickFile = true
