/**
 * A minimal H.264 (Baseline profile) encoder that writes every macroblock as
 * I_PCM: raw 4:2:0 samples with no prediction or entropy coding. The output is
 * large for its size but decodes in any player, which is all a sample needs.
 */

const MB_SIZE = 16
const I_PCM_MB_TYPE = 25
export const H264_PROFILE_BASELINE = 66
export const H264_CONSTRAINT_FLAGS = 0xc0 // constraint_set0 and constraint_set1: Constrained Baseline
export const H264_LEVEL = 30

class BitWriter {
  private readonly bytes: number[] = []
  private current = 0
  private bitCount = 0

  bits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.bit((value >>> i) & 1)
  }

  bit(value: number): void {
    this.current = (this.current << 1) | (value & 1)
    this.bitCount++
    if (this.bitCount === 8) {
      this.bytes.push(this.current)
      this.current = 0
      this.bitCount = 0
    }
  }

  /** Unsigned Exp-Golomb, ue(v). */
  ue(value: number): void {
    const codeNum = value + 1
    const length = Math.floor(Math.log2(codeNum))
    this.bits(0, length)
    this.bits(codeNum, length + 1)
  }

  /** Signed Exp-Golomb, se(v). */
  se(value: number): void {
    this.ue(value <= 0 ? -2 * value : 2 * value - 1)
  }

  get aligned(): boolean {
    return this.bitCount === 0
  }

  alignWithZeros(): void {
    while (!this.aligned) this.bit(0)
  }

  rawBytes(data: Uint8Array): void {
    if (!this.aligned)
      throw new Error('raw bytes must start on a byte boundary')
    for (const byte of data) this.bytes.push(byte)
  }

  /** rbsp_trailing_bits(): a stop bit, then zeros to the byte boundary. */
  finishRbsp(): Buffer {
    this.bit(1)
    this.alignWithZeros()
    return Buffer.from(this.bytes)
  }
}

/** Inserts emulation prevention bytes so that no 0x000000-0x000003 appears in the NAL unit. */
function escapeRbsp(rbsp: Buffer): Buffer {
  const out: number[] = []
  let zeros = 0
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3)
      zeros = 0
    }
    out.push(byte)
    zeros = byte === 0 ? zeros + 1 : 0
  }
  return Buffer.from(out)
}

function nalUnit(nalRefIdc: number, nalUnitType: number, rbsp: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([(nalRefIdc << 5) | nalUnitType]),
    escapeRbsp(rbsp),
  ])
}

export interface YuvFrame {
  /** width * height luma samples */
  y: Uint8Array
  /** (width / 2) * (height / 2) samples each */
  cb: Uint8Array
  cr: Uint8Array
}

export interface H264Stream {
  sps: Buffer
  pps: Buffer
  /** One IDR access unit (a single slice NAL unit) per frame. */
  frames: Buffer[]
}

export function encodeIPcmH264(
  width: number,
  height: number,
  frames: YuvFrame[]
): H264Stream {
  if (width % MB_SIZE !== 0 || height % MB_SIZE !== 0) {
    throw new RangeError('width and height must be multiples of 16')
  }
  const widthInMbs = width / MB_SIZE
  const heightInMbs = height / MB_SIZE

  const sps = new BitWriter()
  sps.bits(H264_PROFILE_BASELINE, 8)
  sps.bits(H264_CONSTRAINT_FLAGS, 8)
  sps.bits(H264_LEVEL, 8)
  sps.ue(0) // seq_parameter_set_id
  sps.ue(0) // log2_max_frame_num_minus4
  sps.ue(2) // pic_order_cnt_type: output order = decoding order
  sps.ue(1) // max_num_ref_frames
  sps.bit(0) // gaps_in_frame_num_value_allowed_flag
  sps.ue(widthInMbs - 1)
  sps.ue(heightInMbs - 1)
  sps.bit(1) // frame_mbs_only_flag
  sps.bit(1) // direct_8x8_inference_flag
  sps.bit(0) // frame_cropping_flag
  sps.bit(0) // vui_parameters_present_flag

  const pps = new BitWriter()
  pps.ue(0) // pic_parameter_set_id
  pps.ue(0) // seq_parameter_set_id
  pps.bit(0) // entropy_coding_mode_flag: CAVLC
  pps.bit(0) // bottom_field_pic_order_in_frame_present_flag
  pps.ue(0) // num_slice_groups_minus1
  pps.ue(0) // num_ref_idx_l0_default_active_minus1
  pps.ue(0) // num_ref_idx_l1_default_active_minus1
  pps.bit(0) // weighted_pred_flag
  pps.bits(0, 2) // weighted_bipred_idc
  pps.se(0) // pic_init_qp_minus26
  pps.se(0) // pic_init_qs_minus26
  pps.se(0) // chroma_qp_index_offset
  pps.bit(0) // deblocking_filter_control_present_flag
  pps.bit(0) // constrained_intra_pred_flag
  pps.bit(0) // redundant_pic_cnt_present_flag

  const encodedFrames = frames.map((frame, index) => {
    const slice = new BitWriter()
    slice.ue(0) // first_mb_in_slice
    slice.ue(7) // slice_type: I (all slices of the picture)
    slice.ue(0) // pic_parameter_set_id
    slice.bits(0, 4) // frame_num (log2_max_frame_num = 4)
    slice.ue(index % 2) // idr_pic_id: consecutive IDR pictures must differ
    slice.bit(0) // no_output_of_prior_pics_flag
    slice.bit(0) // long_term_reference_flag
    slice.se(0) // slice_qp_delta

    for (let mbY = 0; mbY < heightInMbs; mbY++) {
      for (let mbX = 0; mbX < widthInMbs; mbX++) {
        slice.ue(I_PCM_MB_TYPE)
        slice.alignWithZeros() // pcm_alignment_zero_bit
        slice.rawBytes(
          block(frame.y, width, mbX * MB_SIZE, mbY * MB_SIZE, MB_SIZE)
        )
        const half = MB_SIZE / 2
        slice.rawBytes(block(frame.cb, width / 2, mbX * half, mbY * half, half))
        slice.rawBytes(block(frame.cr, width / 2, mbX * half, mbY * half, half))
      }
    }
    return nalUnit(3, 5, slice.finishRbsp())
  })

  return {
    sps: nalUnit(3, 7, sps.finishRbsp()),
    pps: nalUnit(3, 8, pps.finishRbsp()),
    frames: encodedFrames,
  }
}

function block(
  plane: Uint8Array,
  stride: number,
  x0: number,
  y0: number,
  size: number
): Uint8Array {
  const out = new Uint8Array(size * size)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Sample value 0 is forbidden in PCM samples by early H.264 decoders.
      out[y * size + x] = Math.max(1, plane[(y0 + y) * stride + x0 + x]!)
    }
  }
  return out
}
