import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Locale } from '../../app/numbers';
import { useMoney } from '../opportunities/use-money';
import { useDepartments, useRoleLabel } from '../org';
import type { Pipeline } from '../pipeline-settings/pipelines.api';
import { conditionRowOf, type Definition, stepRowOf } from './form-values';
import { UserName } from './UserName';

/** 直属上级 for level 1, 第 N 级上级 above. */
export function useLevelName(): (level: number) => string {
  const { t } = useTranslation();
  return (level) =>
    level === 1 ? t('approvalFlows.levelName.1') : t('approvalFlows.levelName.other', { level });
}

/** A flow's trigger, conditions and steps as people read them, for the list. */
export function useFlowWords(pipelines: Pipeline[]) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const departments = useDepartments();
  const roleLabel = useRoleLabel();
  const levelName = useLevelName();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';

  const trigger = (d: Definition) => {
    const ids = d.trigger.stageIds;
    const pipeline = pipelines.find((p) => p.stages.some((s) => ids.includes(s.id)));
    if (!pipeline) return t('approvalFlows.triggerUnknown');
    const stages = pipeline.stages.filter((s) => ids.includes(s.id)).map((s) => s.name);
    return t('approvalFlows.trigger', { pipeline: pipeline.name, stages: stages.join('、') });
  };

  const condition = (c: Definition['conditions'][number]) => {
    const row = conditionRowOf(c);
    if (!row) {
      const value = Array.isArray(c.value) ? c.value.join(', ') : String(c.value);
      return t('approvalFlows.otherCondition', { field: c.field ?? '', op: c.op, value });
    }
    if (row.field === 'department') {
      const name = departments.data?.find((x) => x.id === row.departmentId)?.name ?? '…';
      return t('approvalFlows.departmentIn', { department: name });
    }
    if (row.field === 'role') return t('approvalFlows.roleIs', { role: roleLabel(row.roleKey ?? '') });
    const shown = (v: number | null | undefined) =>
      row.field === 'amount' ? money(Math.round((v ?? 0) * 100)) : `${formatNumber(v ?? 0, locale)}%`;
    const field = t(`approvalFlows.conditionFields.${row.field}`);
    if (row.op === 'between')
      return t('approvalFlows.between', { field, from: shown(row.value), to: shown(row.to) });
    const op = t(`approvalFlows.opSymbols.${row.op ?? 'gt'}` as 'approvalFlows.opSymbols.gt');
    return t('approvalFlows.compare', { field, op, value: shown(row.value) });
  };

  const approvers = (s: Definition['steps'][number]) => {
    const r = stepRowOf(s);
    switch (r.type) {
      case 'manager':
        return levelName(r.level ?? 1);
      case 'manager_chain':
        return t('approvalFlows.chainUpTo', { level: levelName(r.level ?? 1) });
      case 'role':
        return t('approvalFlows.roleApprovers', { role: roleLabel(r.roleKey ?? '') });
      case 'users':
        return (
          <>
            {t('approvalFlows.userApprovers', { names: '' })}
            {(r.userIds ?? []).map((id, i) => (
              <Fragment key={id}>
                {i > 0 && '、'}
                <UserName id={id} />
              </Fragment>
            ))}
          </>
        );
    }
  };

  /** Whether a step's mode is worth saying (a chain or one manager has one approver per step). */
  const hasMode = (s: Definition['steps'][number]) => {
    const type = stepRowOf(s).type;
    return type === 'role' || type === 'users';
  };

  return { trigger, condition, approvers, hasMode };
}
