import { commandSchema, registrationSchema } from '../petitions/petition.schemas';
import { evolveAll } from '@petitions/domain';
import { CTX, HANDLER, OTHER_HANDLER, REGISTRAR, T, UNIT_HEAD, ev, upTo } from '../../../../libs/domain/src/case/case.testkit';
import { availableActions } from './available-actions';
import { type FormField, describeForms } from './form-descriptions';
import { COMMAND_LABELS, FIELD_LABELS, LETTER_FIELD_LABELS, LETTER_OPTION_LABELS, OPTION_LABELS } from './form-labels';

const flatten = (fields: FormField[]): FormField[] => fields.flatMap((f) => [f, ...flatten(f.fields ?? []), ...(f.items ? flatten(f.items.fields ?? []) : [])]);

describe('the workbench forms come from the API schemas', () => {
  const forms = describeForms();

  it('describes exactly the commands POST /petitions/:id/commands accepts, each named in both languages', () => {
    expect(forms.commands.map((c) => c.type)).toEqual(commandSchema.options.map((o) => o.shape.type.value));
    expect(Object.keys(COMMAND_LABELS).sort()).toEqual(forms.commands.map((c) => c.type).sort());
    for (const c of forms.commands) expect(c.label.zh && c.label.en).toBeTruthy();
  });

  it('has the registration’s fields with the schema’s own required flags, bounds and patterns', () => {
    const fields = forms.registration.fields;
    expect(fields.map((f) => f.name)).toEqual(Object.keys(registrationSchema.shape));
    expect(fields.filter((f) => f.required).map((f) => f.name))
      .toEqual(['channel', 'kind', 'category', 'regionCode', 'level', 'persons', 'respondent', 'summary', 'petitioner']);
    const petitioner = fields.find((f) => f.name === 'petitioner')!;
    expect(petitioner.fields!.map((f) => [f.path, f.required])).toEqual([
      ['petitioner.name', true], ['petitioner.idNumber', false], ['petitioner.phone', false], ['petitioner.address', false]]);
    expect(petitioner.fields![1]!.pattern).toBe('^\\d{17}[\\dXx]$');
    expect(fields.find((f) => f.name === 'representatives')).toMatchObject({ kind: 'integer', minimum: 1, maximum: 5, required: false });
    expect(fields.find((f) => f.name === 'channel')!.options!.map((o) => o.label.zh)).toEqual(['来信', '来访', '来电', '网上信访']);
  });

  it('labels every field and choice, and keeps no label that names nothing', () => {
    const all = [...forms.registration.fields, ...forms.commands.flatMap((c) => c.fields)];
    const fields = flatten(all);
    const used = new Set(fields.flatMap((f) => [f.path, f.name]));
    expect(Object.keys(FIELD_LABELS).filter((k) => !used.has(k))).toEqual([]);
    const choices = new Set(fields.flatMap((f) => (f.options ?? []).map((o) => `${f.name}=${o.value}`)));
    expect(Object.entries(OPTION_LABELS).flatMap(([n, o]) => Object.keys(o).map((v) => `${n}=${v}`)).filter((k) => !choices.has(k))).toEqual([]);
    const route = forms.commands.find((c) => c.type === 'RoutePetition')!;
    expect(route.fields.find((f) => f.name === 'leadUnitId')).toMatchObject({ required: true, input: 'unit', maxLength: 64, label: { zh: '责任单位', en: 'Responsible unit' } });
    expect(route.fields.find((f) => f.name === 'handlingLimit')!.fields!.map((f) => f.name)).toEqual(['amount', 'unit', 'rollToWorkingDay']);
    expect(route.roles).toEqual(['registrar', 'supervisor']);
  });

  it('describes the letter feedback loop from the bodies its endpoints validate, with their access rules', () => {
    expect(forms.letters.map((l) => [l.action, l.path, l.roles])).toEqual([
      ['feedback', '/letters/:letter/feedback', ['handler', 'unit_head']], ['accept', '/letters/:letter/feedback/accept', ['supervisor']],
      ['return', '/letters/:letter/feedback/return', ['supervisor']], ['adoption', '/letters/:letter/adoption', ['handler', 'unit_head']]]);
    const feedback = forms.letters[0]!.fields;
    expect(feedback.map((f) => [f.name, f.required, f.label.zh])).toEqual([['summary', true, '反馈情况'], ['measures', false, '整改措施'],
      ['documentNo', false, '文书文号'], ['feedbackRef', false, '反馈文书引用'], ['attachments', false, '附件（文档编号）']]);
    const ret = forms.letters[2]!.fields;
    expect(ret.find((f) => f.name === 'limit')!.fields!.find((f) => f.name === 'unit')!.options!.map((o) => o.value)).toEqual(['calendar_days', 'working_days']);
    expect(forms.letters[3]!.fields[0]!.options!.map((o) => o.label.zh)).toEqual(['采纳', '部分采纳', '未采纳']);
    const fields = flatten(forms.letters.flatMap((l) => l.fields));
    const used = new Set(fields.flatMap((f) => [f.path, f.name]));
    expect(Object.keys(LETTER_FIELD_LABELS).filter((k) => !used.has(k))).toEqual([]);
    expect(Object.keys(LETTER_OPTION_LABELS.outcome!)).toEqual(['adopted', 'partly_adopted', 'not_adopted']);
  });
});

