import type { Catalogue } from '../types';
import type { contacts as zh } from '../zh-CN/contacts';

export const contacts: Catalogue<typeof zh> = {
  contacts: {
    tab: 'Contacts',
    create: 'New contact',
    edit: 'Edit contact',
    empty: 'No contacts yet',
    actions: 'Actions',
    fields: {
      name: 'Name',
      title: 'Job title',
      role: 'Role',
      mobile: 'Mobile',
      phone: 'Phone',
      email: 'E-mail',
      wechat: 'WeChat',
      birthday: 'Birthday',
      notes: 'Notes',
    },
    roles: { decision_maker: 'Decision maker', influencer: 'Influencer', user: 'User', other: 'Other' },
    created: 'Contact created',
    updated: 'Contact updated',
    deleted: 'Contact moved to the recycle bin',
    deleteConfirm: 'Delete the contact “{{name}}”? It moves to the recycle bin.',
    duplicateTitle: 'This number or e-mail already belongs to another customer',
  },
};
