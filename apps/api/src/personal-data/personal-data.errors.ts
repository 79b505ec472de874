import { ApiError } from '../errors/api-error';

/** Refusals of the personal-data rule and its log: stable codes, zh-CN first, English second. */
export const personalDataErrors = {
  forbidden: (caseId: string) => new ApiError(403, 'PERSONAL_DATA_FORBIDDEN',
    '无权查看该案件信访人的个人信息（仅限登记机构的登记员、主办单位的承办人员及授权角色）',
    "You may not read this case's petitioner's personal data (only the filing bureau's registrars, the lead unit's staff and named roles may)",
    { caseId }),
  notOfCase: (caseId: string) => new ApiError(403, 'PERSONAL_DATA_NOT_OF_CASE',
    '载荷中的个人信息不属于所指定的案件，已拒绝解码', 'The personal data in these payloads is not that of the named case; not decoded', { caseId }),
  logFailed: () => new ApiError(503, 'PERSONAL_DATA_LOG_FAILED',
    '个人信息查阅记录无法写入，未返回个人信息，请稍后重试', 'The personal-data read could not be logged, so no personal data is returned; retry later'),
  noPetitioner: () => new ApiError(404, 'PETITIONER_NOT_FOUND', '该案件没有信访人信息', 'This case has no petitioner details'),
};
