import { Button, Flex, Input, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { LoadError, Time, useIsPhone, useShowProblem } from '../../components';
import { ColleagueSelect } from '../org';
import { type FollowUpObject, useCommentSteps, useComments } from './follow-ups.api';

/** 点评 of a follow-up: the thread oldest first, one's own to take back, and a box to add one. */
export function FollowUpComments({ followUpId, object }: { followUpId: string; object: FollowUpObject }) {
  const { t } = useTranslation();
  const me = useMe();
  const showProblem = useShowProblem();
  const phone = useIsPhone();
  const comments = useComments(followUpId, true);
  const { add, remove } = useCommentSteps(followUpId, object);
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const send = () =>
    add.mutate(
      { body: body.trim(), ...(mentions.length && { mentions }) },
      {
        onSuccess: () => {
          setBody('');
          setMentions([]);
        },
        onError: (e) => showProblem(e),
      },
    );
  return (
    <Flex
      vertical
      gap={8}
      style={{ paddingInlineStart: 12, borderInlineStart: '2px solid #f0f0f0' }}
      data-testid="comments"
    >
      {comments.isError && <LoadError error={comments.error} onRetry={() => void comments.refetch()} />}
      {comments.data?.data.map((c) => (
        <Flex key={c.id} vertical gap={2} data-testid="comment">
          <Flex gap={8} wrap align="baseline">
            <Typography.Text strong>{c.createdByName}</Typography.Text>
            <Typography.Text type="secondary">
              <Time ms={c.createdAt} relative />
            </Typography.Text>
            {c.createdBy === me.id && (
              <Popconfirm
                title={t('followUpFeed.deleteConfirm')}
                okText={t('common.delete')}
                onConfirm={() => remove.mutate(c.id, { onError: (e) => showProblem(e) })}
              >
                <Button type="link" size="small" style={{ padding: 0 }} data-testid="comment-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
          <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {c.mentions.length > 0 && (
              <Typography.Text type="success">
                {c.mentions.map((m) => `@${m.name} `).join('')}
              </Typography.Text>
            )}
            {c.body}
          </Typography.Text>
        </Flex>
      ))}
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={1000}
        // Two rows on a phone: one row cut the English example off after a few words.
        autoSize={{ minRows: phone ? 2 : 1, maxRows: 4 }}
        placeholder={t('followUpFeed.commentPlaceholder')}
        data-testid="comment-body"
      />
      <Flex gap={8} wrap>
        <div style={{ flex: '1 1 200px', minWidth: 0 }}>
          <ColleagueSelect
            mode="multiple"
            asMention
            maxCount={10}
            value={mentions}
            onChange={setMentions}
            placeholder={t('followUpFeed.mention')}
            testId="comment-mentions"
          />
        </div>
        <Button
          type="primary"
          disabled={!body.trim()}
          loading={add.isPending}
          onClick={send}
          data-testid="comment-send"
        >
          {t('followUpFeed.send')}
        </Button>
      </Flex>
    </Flex>
  );
}
