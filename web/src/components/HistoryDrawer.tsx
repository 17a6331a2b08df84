// Processing history of one entity, in a drawer. Other modules use it as
//   <HistoryDrawer entityType="audit_proposal" entityId={String(id)} />            (renders its own button)
//   <HistoryDrawer entityType="account" entityId={u} open={o} onClose={close} />  (controlled)
import { useState, type ReactNode } from 'react';
import { Alert, Button, Drawer, Empty, Pagination, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { HistoryOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { history } from '../api/platform';
import { errorMessage } from '../api/errors';
import { useApiQuery } from '../hooks/query';
import { useI18n } from '../i18n';
import { fmtDateTime } from '../utils/format';

export interface HistoryDrawerProps {
  entityType: string;
  entityId: string;
  /** Controlled mode; when absent the component renders a trigger button. */
  open?: boolean;
  onClose?(): void;
  /** Custom trigger (uncontrolled mode). */
  trigger?: ReactNode;
  title?: ReactNode;
}

const PAGE_SIZE = 10;

export function entityTypeLabel(tk: (k: string, f?: string) => string, type: string): string {
  return tk(`history.entity.${type}`, type);
}

function HistoryList({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { lang, t } = useI18n();
  const [page, setPage] = useState(1);
  const { data, loading, error } = useApiQuery(
    ['platform', 'history', entityType, entityId, page],
    () => history.list({ entity_type: entityType, entity_id: entityId, page, page_size: PAGE_SIZE }),
    { keepPrevious: true },
  );
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!data && loading) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (!data || data.items.length === 0) return <Empty description={t('history.empty')} />;
  return (
    <Spin spinning={loading}>
      <Timeline
        className="hq-history-timeline"
        items={data.items.map((h) => ({
          key: h.id,
          content: (
            <div data-testid="history-entry">
              <Space wrap size={4}>
                <Typography.Text strong>{fmtDateTime(h.at, lang)}</Typography.Text>
                <Tag color="blue">{h.action}</Tag>
              </Space>
              <div>{h.summary}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.username} · {h.unit_code}
                {h.client_address ? ` · ${h.client_address}` : ''} · #{h.id}
              </Typography.Text>
            </div>
          ),
        }))}
      />
      {data.total > PAGE_SIZE && (
        <Pagination
          size="small"
          align="center"
          current={page}
          pageSize={PAGE_SIZE}
          total={data.total}
          onChange={setPage}
          showSizeChanger={false}
        />
      )}
    </Spin>
  );
}

export function HistoryDrawer(props: HistoryDrawerProps) {
  const { t, tk } = useI18n();
  const [ownOpen, setOwnOpen] = useState(false);
  const controlled = props.open !== undefined;
  const open = controlled ? props.open! : ownOpen;
  const close = () => (controlled ? props.onClose?.() : setOwnOpen(false));
  return (
    <>
      {!controlled &&
        (props.trigger ? (
          <span onClick={() => setOwnOpen(true)}>{props.trigger}</span>
        ) : (
          <Button icon={<HistoryOutlined />} onClick={() => setOwnOpen(true)}>
            {t('common.history')}
          </Button>
        ))}
      <Drawer
        open={open}
        onClose={close}
        size={520}
        destroyOnHidden
        title={props.title ?? t('history.drawerTitle', { type: entityTypeLabel(tk, props.entityType), id: props.entityId })}
        styles={{ body: { paddingTop: 12 } }}
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          <SafetyCertificateOutlined /> {t('history.tamperEvident')}
        </Typography.Paragraph>
        {open && <HistoryList entityType={props.entityType} entityId={props.entityId} />}
      </Drawer>
    </>
  );
}
