// The one way a page says its data did not load: a red banner with the server's reason (nothing when `error` is
// empty). Pages pass the `error` of useApiQuery / useServerTable.
import { Alert } from 'antd';
import { errorMessage } from '../api/errors';

export function LoadError({ error }: { error: unknown }) {
  return error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null;
}