describe('the actions a person may take on a case now, decided by the case’s own rules', () => {
  const commands = describeForms().commands;
  const open = (history: ReturnType<typeof upTo.routing>, actor: typeof HANDLER, at: string) =>
    availableActions(evolveAll(history), actor, commands, { at, calendar: CTX.calendar, policy: CTX.policy as never })
      .filter((a) => a.allowed).map((a) => a.type);

  it('offers the registrar the routing of a registered case, in every mode, and the handler nothing yet', () => {
    const verdicts = availableActions(evolveAll(upTo.routing()), REGISTRAR, commands, { at: T.route, calendar: CTX.calendar, policy: CTX.policy as never });
    expect(verdicts.find((a) => a.type === 'RoutePetition')).toEqual({ type: 'RoutePetition', allowed: true,
      choices: { field: 'mode', values: ['forward', 'assign', 'redirect_political_legal', 'redirect_discipline'] } });
    expect(open(upTo.routing(), REGISTRAR, T.route)).toEqual(expect.arrayContaining(['RoutePetition', 'WithdrawPetition', 'LinkRelatedCase']));
    expect(open(upTo.routing(), REGISTRAR, T.route)).not.toContain('ReceiveCase');
    expect(open(upTo.routing(), HANDLER, T.route).filter((t) => !['PauseClock', 'ResumeClock'].includes(t))).toEqual([]);
  });

  it('offers the lead unit’s handler the receipt, another unit’s handler nothing, with the domain’s reason', () => {
    expect(open(upTo.receipt(), HANDLER, T.recv)).toContain('ReceiveCase');
    expect(open(upTo.receipt(), HANDLER, T.recv)).not.toContain('DecideAcceptance');
    const other = availableActions(evolveAll(upTo.receipt()), OTHER_HANDLER, commands, { at: T.recv, calendar: CTX.calendar, policy: CTX.policy as never });
    expect(other.filter((a) => a.allowed)).toEqual([]);
    expect(other.find((a) => a.type === 'ReceiveCase')).toMatchObject({ allowed: false, code: 'CASE_NOT_AUTHORIZED_UNIT',
      message: '只有负责该环节的单位可以执行此操作。' });
  });

  it('offers the extension decision to the unit head only once a handler asked for one', () => {
    const at = '2026-05-06T12:00:00+08:00';
    expect(open(upTo.handling(), HANDLER, at)).toEqual(expect.arrayContaining(['RequestExtension', 'ReplyToPetitioner']));
    expect(open(upTo.handling(), UNIT_HEAD, at)).not.toContain('DecideExtension');
    expect(open([...upTo.handling(), ev.extensionRequested()], UNIT_HEAD, '2026-05-07T10:00:00+08:00')).toContain('DecideExtension');
    expect(open([...upTo.handling(), ev.extensionRequested()], HANDLER, '2026-05-07T10:00:00+08:00')).not.toContain('RequestExtension');
  });
});
