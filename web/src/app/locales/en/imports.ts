import type { Catalogue } from '../types';
import type { imports as zh } from '../zh-CN/imports';

export const imports: Catalogue<typeof zh> = {
  imports: {
    export: { button: 'Export', xlsx: 'Export Excel (.xlsx)', csv: 'Export CSV' },
  },
};
