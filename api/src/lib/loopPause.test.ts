import { LoopPause } from './loopPause'

describe('LoopPause', () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  it('lasts the interval when nothing happens', async () => {
    const pause = new LoopPause()
    let done = false
    const waiting = pause.wait(250).then(() => (done = true))
    await jest.advanceTimersByTimeAsync(249)
    expect(done).toBe(false)
    await jest.advanceTimersByTimeAsync(1)
    await waiting
    expect(done).toBe(true)
  })

  it('ends at once when nudged', async () => {
    const pause = new LoopPause()
    let done = false
    const waiting = pause.wait(10_000).then(() => (done = true))
    await jest.advanceTimersByTimeAsync(1)
    pause.nudge()
    await waiting
    expect(done).toBe(true)
  })

  it('skips the next pause after a nudge that came while the loop was busy, once', async () => {
    jest.useRealTimers()
    const pause = new LoopPause()
    pause.nudge()
    const started = Date.now()
    await pause.wait(5_000)
    expect(Date.now() - started).toBeLessThan(1_000)

    const again = Date.now()
    await pause.wait(200)
    expect(Date.now() - again).toBeGreaterThanOrEqual(190)
  })
})
