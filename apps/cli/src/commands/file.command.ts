import { randomUUID } from 'node:crypto';
import { CHANNELS, PETITION_KINDS, PETITION_LEVELS } from '@petitions/domain';
import { type FlagSpec, type FlagValues, enumFlag, intFlag, stringFlag } from '../args';
import type { CommandOutcomeJson } from '../api-types';
import { ApiResponseError, ApiUnreachableError, UsageError } from '../cli-errors';
import { formatFiled } from '../format/outcome.format';
import { BODY_FLAGS, isRecord, readBodyInput } from './body-input';
import type { CliCommand, CommandContext } from './command';

const RESPONDENT_TYPES = ['unit', 'person'] as const;

export const FILE_FLAGS: readonly FlagSpec[] = [
  ...BODY_FLAGS,
  { name: 'channel', type: 'string', valueName: 'channel', values: CHANNELS, required: true, zh: '信访渠道', en: 'channel' },
  { name: 'kind', type: 'string', valueName: 'kind', values: PETITION_KINDS, required: true, zh: '类别（申诉求决/建议意见/检举控告）', en: 'kind (claim / suggestion / report)' },
  { name: 'category', type: 'string', valueName: 'code', required: true, zh: '内容分类代码，如 urban_construction', en: 'content category code, e.g. urban_construction' },
  { name: 'region', type: 'string', valueName: 'code', required: true, zh: '六位行政区划代码', en: 'six-digit administrative division code' },
  { name: 'level', type: 'string', valueName: 'level', values: PETITION_LEVELS, required: true, zh: '受理机关层级', en: 'level of the body addressed' },
  { name: 'persons', type: 'string', valueName: 'n', required: true, zh: '信访人数', en: 'number of persons' },
  { name: 'representatives', type: 'string', valueName: 'n', zh: '走访代表人数（多于5人走访时必填）', en: 'representatives of a group visit (required above 5 persons)' },
  { name: 'respondent', type: 'string', valueName: 'desc', required: true, zh: '被反映对象描述', en: 'description of the respondent' },
  { name: 'respondent-type', type: 'string', valueName: 'type', values: RESPONDENT_TYPES, zh: '被反映对象类型（默认 unit）', en: 'respondent type (default unit)' },
  { name: 'summary', type: 'string', valueName: 'text', required: true, zh: '信访事项摘要', en: 'summary of the petition' },
  { name: 'name', type: 'string', valueName: 'name', required: true, zh: '信访人姓名', en: "petitioner's name" },
  { name: 'id-number', type: 'string', valueName: 'id', zh: '居民身份证号码（18位）', en: 'resident identity number (18 characters)' },
  { name: 'phone', type: 'string', valueName: 'phone', zh: '联系电话', en: 'phone number' },
  { name: 'address', type: 'string', valueName: 'address', zh: '通讯地址', en: 'postal address' },
  { name: 'repeat-of', type: 'string', valueName: 'caseId', zh: '登记为该案件的重复信访（登记员判定同一事项；已办结的案件则另立新案并关联）',
    en: 'file as a repeat of this case (the registrar decides "same matter"; a closed case gets a new, linked case)' },
  { name: 'idempotency-key', type: 'string', valueName: 'key', zh: '幂等键（默认随机生成；网络错误时用同一键重试，不会重复登记）',
    en: 'idempotency key (default: a fresh random one; retries after a network error reuse it, so nothing is filed twice)' },
];

