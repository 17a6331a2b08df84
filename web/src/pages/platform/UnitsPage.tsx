// Units administration: tree of the caller's subtree, details, create (→ one-time admin password), edit.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Row, Select, Space, Spin, Tag, Tree, Typography,
} from 'antd';
import type { DataNode } from 'antd/es/tree';
import { EditOutlined, PlusOutlined, SearchOutlined, TeamOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { units as unitsApi } from '../../api/platform';
import type { Unit, UnitLevel, UnitPatch } from '../../api/types';
import { errorMessage } from '../../api/errors';
import { hasAnyRole, useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { useUnits } from '../../hooks/reference';
import { PageHeader } from '../../components/PageHeader';
import { SecretModal, type Secret } from '../../components/SecretModal';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { buildUnitTree, childLevel, filterUnits, type UnitNode } from '../../utils/tree';
import { fmtDate, toApiDate } from '../../utils/format';
import { FormModal } from '../../components/FormModal';
import { compact } from '../../utils/forms';
import { ADMIN_ROLES } from '../../auth/roles';

const LEVELS: UnitLevel[] = ['TONG_CUC', 'CUC', 'CHI_CUC', 'DOI'];
const LEVEL_COLORS: Record<UnitLevel, string> = { TONG_CUC: 'red', CUC: 'blue', CHI_CUC: 'green', DOI: 'default' };
export const UNIT_CODE_RE = /^[A-Z0-9]{2,6}$/;

interface UnitForm {
  code: string;
  name: string;
  level: UnitLevel;
  parent_code: string;
  valid_from?: Dayjs | null;
  valid_to?: Dayjs | null;
}

function useLevelLabel() {
  const { te } = useI18n();
  return (l: UnitLevel) => te('level', l);
}

function CreateUnitModal({ parent, open, onClose, onCreated }: { parent: Unit | null; open: boolean; onClose(): void; onCreated(s: Secret, code: string): void }) {
  const { t } = useI18n();
  const levelLabel = useLevelLabel();
  const create = async (v: UnitForm) => {
    const r = await unitsApi.create(
      compact({
        code: v.code.trim(),
        name: v.name.trim(),
        level: v.level,
        parent_code: v.parent_code,
        valid_from: v.valid_from ? toApiDate(v.valid_from) : undefined,
        valid_to: v.valid_to ? toApiDate(v.valid_to) : undefined,
      }) as Parameters<typeof unitsApi.create>[0],
    );
    onCreated(
      {
        title: t('units.created', { code: r.code }),
        username: r.admin_username,
        password: r.admin_temporary_password,
        note: t('units.createdNote'),
        extra: [
          { label: t('units.code'), value: r.code },
          { label: t('units.name'), value: v.name.trim() },
        ],
      },
      r.code,
    );
  };
  return (
    <FormModal<UnitForm>
      open={open && !!parent}
      title={t('units.createChild')}
      okText={t('common.create')}
      onClose={onClose}
      onSubmit={create}
      initialValues={parent ? { parent_code: parent.code, level: childLevel(parent.level), valid_from: dayjs() } : undefined}
    >
      {parent && (
        <>
          <Form.Item label={t('units.parent')} name="parent_code">
            <Select disabled options={[{ value: parent.code, label: `${parent.code} — ${parent.name}` }]} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={10}>
              <Form.Item
                name="code"
                label={t('units.code')}
                extra={t('units.codeHint')}
                normalize={(v: string) => v?.toUpperCase()}
                rules={[
                  { required: true, message: t('common.required', { field: t('units.code').toLowerCase() }) },
                  { pattern: UNIT_CODE_RE, message: t('units.codeInvalid') },
                ]}
              >
                <Input maxLength={6} id="unit_code" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={14}>
              <Form.Item name="level" label={t('units.level')} rules={[{ required: true }]}>
                <Select options={LEVELS.map((l) => ({ value: l, label: levelLabel(l) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="name"
            label={t('units.name')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('units.name').toLowerCase() }) },
              { max: 255 },
            ]}
          >
            <Input id="unit_name" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="valid_from" label={t('units.validFrom')}>
                <DatePicker style={{ width: '100%' }} format="DD/MM/YYYY" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="valid_to"
                label={t('units.validTo')}
                dependencies={['valid_from']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v: Dayjs | null) => {
                      const from: Dayjs | null = getFieldValue('valid_from');
                      return !v || !from || !v.isBefore(from, 'day') ? Promise.resolve() : Promise.reject(new Error(`${t('units.validTo')} ≥ ${t('units.validFrom')}`));
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} format="DD/MM/YYYY" />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
    </FormModal>
  );
}

function EditUnitModal({ unit, onClose }: { unit: Unit | null; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const save = async (v: { name: string; valid_to?: Dayjs | null }) => {
    if (!unit) return;
    const patch: UnitPatch = {};
    if (v.name.trim() !== unit.name) patch.name = v.name.trim();
    // The contract clears the end date with an empty string (null would leave it unchanged).
    const newTo = v.valid_to ? toApiDate(v.valid_to) : '';
    if (newTo !== (unit.valid_to ?? '')) patch.valid_to = newTo;
    if (Object.keys(patch).length) await unitsApi.update(unit.code, patch);
    message.success(t('common.saved'));
    onClose();
  };
  return (
    <FormModal<{ name: string; valid_to?: Dayjs | null }>
      open={!!unit}
      title={`${t('units.edit')} ${unit?.code ?? ''}`}
      onClose={onClose}
      onSubmit={save}
      initialValues={unit ? { name: unit.name, valid_to: unit.valid_to ? dayjs(unit.valid_to) : null } : undefined}
    >
      {unit && (
        <>
          <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('units.name').toLowerCase() }) }]}>
            <Input />
          </Form.Item>
          <Form.Item name="valid_to" label={t('units.validTo')}>
            <DatePicker style={{ width: '100%' }} format="DD/MM/YYYY" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

function UnitDetails({ unit, units, canAdmin, onCreateChild, onEdit }: { unit: Unit; units: Unit[]; canAdmin: boolean; onCreateChild(): void; onEdit(): void }) {
  const { t, lang } = useI18n();
  const levelLabel = useLevelLabel();
  const parent = units.find((u) => u.code === unit.parent_code);
  const children = units.filter((u) => u.parent_code === unit.code);
  return (
    <Card
      title={
        <Space wrap>
          <Tag color="blue">{unit.code}</Tag>
          <span data-testid="unit-detail-name">{unit.name}</span>
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('units.code')}>{unit.code}</Descriptions.Item>
        <Descriptions.Item label={t('units.level')}>
          <Tag color={LEVEL_COLORS[unit.level]}>{levelLabel(unit.level)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('units.name')} span={2}>{unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('units.parent')} span={2}>
          {parent ? `${parent.code} — ${parent.name}` : unit.parent_code ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('units.validFrom')}>{fmtDate(unit.valid_from, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('units.validTo')}>{fmtDate(unit.valid_to, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('units.active')} span={2}>
          {unit.active ? <Tag color="green">{t('units.activeYes')}</Tag> : <Tag>{t('units.activeNo')}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginTop: 16 }}>
        {canAdmin && unit.active && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreateChild} data-testid="unit-create-child">
            {t('units.createChild')}
          </Button>
        )}
        {canAdmin && (
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('common.edit')}
          </Button>
        )}
        <Link to={`/accounts?unit=${encodeURIComponent(unit.code)}`}>
          <Button icon={<TeamOutlined />}>{t('units.viewAccounts')}</Button>
        </Link>
        <HistoryDrawer entityType="unit" entityId={unit.code} />
      </Space>
      {children.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('units.count', { n: children.length })}
          </Typography.Title>
          <Space wrap>
            {children.map((c) => (
              <Link key={c.code} to={`/units?unit=${encodeURIComponent(c.code)}`}>
                <Tag className={c.active ? '' : 'hq-unit-inactive'}>
                  {c.code} — {c.name}
                </Tag>
              </Link>
            ))}
          </Space>
        </>
      )}
    </Card>
  );
}

