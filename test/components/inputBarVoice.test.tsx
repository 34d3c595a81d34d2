import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import InputBar from '../../src/components/InputBar'
import { NO_RECOGNIZER, ScriptedRecognizer } from '../../src/services/voice'

/**
 * Hold-to-talk through the scripted recognizer: what is heard streams into
 * the input field and is sent only when the worker taps 发送, so it goes
 * through the same parser as typed text. Without a recognizer (H5) there
 * is no button.
 */
const field = () => document.querySelector('input') as HTMLInputElement

test('the heard text is shown in the field and counts only after 发送', async () => {
  const sent: string[] = []
  const voice = new ScriptedRecognizer([{ partials: ['大概', '大概一千'], final: '大概一千二百人次' }])
  render(<InputBar expects="number" onSend={(t) => sent.push(t)} recognizer={voice} />)
  const button = screen.getByLabelText('按住说话')
  act(() => {
    fireEvent.touchStart(button)
  })
  await waitFor(() => expect(field().value).toBe('大概一千'))
  expect(screen.getByText('松开')).toBeTruthy()
  act(() => {
    fireEvent.touchEnd(screen.getByLabelText('按住说话'))
  })
  await waitFor(() => expect(field().value).toBe('大概一千二百人次'))
  expect(sent).toEqual([])
  fireEvent.click(screen.getByLabelText('发送'))
  expect(sent).toEqual(['大概一千二百人次'])
  expect(voice.sessions).toEqual(['final:大概一千二百人次'])
})

test('an error is said in the field and nothing is sent', async () => {
  const sent: string[] = []
  const voice = new ScriptedRecognizer([{ error: '没有听清，请再说一次' }])
  render(<InputBar expects="text" onSend={(t) => sent.push(t)} recognizer={voice} />)
  act(() => {
    fireEvent.touchStart(screen.getByLabelText('按住说话'))
  })
  act(() => {
    fireEvent.touchEnd(screen.getByLabelText('按住说话'))
  })
  await waitFor(() => expect(field().placeholder).toBe('没有听清，请再说一次'))
  fireEvent.click(screen.getByLabelText('发送'))
  expect(sent).toEqual([])
})

test('no recognizer (H5): no voice button', () => {
  render(<InputBar expects="text" onSend={() => undefined} recognizer={NO_RECOGNIZER} />)
  expect(screen.queryByLabelText('按住说话')).toBeNull()
})
