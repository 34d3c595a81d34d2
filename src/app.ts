import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { getServices } from './services'
import { checkBaseLibrary } from './services/baseLibrary'
import { enableKeyboardAccess } from './services/keyboardAccess'
import { startQueue } from './services/queueTriggers'
import { registerServiceWorker } from './services/serviceWorker'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    checkBaseLibrary()
    // Reports confirmed offline start going out as soon as the app runs.
    void getServices().ready.then(() => {
      startQueue(getServices())
      void getServices().sweepFiles?.()
    })
    if (process.env.TARO_ENV === 'h5') {
      enableKeyboardAccess()
      registerServiceWorker()
    }
  })
  return children
}

export default App
