import { describe, expect, it } from 'vitest';
import { isStatusByte, parseStatusReply, statusFault, statusReplyBytes, STATUS_REQUEST } from './status-bytes.js';

// Reply bytes as laid out in the Epson DLE EOT reference: bits 1 and 4 always set, bit 0 and 7 clear.
describe('DLE EOT status replies', () => {
  it('requests printer (1), offline cause (2) and roll paper sensor (4) status', () => {
    expect([...STATUS_REQUEST]).toEqual([0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4]);
  });

  it('reads a healthy printer', () => {
    expect(parseStatusReply(Buffer.from([0x12, 0x12, 0x12]), 5)).toEqual({
      online: true,
      coverOpen: false,
      paperNearEnd: false,
      paperOut: false,
      checkedAt: 5,
    });
  });

  it('reads paper near end from bits 2/3 of the paper sensor byte', () => {
    expect(parseStatusReply(Buffer.from([0x12, 0x12, 0x1e]))).toMatchObject({ online: true, paperNearEnd: true, paperOut: false });
    expect(parseStatusReply(Buffer.from([0x12, 0x12, 0x16]))).toMatchObject({ paperNearEnd: true });
  });

  it('reads paper out from bits 5/6 of the paper sensor byte, or bit 5 of the offline cause', () => {
    const out = parseStatusReply(Buffer.from([0x1a, 0x32, 0x7e]));
    expect(out).toMatchObject({ online: false, paperOut: true, paperNearEnd: true, error: expect.stringMatching(/paper out/) });
    expect(parseStatusReply(Buffer.from([0x12, 0x12, 0x32]))).toMatchObject({ paperOut: true });
    expect(parseStatusReply(Buffer.from([0x12, 0x12, 0x52]))).toMatchObject({ paperOut: true });
    expect(parseStatusReply(Buffer.from([0x1a, 0x32, 0x12]))).toMatchObject({ paperOut: true });
    expect(statusFault(out)?.code).toBe('paper-out');
  });

  it('reads cover open from bit 2 of the offline cause and offline from bit 3 of the printer byte', () => {
    const cover = parseStatusReply(Buffer.from([0x1a, 0x16, 0x12]));
    expect(cover).toMatchObject({ online: false, coverOpen: true, paperOut: false });
    expect(statusFault(cover)?.code).toBe('cover-open');
    expect(statusFault(parseStatusReply(Buffer.from([0x1a, 0x12, 0x12])))?.code).toBe('offline');
  });

  it('rejects bytes that are not status replies', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(parseStatusReply(Buffer.from([0x41, 0x12, 0x12]))).toMatchObject({ online: false, error: expect.stringMatching(/unexpected status reply 411212/) });
  });

  it('builds the same reply bytes for the virtual printer', () => {
    expect([...statusReplyBytes()]).toEqual([0x12, 0x12, 0x12]);
    expect([...statusReplyBytes({ paperNearEnd: true })]).toEqual([0x12, 0x12, 0x1e]);
    expect([...statusReplyBytes({ paperOut: true })]).toEqual([0x1a, 0x32, 0x7e]);
    expect([...statusReplyBytes({ coverOpen: true })]).toEqual([0x1a, 0x16, 0x12]);
  });
});
