import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import {
  AwsChunkedDecodeError,
  decodeAwsChunked,
} from '../src/s3/aws-chunked.ts'

describe('aws-chunked decoding', () => {
  it('joins the chunks and reads the trailers', () => {
    const body = Buffer.from(
      '4\r\nabcd\r\n3\r\nefg\r\n0\r\nx-amz-checksum-crc32:AAAA\r\nX-Amz-Trailer-Signature:sig\r\n\r\n'
    )
    const { payload, trailers } = decodeAwsChunked(body)
    assert.equal(payload.toString(), 'abcdefg')
    assert.deepEqual(trailers, {
      'x-amz-checksum-crc32': 'AAAA',
      'x-amz-trailer-signature': 'sig',
    })
  })

  it('ignores chunk signatures', () => {
    const body = Buffer.from(
      '3;chunk-signature=abc\r\nxyz\r\n0;chunk-signature=def\r\n\r\n'
    )
    assert.equal(decodeAwsChunked(body).payload.toString(), 'xyz')
  })

  it('keeps binary data, including CRLF inside a chunk', () => {
    const data = Buffer.from([0, 13, 10, 255])
    const body = Buffer.concat([
      Buffer.from('4\r\n'),
      data,
      Buffer.from('\r\n0\r\n\r\n'),
    ])
    assert.deepEqual(decodeAwsChunked(body).payload, data)
  })

  it('rejects truncated or malformed bodies', () => {
    assert.throws(
      () => decodeAwsChunked(Buffer.from('a\r\nshort\r\n')),
      AwsChunkedDecodeError
    )
    assert.throws(
      () => decodeAwsChunked(Buffer.from('zz\r\n')),
      AwsChunkedDecodeError
    )
    assert.throws(
      () => decodeAwsChunked(Buffer.from('3\r\nabc')),
      AwsChunkedDecodeError
    )
  })
})
