import { fileTypeFromBuffer } from 'file-type'
import { acceptedType, typeByExtension, type AcceptedType } from '../../src/core/evidence/files'

/**
 * The type of an upload, judged by its bytes (file-type, which reads magic
 * numbers and, for Office files, the zip's contents), never by what the
 * client declared. Legacy .doc/.xls are OLE compound files, which bytes
 * alone call `application/x-cfb`: for those the declared type or name
 * decides between Word and Excel, and nothing else may claim a CFB file.
 * Answers the MIME type the product's rule will judge, or undefined for
 * bytes that are no known type.
 */
export async function sniffType(bytes: Uint8Array, declared: { mime?: string; name?: string }): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(bytes)
  if (!found) return undefined
  if (found.mime === 'application/x-cfb') {
    const claimed: AcceptedType | undefined = acceptedType(declared.mime) ?? typeByExtension(declared.name)
    return claimed && (claimed.ext === 'doc' || claimed.ext === 'xls') ? claimed.mime : found.mime
  }
  // file-type says heic for HEIC stills and heif for the container: phones' photos are both.
  if (found.mime === 'image/heif') return 'image/heic'
  return found.mime
}
