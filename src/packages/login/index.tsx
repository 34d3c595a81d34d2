import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import Cell from '../../components/Cell'
import { useState } from 'react'
import { ROLE_LABEL } from '../../core/person'
import { resetIdentity } from '../../hooks/useIdentity'
import { ApiFailure, type DemoPerson } from '../../services/api'
import { getServices } from '../../services'
import { codeFromParams } from './codeParam'
import './index.scss'
import { useLargeText, withLargeText } from '../../hooks/useLargeText'

/**
 * Sign in. With WeChat, a one-time invite code from the bureau binds this
 * account to a person. In local mode the demo people are listed as well.
 */
export default function LoginPage() {
  const large = useLargeText()
  const [people, setPeople] = useState<DemoPerson[]>([])
  // A scanned sheet QR (or a login link) brings its code: the worker only taps 绑定.
  const router = useRouter()
  const [code, setCode] = useState(() => codeFromParams(router.params ?? {}))
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  useDidShow(() => {
    void getServices()
      .api.demoPeople()
      .then((r) => setPeople(r.people))
      .catch(() => setPeople([]))
  })

  const finish = async ({ token, person }: { token?: string; person: { id: string } }) => {
    const services = getServices()
    if (token) await services.session.save(token, person.id)
    const me = await services.api.me()
    // From here on only this person's queue, drafts and badge are shown and sent.
    await services.usePerson?.(me.person.id)
    resetIdentity(me)
    // reLaunch: the tab pages start afresh as the signed-in person, with no
    // half-mounted page left from before sign-in.
    await Taro.reLaunch({ url: '/pages/chat/index' })
  }

  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setError('')
    try {
      await action()
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={withLargeText('login', large)}>
      <View className="login__title">格报</View>
      <View className="login__hint">社区网格员的填报助手</View>
      <Input value={code} onChange={setCode} placeholder="请输入邀请码" maxLength={16} aria-label="邀请码" />
      <Button block type="primary" disabled={busy || code.trim().length < 4} onClick={() => run(async () => finish(await getServices().api.bind(code)))}>
        用邀请码登录
      </Button>
      {error ? <Text className="login__error">{error}</Text> : null}
      {people.length > 0 ? (
        <View>
          <View className="login__section">演示账号（本地模式）</View>
          {people.map((p) => (
            <Cell
              key={p.id}
              title={`${p.name} · ${ROLE_LABEL[p.role]}`}
              description={p.unitName}
              clickable
              onClick={() => run(async () => finish(await getServices().api.demoLogin(p.id)))}
            />
          ))}
        </View>
      ) : null}
    </View>
  )
}
