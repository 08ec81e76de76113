// 线索状态 and 渠道 as the server defines them.
export const leadStatuses = ['new', 'working', 'qualified', 'converted', 'disqualified'] as const;
/** What a person sets by hand; 无效 has its own action with a reason, 已转化 comes with conversion. */
export const editableStatuses = ['new', 'working', 'qualified'] as const;
export const leadChannels = ['manual', 'import', 'web_form', 'api'] as const;
export type LeadStatus = (typeof leadStatuses)[number];
export type EditableStatus = (typeof editableStatuses)[number];
export type LeadChannel = (typeof leadChannels)[number];
