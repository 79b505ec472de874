import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { currentTracing } from '@petitions/observability';
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './payload-encryption.codec';

export function dataConverter(payloadKeys: string): DataConverter {
  return { payloadCodecs: [EncryptionCodec.fromSpec(payloadKeys)] };
}

export async function connectClient(opts: { address: string; namespace: string; payloadKeys: string }): Promise<Client> {
  const connection = await Connection.connect({ address: opts.address });
  // With tracing on, starts, updates and signals carry the caller's trace context to the workflow (Temporal headers).
  const interceptors = currentTracing() ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
  return new Client({ connection, namespace: opts.namespace, dataConverter: dataConverter(opts.payloadKeys), interceptors });
}
