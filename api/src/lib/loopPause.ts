/**
 * The pause between two rounds of a polling loop (the send worker, the
 * webhook dispatcher): it lasts the poll interval unless nudged, and a nudge
 * that comes while the loop is busy skips the next pause, so no news is lost
 * between a round's look and its pause.
 */
export class LoopPause {
  private wake?: () => void
  private nudgedWhileBusy = false

  nudge() {
    if (this.wake) {
      this.wake()
    } else {
      this.nudgedWhileBusy = true
    }
  }

  async wait(ms: number): Promise<void> {
    if (this.nudgedWhileBusy) {
      this.nudgedWhileBusy = false
      return
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
    this.wake = undefined
  }
}
