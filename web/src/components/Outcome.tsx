// The outcome of an action shown under its form (an import's result, a calculation): one look everywhere.
import type { ReactNode } from 'react';
import { Alert } from 'antd';

export function Outcome({ type = 'success', testId, title, description }: {
  type?: 'success' | 'error';
  testId?: string;
  title: ReactNode;
  description?: ReactNode;
}) {
  return <Alert style={{ marginTop: 12 }} type={type} showIcon data-testid={testId} title={title} description={description} />;
}