export default function UnitsPage() {
  const { me } = useAuth();
  const { t } = useI18n();
  const levelLabel = useLevelLabel();
  const { units, loading, error } = useUnits();
  const [search, setSearch] = useSearchParams();
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Unit | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  // Seed 002 art. 5.2: an administrator administers its own unit and the Phòng/Đội directly inside it, not a
  // subordinate Cục or Chi cục (which has its own administrator). The server decides; this only hides buttons.
  const administers = (unit: Unit) =>
    hasAnyRole(me, ['platform.admin']) ||
    (hasAnyRole(me, ADMIN_ROLES) && (unit.code === me?.unit_code || (unit.level === 'DOI' && unit.parent_code === me?.unit_code)));

  const selectedCode = search.get('unit') ?? units[0]?.code ?? null;
  const selected = units.find((u) => u.code === selectedCode) ?? null;
  const select = (code: string) => setSearch({ unit: code }, { replace: true });

  const treeData = useMemo(() => {
    const keep = filterUnits(units, filter);
    const toNodes = (nodes: UnitNode[]): DataNode[] =>
      nodes
        .filter((n) => keep.has(n.unit.code))
        .map((n) => ({
          key: n.unit.code,
          title: (
            <span className={n.unit.active ? '' : 'hq-unit-inactive'} data-testid={`unit-node-${n.unit.code}`}>
              <Typography.Text strong style={{ marginRight: 6 }}>{n.unit.code}</Typography.Text>
              {n.unit.name}{' '}
              <Tag color={LEVEL_COLORS[n.unit.level]} style={{ marginLeft: 4, fontSize: 11 }}>
                {levelLabel(n.unit.level)}
              </Tag>
            </span>
          ),
          children: toNodes(n.children),
        }));
    return toNodes(buildUnitTree(units));
  }, [units, filter, levelLabel]);

  return (
    <div>
      <PageHeader title={t('units.title')} subtitle={t('units.count', { n: units.length })} />
      {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11} xl={10}>
          <Card title={t('units.tree')} styles={{ body: { paddingTop: 12 } }}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('units.searchPlaceholder')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {loading ? (
              <Spin style={{ display: 'block', margin: '32px auto' }} />
            ) : treeData.length ? (
              <div data-testid="unit-tree">
                <Tree
                  key={filter ? `f:${filter}` : 'all'}
                  showLine
                  blockNode
                  defaultExpandAll
                  treeData={treeData}
                  selectedKeys={selectedCode ? [selectedCode] : []}
                  onSelect={(keys) => keys[0] && select(String(keys[0]))}
                />
              </div>
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={13} xl={14}>
          {selected ? (
            <UnitDetails unit={selected} units={units} canAdmin={administers(selected)} onCreateChild={() => setCreating(true)} onEdit={() => setEditing(selected)} />
          ) : (
            <Card>
              <Empty description={t('units.select')} />
            </Card>
          )}
        </Col>
      </Row>
      <CreateUnitModal
        parent={creating ? selected : null}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(s, code) => {
          setCreating(false);
          setSecret(s);
          select(code);
        }}
      />
      <EditUnitModal unit={editing} onClose={() => setEditing(null)} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
