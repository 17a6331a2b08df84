// The user guide of the post-clearance audit module, reachable from every page (the header's help button) and
// printable on A4. Vietnamese first; English when the interface is in English. Content: guide.ts.
import { Anchor, Button, Card, Col, Row, Typography } from 'antd';
import { ArrowRightOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { GUIDE } from './guide';
import './audit.css';

export default function GuidePage() {
  const { t, lang } = useI18n();
  const l = lang === 'en' ? 'en' : 'vi';
  return (
    <div className="hq-guide" data-testid="audit-guide">
      <PageHeader
        section="audit.guide"
        extra={<Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="guide-print">{t('audit.guide.print')}</Button>}
      />
      <Row gutter={16}>
        <Col xs={0} lg={6} className="hq-no-print">
          <Anchor offsetTop={80} items={GUIDE.map((s) => ({ key: s.id, href: `#guide-${s.id}`, title: s.title[l] }))} />
        </Col>
        <Col xs={24} lg={18}>
          {GUIDE.map((s) => (
            <Card key={s.id} id={`guide-${s.id}`} size="small" style={{ marginBottom: 16 }} title={s.title[l]}
              extra={s.page && <Link to={s.page} className="hq-no-print">{t('audit.guide.open')} <ArrowRightOutlined /></Link>}>
              <ol style={{ margin: 0, paddingLeft: 20 }}>
                {s.steps[l].map((step, i) => (
                  <li key={i}><Typography.Paragraph style={{ marginBottom: 6 }}>{step}</Typography.Paragraph></li>
                ))}
              </ol>
            </Card>
          ))}
        </Col>
      </Row>
    </div>
  );
}
