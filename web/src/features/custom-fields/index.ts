export { CustomColumnsPicker, useChosenColumns } from './CustomColumnsPicker';
export { CustomFieldFilters, type CustomFilterValues } from './CustomFieldFilters';
export { CustomFieldItems } from './CustomFieldItems';
export { CustomFieldsPage } from './CustomFieldsPage';
export { CustomValue, useUserName } from './CustomValue';
export type { CustomFieldDef } from './custom-fields.api';
export { useActiveCustomFields, useCustomFields } from './custom-fields.api';
export { fieldLabel } from './labels';
export { customChangesOf, customFormValues, newCustomOf } from './values';
