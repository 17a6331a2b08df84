import type { ReactNode } from 'react';
import { Col, Form, type FormItemProps } from 'antd';

/** A form field in a `<Row>` grid: the whole width on a phone, `sm` (and from `md`, `md`) of 24 columns above. */
export function GridItem({ sm = 12, md, children, ...item }: FormItemProps & { sm?: number; md?: number; children: ReactNode }) {
  return (
    <Col xs={24} sm={sm} md={md}>
      <Form.Item {...item}>{children}</Form.Item>
    </Col>
  );
}
