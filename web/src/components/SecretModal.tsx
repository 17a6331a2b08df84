// Shows a one-time credential (temporary password) with a copy button and a warning.
import { Alert, Descriptions, Modal, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

export interface Secret {
  title: string;
  username: string;
  password: string;
  note: string;
  extra?: Array<{ label: string; value: string }>;
}

export function SecretModal({ secret, onClose }: { secret: Secret | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={!!secret}
      title={
        <span>
          <KeyOutlined style={{ marginRight: 8 }} />
          {secret?.title}
        </span>
      }
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnHidden
    >
      {secret && (
        <>
          <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
            {secret.extra?.map((x) => (
              <Descriptions.Item key={x.label} label={x.label}>
                {x.value}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('accounts.username')}>
              <Typography.Text strong copyable data-testid="secret-username">
                {secret.username}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('accounts.tempPasswordTitle')}>
              <Typography.Text code strong copyable className="hq-secret" data-testid="secret-password">
                {secret.password}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Alert type="warning" showIcon title={secret.note} />
        </>
      )}
    </Modal>
  );
}
