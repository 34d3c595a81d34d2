/**
 * Saving through the browser exists only in H5 (browserDownload.h5.ts, which
 * Taro picks for that build). The mini-program build gets this stub, so no
 * DOM code and no <a> element (which Taro would map to a <navigator>
 * template in the main package's base.wxml) reach it.
 */
export function browserDownload(_url: string, _name: string): boolean {
  return false
}
