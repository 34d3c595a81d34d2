import { LOCAL_PHOTO, splitPhotos } from '../../src/pages/chat/photos'
import { SubmissionQueue } from '../../src/services/queue'
import { memoryStorage } from '../../src/services/storage/memoryStorage'

const draft = {
  clientId: 'client-photo-0001',
  indicatorCode: 'YL-COVID',
  orgUnitId: 'qk-s11',
  period: '2020-Q4',
  values: {},
  narrative: '每周检查一次',
  evidence: [
    { id: `${LOCAL_PHOTO}wxfile://tmp/a.jpg`, name: '检查记录', kind: 'image' as const },
    { id: 'cloud://env/evidence/old.jpg', name: '旧照片', kind: 'image' as const }
  ]
}

test('photos still on the phone leave the evidence and become files for the queue', () => {
  const { draft: sent, files } = splitPhotos(draft)
  expect(sent.evidence).toEqual([{ id: 'cloud://env/evidence/old.jpg', name: '旧照片', kind: 'image' }])
  expect(files).toEqual([{ localPath: 'wxfile://tmp/a.jpg', name: '检查记录', kind: 'image' }])
})

test('the queue uploads the photo first and sends the report with its stored id', async () => {
  const sent: unknown[] = []
  const queue = new SubmissionQueue({
    storage: memoryStorage(),
    backend: {
      upload: async (path) => ({ id: `local:uploaded-${path.length}.jpg` }),
      sync: async (drafts) => {
        sent.push(...drafts)
        return { ok: true, data: { results: drafts.map((d) => ({ clientId: d.clientId, status: 'accepted' as const, report: { id: 'r', version: 1, status: 'submitted' } })) } } as never
      }
    }
  })
  const { draft: toSend, files } = splitPhotos(draft)
  await queue.enqueue(toSend, files)
  await queue.flush({ ignoreBackoff: true })
  expect(sent).toHaveLength(1)
  expect((sent[0] as { evidence: { id: string }[] }).evidence.map((e) => e.id)).toEqual(['cloud://env/evidence/old.jpg', 'local:uploaded-18.jpg'])
})
