import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, parsePayloadKeys, PayloadKeyError } from './payload-encryption.codec';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('EncryptionCodec', () => {
  const k1 = key('k1');
  const k2 = key('k2');
  const secret = { name: '张三', idNumber: '110101199003077777', phone: '13800138000' };

  it('hides the plaintext and restores it', async () => {
    const codec = EncryptionCodec.fromSpec(k1);
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(secret)]);
    const raw = Buffer.from(encoded.data!).toString('latin1');
    expect(raw).not.toContain('110101199003077777');
    expect(Buffer.from(encoded.data!).toString('utf8')).not.toContain('张三');
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(secret);
  });

  it('reads payloads written with an older key after rotation', async () => {
    const old = EncryptionCodec.fromSpec(k1);
    const [encoded] = await old.encode([defaultPayloadConverter.toPayload(secret)]);
    const rotated = EncryptionCodec.fromSpec(`${k2},${k1}`);
    const [decoded] = await rotated.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(secret);
    const [reencoded] = await rotated.encode([decoded]);
    expect(Buffer.from(reencoded.metadata!['encryption-key-id']!).toString()).toBe('k2');
  });

  it('refuses a payload whose key is unknown, and a tampered payload', async () => {
    const [encoded] = await EncryptionCodec.fromSpec(k1).encode([defaultPayloadConverter.toPayload(secret)]);
    await expect(EncryptionCodec.fromSpec(k2).decode([encoded])).rejects.toThrow(PayloadKeyError);
    const data = Buffer.from(encoded.data!);
    data[20] ^= 0xff;
    await expect(EncryptionCodec.fromSpec(k1).decode([{ ...encoded, data }])).rejects.toThrow();
  });

  it('rejects malformed key specs', () => {
    expect(() => parsePayloadKeys('')).toThrow(PayloadKeyError);
    expect(() => parsePayloadKeys('nokey')).toThrow(PayloadKeyError);
    expect(() => parsePayloadKeys('k:' + Buffer.alloc(16).toString('base64'))).toThrow(PayloadKeyError);
  });
});
