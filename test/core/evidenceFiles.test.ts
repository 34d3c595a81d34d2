import { checkEvidenceFile, DEFAULT_LIMITS, MB, acceptedType, typeByExtension } from '../../src/core/evidence/files'

describe('evidence file rule', () => {
  it('accepts photos and office documents by MIME type', () => {
    expect(checkEvidenceFile({ mime: 'image/jpeg', bytes: 1000 })).toMatchObject({ ok: true, type: { kind: 'image', ext: 'jpg' } })
    expect(checkEvidenceFile({ mime: 'application/pdf', bytes: 1000 })).toMatchObject({ ok: true, type: { kind: 'file' } })
    expect(acceptedType('IMAGE/PNG; charset=binary')?.ext).toBe('png')
  })
  it('refuses other types, empty and oversized files with a Chinese reason', () => {
    expect(checkEvidenceFile({ mime: 'text/html', bytes: 10 })).toMatchObject({ ok: false, reason: 'type' })
    expect(checkEvidenceFile({ mime: 'image/png', bytes: 0 })).toMatchObject({ ok: false, reason: 'empty' })
    const big = checkEvidenceFile({ mime: 'image/png', bytes: DEFAULT_LIMITS.maxFileBytes + 1 })
    expect(big).toMatchObject({ ok: false, reason: 'too-big' })
    expect(big.ok === false && big.message).toContain('20MB')
  })
  it('falls back to the extension only when no type is given', () => {
    expect(typeByExtension('签到表.JPEG')?.ext).toBe('jpg')
    expect(checkEvidenceFile({ name: 'a.docx', bytes: 5 })).toMatchObject({ ok: true })
    expect(checkEvidenceFile({ mime: 'text/html', name: 'a.png', bytes: 5 })).toMatchObject({ ok: false, reason: 'type' })
  })
  it('enforces the monthly quota and the phone queue budget', () => {
    expect(checkEvidenceFile({ mime: 'image/png', bytes: 2 * MB }, DEFAULT_LIMITS, { usedThisMonth: 299 * MB })).toMatchObject({ ok: false, reason: 'month-quota' })
    expect(checkEvidenceFile({ mime: 'image/png', bytes: 2 * MB }, DEFAULT_LIMITS, { usedThisMonth: 200 * MB })).toMatchObject({ ok: true })
    expect(checkEvidenceFile({ mime: 'image/png', bytes: 2 * MB }, DEFAULT_LIMITS, { queuedBytes: 99 * MB })).toMatchObject({ ok: false, reason: 'queue-full' })
  })
})
