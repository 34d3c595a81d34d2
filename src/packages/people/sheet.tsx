import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import qrcode from 'qrcode-generator'
import { chinaDate } from '../../core/clock'
import { loginLink } from './loginLink'
import QrImage from './QrImage'
import { sheetHandOff } from './peopleApi'
import './sheet.scss'

/**
 * The base the QR links start from: the H5 app's own address; on weapp the
 * install's published H5 address, a build setting (TARO_APP_LOGIN_BASE,
 * which release:weapp requires). A DevTools build without it prints links
 * that open nothing (gebao.invalid), never someone else's site.
 */
function linkBase(): string {
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') return `${window.location.origin}${window.location.pathname}`
  return __LOGIN_BASE__ || 'https://gebao.invalid/'
}

/** One QR code as a GIF data URL: works in an H5 <img> and a weapp <image>, no canvas needed. */
function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(4, 2)
}

/**
 * The printable invite sheet of one community: one card per person with
 * the QR code of their login link, their name, unit, code and its expiry.
 * The codes come from the people page in memory; printing is the browser's
 * (print CSS hides everything but the cards).
 */
export default function PeopleSheet() {
  const sheet = sheetHandOff.get()
  if (!sheet) {
    return (
      <View className="sheet sheet--empty">
        <Text>没有要打印的邀请码：请在“人员与邀请”页为一个社区生成邀请码。</Text>
      </View>
    )
  }
  const base = linkBase()
  return (
    <View className="sheet">
      <View className="sheet__head">
        <Text className="sheet__title">
          {sheet.community.label} 网格员邀请码
        </Text>
        {process.env.TARO_ENV === 'h5' ? (
          <Button className="sheet__print" type="primary" onClick={() => window.print()}>
            打印
          </Button>
        ) : null}
      </View>
      <View className="sheet__grid">
        {sheet.invites.map((inv) => (
          <View key={inv.code} className="sheet__card" aria-label={`${inv.name}的邀请码`}>
            <QrImage src={qrDataUrl(loginLink(inv.code, base))} label={`${inv.name}的登录二维码`} />
            <Text className="sheet__name">{inv.name}</Text>
            <Text className="sheet__unit">{inv.unitLabel}</Text>
            <Text className="sheet__code">邀请码：{inv.code}</Text>
            <Text className="sheet__expiry">有效期至 {chinaDate(new Date(inv.expiresAt))}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
