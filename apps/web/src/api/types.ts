/** The shapes of the API answers the workbench reads (see apps/api). */
export interface Label { zh: string; en: string }
export interface FormField {
  path: string; name: string; label: Label; hint?: Label; input?: 'unit' | 'datetime' | 'textarea' | 'category' | 'case'; required: boolean;
  kind: 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'array' | 'object';
  options?: { value: string; label: Label }[]; minLength?: number; maxLength?: number; pattern?: string; minimum?: number; maximum?: number;
  maxItems?: number; fields?: FormField[]; items?: FormField;
}
export interface CommandForm { type: string; label: Label; roles: string[]; fields: FormField[] }
export interface LetterForm { action: string; path: string; label: Label; roles: string[]; fields: FormField[] }
export interface FormDescriptions { commands: CommandForm[]; letters: LetterForm[]; registration: { fields: FormField[] }; categories: { value: string; label: Label }[] }
export interface ActionVerdict { type: string; allowed: boolean; choices?: { field: string; values: string[] }; code?: string; message?: string; messageEn?: string }
export interface CaseListItem {
  caseId: string; status: string; step: string; kind: string | null; category: string | null; regionCode: string | null; leadUnitId: string | null;
  coUnitIds: string[]; registeredAt: string | null; repliedAt: string | null; closedAt: string | null; dueKey: string | null; dueAt: string | null;
  remainingMs: number | null; breachCount: number; provisionalYears: number[];
}
export interface TimelineEntry { seq: number; event: { type: string; at: string; actor?: { id: string; role: string; unitId?: string }; reason?: string } }
export interface PendingDeadline { key: string; kind: string; dueAt: string; remainingMs: number; paused?: boolean; provisionalYears?: number[]; letterNo?: string }
export interface LiveCase {
  caseId: string; policy: { id: string; version: number }; state: Record<string, unknown> & { status: string; step: string };
  timeline: TimelineEntry[]; pendingDeadlines: PendingDeadline[]; asOf: string; projection: { status: string };
}
export interface Letter { letterId: string; letterNo: string; kind: string; recipientUnit: string; addresseeUnit: string | null; caseId: string; issuedAt: string; feedbackState: string; feedbackDueAt: string | null }
export interface Unit { id: string; nameZh: string; shortName: string | null; kind: string; parentId: string | null; regionCode: string | null }
export interface Person { id: string; nameZh: string; unitId: string; roles: string[]; validFrom: string | null; validTo: string | null }
export interface RateFigure { numerator: number; denominator: number; rate: number | null; percent: string }
export interface RegionReportRow {
  code: string; name: string; level: 'city' | 'county' | 'township'; parentCode: string | null; parentName: string | null; countyLevelOnly: boolean;
  rankInParent: number | null; counts: { cases: number; persons: number; breaches: number; supervisedCases: number };
  figures: { timelyAcceptanceRate: RateFigure; onTimeReplyRate: RateFigure; satisfactionRate: RateFigure };
}
export interface RegionReportAnswer { level: string; rows: RegionReportRow[] }
