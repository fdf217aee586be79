import type { MmsStatus } from 'types/graphql'

import {
  DELIVERY_WATCH_MS,
  MESSAGE_STATUSES,
  isMessageStatus,
  pollUntil,
  shouldPoll,
} from './messageStatus'

const NOW = Date.parse('2026-11-20T10:00:00.000Z')
const MINUTE = 60_000

const changed = (status: MmsStatus, minutesAgo: number) => ({
  status,
  updatedAt: new Date(NOW - minutesAgo * MINUTE).toISOString(),
})

describe('message statuses', () => {
  it('offers the api’s statuses as filters, and refuses the retired PENDING', () => {
    expect(MESSAGE_STATUSES).toEqual([
      'QUEUED',
      'SENDING',
      'SENT',
      'DELIVERED',
      'UNDELIVERED',
      'FAILED',
      'UNKNOWN',
    ])
    expect(isMessageStatus('QUEUED')).toBe(true)
    expect(isMessageStatus('PENDING')).toBe(false)
    expect(isMessageStatus(undefined)).toBe(false)
  })
})

describe('shouldPoll', () => {
  it('keeps asking about a message on its way, however long it waits', () => {
    expect(shouldPoll([changed('QUEUED', 0)], NOW)).toBe(true)
    expect(shouldPoll([changed('QUEUED', 3 * 24 * 60)], NOW)).toBe(true)
    expect(shouldPoll([changed('SENDING', 1)], NOW)).toBe(true)
    expect(pollUntil([changed('QUEUED', 0)])).toBe(Infinity)
  })

  it('watches a sent or unknown message for delivery events for 15 minutes after its last change', () => {
    for (const status of ['SENT', 'UNKNOWN'] as const) {
      expect(shouldPoll([changed(status, 0)], NOW)).toBe(true)
      expect(shouldPoll([changed(status, 14)], NOW)).toBe(true)
      expect(shouldPoll([changed(status, 15)], NOW)).toBe(false)
      expect(shouldPoll([changed(status, 60)], NOW)).toBe(false)
    }
    expect(pollUntil([changed('SENT', 5)])).toBe(
      NOW - 5 * MINUTE + DELIVERY_WATCH_MS
    )
  })

  it('stops for a final status, even one reached a moment ago', () => {
    for (const status of ['DELIVERED', 'UNDELIVERED', 'FAILED'] as const) {
      expect(shouldPoll([changed(status, 0)], NOW)).toBe(false)
    }
  })

  it('asks while any one of the shown messages may change', () => {
    const settled = [changed('DELIVERED', 1), changed('SENT', 120)]
    expect(shouldPoll(settled, NOW)).toBe(false)
    expect(shouldPoll([...settled, changed('QUEUED', 0)], NOW)).toBe(true)
    expect(pollUntil([...settled, changed('UNKNOWN', 10)])).toBe(
      NOW - 10 * MINUTE + DELIVERY_WATCH_MS
    )
    expect(shouldPoll([], NOW)).toBe(false)
  })

  it('follows a message from queued to delivered, then stops', () => {
    const story: [MmsStatus, boolean][] = [
      ['QUEUED', true],
      ['SENDING', true],
      ['SENT', true],
      ['DELIVERED', false],
    ]
    for (const [status, polls] of story) {
      expect(shouldPoll([changed(status, 0)], NOW)).toBe(polls)
    }
  })
})
