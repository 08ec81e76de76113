import { useUserName } from '../custom-fields';

/** A colleague's name by id (looked up once and cached). */
export function UserName({ id }: { id: string }) {
  return <>{useUserName(id)}</>;
}
