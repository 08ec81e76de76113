import type { merge as zh } from '../zh-CN/merge';

export const merge: typeof zh = {
  merge: {
    action: 'Merge',
    title: 'Merge {{count}} customers',
    explain:
      'Choose the customer that stays; the contacts, files, collaborators and history of the others move to it and the others are deleted. You can undo the merge from the remaining customer’s page.',
    survivor: 'Customer to keep',
    pickValues: 'These fields differ — choose which value to keep',
    unitedNote:
      'Tags are combined; custom fields keep the remaining customer’s values, blanks filled from the others.',
    reason: 'Reason',
    reasonRequired: 'Give a reason (at least 2 characters)',
    submit: 'Merge',
    done: 'Merged into “{{name}}”',
    undo: 'Undo',
    undone: 'The merge was undone and the customers are back',
    undoConfirm: 'Undo this merge? The merged customers come back with their contacts and files.',
    history: 'Merges',
    entry: '{{actor}} merged {{names}} into it',
    undoneTag: 'undone',
  },
};
