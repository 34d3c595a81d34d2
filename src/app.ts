import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { getServices } from './services'
import { startQueue } from './services/queueTriggers'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Reports confirmed offline start going out as soon as the app runs.
    void getServices().ready.then(() => startQueue(getServices()))
  })
  return children
}

export default App
