import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class PayloadKeyError extends Error {
  constructor(readonly code: 'PAYLOAD_KEYS_INVALID' | 'PAYLOAD_KEY_UNKNOWN', message: string) {
    super(message);
  }
}

export interface PayloadKey { id: string; key: Buffer }

/** Parses "keyId:base64Key,..." ; the first key encrypts new payloads, every key still decrypts (rotation). */
export function parsePayloadKeys(spec: string): PayloadKey[] {
  const keys = spec.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const sep = entry.indexOf(':');
    const id = entry.slice(0, sep);
    const key = Buffer.from(entry.slice(sep + 1), 'base64');
    if (sep <= 0 || key.length !== 32) {
      throw new PayloadKeyError('PAYLOAD_KEYS_INVALID', `载荷密钥格式错误 / payload key "${id || entry.slice(0, 8)}" must be keyId:base64(32 bytes)`);
    }
    return { id, key };
  });
  if (keys.length === 0) throw new PayloadKeyError('PAYLOAD_KEYS_INVALID', '未配置载荷密钥 / no payload key configured');
  return keys;
}

/** AES-256-GCM over the whole serialized payload, so data and its metadata are both hidden from the store. */
export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(keys: PayloadKey[]) {
    this.current = keys[0];
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  static fromSpec(spec: string): EncryptionCodec {
    return new EncryptionCodec(parsePayloadKeys(spec));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: encoder.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encoder.encode(this.current.id) },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      if (!encoding || decoder.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
      const keyId = keyIdBytes ? decoder.decode(keyIdBytes) : '';
      const key = this.byId.get(keyId);
      if (!key) throw new PayloadKeyError('PAYLOAD_KEY_UNKNOWN', `未知的载荷密钥 / unknown payload key id "${keyId}"`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain) as Payload;
    });
  }
}
