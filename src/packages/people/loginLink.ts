/**
 * What a sheet's QR code holds: the login page's address with the code,
 * `<base>#/packages/login/index?code=<CODE>`. In H5 the base is the app's
 * own address; for WeChat, the same https link is what the mini-program's
 * "扫普通链接二维码打开小程序" rule maps to packages/login/index (the link
 * arrives as `q`). The login page reads the code from either (codeFromParams).
 */
export function loginLink(code: string, base: string): string {
  return `${base.replace(/#.*$/, '')}#/packages/login/index?code=${encodeURIComponent(code)}`
}