/** The API's rule for Idempotency-Key values (apps/api/src/petitions/idempotency.store.ts). */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** Retries of a registration: after a network error or while the API still processes the same key. */
export const FILE_RETRY = { attempts: 4, baseDelayMs: 500 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends the registration with one idempotency key for every attempt: when the network fails after the API
 * received the request, the retry gets the first answer instead of filing the petition a second time.
 */
export async function fileWithRetry(api: CommandContext['api'], registration: unknown, key: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.file(registration, { idempotencyKey: key });
    } catch (err) {
      const retryable = err instanceof ApiUnreachableError || (err instanceof ApiResponseError && err.code === 'IDEMPOTENCY_IN_PROGRESS');
      if (!retryable || attempt >= FILE_RETRY.attempts) {
        if (err instanceof ApiUnreachableError) {
          // Whether it was filed is unknown: the same key later tells, without filing twice.
          throw new ApiUnreachableError(err.url, `${err.causeText}; 重试请用 / retry with --idempotency-key ${key}`, err.timedOut);
        }
        throw err;
      }
      await sleep(FILE_RETRY.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

/**
 * The registration body: the JSON given whole (if any), with every flag laid over it. Without a JSON body the
 * flags must cover every required field, so a forgotten flag is a usage error rather than a round trip.
 */
export function buildRegistration(values: FlagValues, base: Record<string, unknown> | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { ...(base ?? {}) };
  const set = (key: string, v: unknown): void => {
    if (v !== undefined) body[key] = v;
  };
  set('channel', enumFlag(values, 'channel', CHANNELS));
  set('kind', enumFlag(values, 'kind', PETITION_KINDS));
  set('category', stringFlag(values, 'category'));
  set('regionCode', stringFlag(values, 'region'));
  set('level', enumFlag(values, 'level', PETITION_LEVELS));
  set('persons', intFlag(values, 'persons', { min: 1 }));
  set('representatives', intFlag(values, 'representatives', { min: 1 }));
  set('summary', stringFlag(values, 'summary'));
  set('repeatOf', stringFlag(values, 'repeat-of'));

  const respondentType = enumFlag(values, 'respondent-type', RESPONDENT_TYPES);
  const respondentDesc = stringFlag(values, 'respondent');
  if (respondentType !== undefined || respondentDesc !== undefined) {
    const prev = isRecord(body.respondent) ? body.respondent : {};
    body.respondent = {
      type: respondentType ?? prev.type ?? 'unit',
      ...(respondentDesc !== undefined ? { description: respondentDesc } : prev.description !== undefined ? { description: prev.description } : {}),
    };
  }

  const petitioner: Record<string, unknown> = isRecord(body.petitioner) ? { ...body.petitioner } : {};
  const setP = (key: string, v: string | undefined): void => {
    if (v !== undefined) petitioner[key] = v;
  };
  setP('name', stringFlag(values, 'name'));
  setP('idNumber', stringFlag(values, 'id-number'));
  setP('phone', stringFlag(values, 'phone'));
  setP('address', stringFlag(values, 'address'));
  if (Object.keys(petitioner).length > 0) body.petitioner = petitioner;

  if (base === undefined) {
    const missing = FILE_FLAGS.filter((f) => f.required && values[f.name] === undefined).map((f) => `--${f.name}`);
    if (missing.length > 0) {
      throw new UsageError(`缺少必填选项：${missing.join(' ')}（或用 --json-file 提供完整登记内容）`,
        `Missing required options: ${missing.join(' ')} (or give the whole registration with --json-file)`);
    }
  }
  return body;
}

export const fileCommand: CliCommand = {
  name: 'file',
  zh: '登记信访事项（POST /petitions）：新案件；--repeat-of 指定同一事项的案件时记为重复信访',
  en: 'File (register) a petition (POST /petitions): a new case; with --repeat-of <caseId> a repeat on that case',
  flags: () => FILE_FLAGS,
  help: () => ({
    usage: [
      'petitions file --json-file <path> --as <id> --role registrar [--unit <unit>]',
      'petitions file --channel <c> --kind <k> --category <code> --region <code> --level <l> --persons <n> \\',
      '    --respondent "<desc>" [--respondent-type unit|person] --summary "<text>" --name "<name>" \\',
      '    [--id-number <id>] [--phone <p>] [--address "<addr>"] [--repeat-of <caseId>] [--idempotency-key <key>] --as <id> --role registrar',
    ],
    notes: [
      '是否同一事项由登记员判定（先用 petitions suggest 查看建议）：不带 --repeat-of 即为新案件，即使被反映对象相同。--repeat-of 指向在办案件记为重复信访；指向已撤回、不予受理、转其他途径等已办结案件则另立新案并关联；指向复核后办结的案件则新案引用前案，可作“不再受理”。 / '
        + 'Same matter is the registrar\'s decision (see petitions suggest): without --repeat-of the petition is a new case, even against the same respondent. '
        + '--repeat-of an open case records a repeat; a withdrawn, not-accepted or diverted (closed) case gets a new linked case; a case closed by a re-review decision gets a new case citing it (不再受理 possible).',
      '同时给出 JSON 与选项时，选项覆盖 JSON 中的同名字段。 / Flags override the same fields of a JSON body.',
      '输出案件编号、结果（registered 新登记 / repeat 重复信访）与环节。 / Prints the case id, the result (registered / repeat) and the step.',
      '每次登记带幂等键（Idempotency-Key，24 小时内有效）；网络错误时以同一键最多重试 3 次。 / Each registration carries an Idempotency-Key (kept 24 h); after a network error it is retried up to 3 times with the same key.',
    ],
  }),
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) {
      throw new UsageError(`file 不接受位置参数：${positionals.join(' ')}`, `file takes no positional arguments: ${positionals.join(' ')}`, 'file');
    }
    const registration = buildRegistration(values, readBodyInput(values, ctx.readFile));
    const key = stringFlag(values, 'idempotency-key') ?? randomUUID();
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new UsageError('--idempotency-key 须为 8–128 位字母、数字或 . _ : -', '--idempotency-key must be 8–128 characters of letters, digits and . _ : -', 'file');
    }
    ctx.requireActor();
    const { body } = await fileWithRetry(ctx.api, registration, key);
    return { body, text: formatFiled(body as CommandOutcomeJson) };
  },
};
