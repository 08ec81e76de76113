import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, type FormInstance, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { useShowProblem } from '../../../components';
import { DepartmentNameModal } from './DepartmentNameModal';
import { useDepartmentMutations } from './departments.api';
import { MoveDepartmentModal } from './MoveDepartmentModal';
import type { DeptNode } from './tree';

type Props = { dept: DeptNode; onCreated: (id: string) => void; onDeleted: () => void };
type Dialog = 'create' | 'rename' | 'move' | null;

/** 新建子部门 · 重命名 · 移动 · 删除 on the selected department. The root can only get children. */
export function DepartmentToolbar({ dept, onCreated, onDeleted }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const { create, update, remove } = useDepartmentMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const isRoot = !dept.parentId;

  const run = async (work: () => Promise<unknown>, done: string, form?: FormInstance) => {
    try {
      await work();
      void message.success(done);
      setDialog(null);
    } catch (e) {
      showProblem(e, { form });
    }
  };

  return (
    <Flex gap={8} wrap>
      {can('department', 'create') && (
        <Button icon={<PlusOutlined />} onClick={() => setDialog('create')} data-testid="create-department">
          {t('departments.createChild')}
        </Button>
      )}
      {can('department', 'update') && (
        <Button icon={<EditOutlined />} onClick={() => setDialog('rename')}>
          {t('departments.rename')}
        </Button>
      )}
      {can('department', 'update') && !isRoot && (
        <Button icon={<DragOutlined />} onClick={() => setDialog('move')}>
          {t('departments.move')}
        </Button>
      )}
      {can('department', 'delete') && !isRoot && (
        <Popconfirm
          title={t('departments.deleteConfirm', { name: dept.name })}
          okButtonProps={{ danger: true }}
          onConfirm={() => run(() => remove.mutateAsync(dept).then(onDeleted), t('departments.deletedOk'))}
        >
          <Button danger icon={<DeleteOutlined />}>
            {t('departments.delete')}
          </Button>
        </Popconfirm>
      )}
      <DepartmentNameModal
        open={dialog === 'create'}
        title={`${t('departments.createChild')} · ${dept.name}`}
        busy={create.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(name, form) =>
          run(
            () => create.mutateAsync({ name, parentId: dept.id }).then((d) => onCreated(d.id)),
            t('departments.created'),
            form,
          )
        }
      />
      <DepartmentNameModal
        open={dialog === 'rename'}
        title={t('departments.rename')}
        initialName={dept.name}
        busy={update.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(name, form) =>
          run(() => update.mutateAsync({ dept, changes: { name } }), t('departments.renamed'), form)
        }
      />
      <MoveDepartmentModal
        dept={dept}
        open={dialog === 'move'}
        busy={update.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(parentId) =>
          run(() => update.mutateAsync({ dept, changes: { parentId } }), t('departments.moved'))
        }
      />
    </Flex>
  );
}
