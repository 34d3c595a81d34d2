import { join } from 'node:path'
import { MiniProgram } from './harness/runtime'
import { CloudStandIn } from './harness/cloud'

const root = join(__dirname, '../..')

test('boots', async () => {
  const cloud = new CloudStandIn(join(root, 'cloudfunctions'))
  await cloud.start()
  const mp = new MiniProgram({ dist: join(root, 'dist') })
  mp.wx.cloudBackend = cloud.backend('openid-1')
  mp.boot()
  await mp.launch()
  await mp.settle(200)
  console.log(mp.current.route, mp.text(), JSON.stringify(mp.current.data).slice(0, 1500))
  console.log(mp.wx.calls.map((c) => c.api))
  cloud.stop()
})
