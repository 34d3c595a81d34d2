import type { PropsWithChildren } from 'react'

/** The bare app for the size baseline: this repo's build config, one empty page, nothing else. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App
