import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './payload-encryption.codec';

export function dataConverter(payloadKeys: string): DataConverter {
  return { payloadCodecs: [EncryptionCodec.fromSpec(payloadKeys)] };
}

export async function connectClient(opts: { address: string; namespace: string; payloadKeys: string }): Promise<Client> {
  const connection = await Connection.connect({ address: opts.address });
  return new Client({ connection, namespace: opts.namespace, dataConverter: dataConverter(opts.payloadKeys) });
}
