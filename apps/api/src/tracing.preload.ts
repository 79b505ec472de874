// Imported first by main.ts: OpenTelemetry must patch http and pg before anything loads them (off unless OTEL_* set).
import { startTracing } from '@petitions/observability';

startTracing('petitions-api');
