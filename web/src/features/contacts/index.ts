// 联系人: the people of a customer, shown as a tab of its 360 page.
export { ContactsTab } from './ContactsTab';
