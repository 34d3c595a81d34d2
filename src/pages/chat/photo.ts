import Taro from '@tarojs/taro'

/**
 * One photo from the camera or album, as a local path. chooseMedia is the
 * current mini-program API; H5 only has chooseImage.
 */
export async function pickPhoto(): Promise<{ path: string; name: string } | null> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })
      const file = res.tempFiles[0]
      return file ? { path: file.tempFilePath, name: '现场照片' } : null
    }
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return res.tempFilePaths[0] ? { path: res.tempFilePaths[0], name: '现场照片' } : null
  } catch {
    // Cancelled.
    return null
  }
}
