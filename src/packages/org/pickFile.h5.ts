export interface PickedFile {
  name: string
  base64: string
}

/**
 * H5: a browser file input, opened from the tap that calls this; the file
 * is read as base64 for org.import. Null when the dialog is closed without one.
 */
export function pickSheet(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
    input.style.display = 'none'
    input.setAttribute('aria-hidden', 'true')
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      const reader = new FileReader()
      reader.onload = () => {
        const url = String(reader.result)
        resolve({ name: file.name, base64: url.slice(url.indexOf(',') + 1) })
      }
      reader.onerror = () => resolve(null)
      reader.readAsDataURL(file)
    })
    input.addEventListener('cancel', () => (input.remove(), resolve(null)))
    document.body.appendChild(input)
    input.click()
  })
}
