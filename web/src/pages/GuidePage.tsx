// The user guide: public (the login page links to it), one section per task, printable on A4.
import { Link } from 'react-router-dom';
import { Anchor, Button, Card, Col, Row, Space, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { GUIDE } from '../guide/content';

export default function GuidePage() {
  const { t, lang } = useI18n();
  return (
    <div className="hq-guide" data-testid="guide">
      <Space className="hq-no-print" style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Link to="/">
          <ArrowLeftOutlined /> {t('menu.home')}
        </Link>
        <Space>
          <LanguageSwitch />
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('guide.print')}
          </Button>
        </Space>
      </Space>
      <Typography.Title level={2}>{t('guide.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('guide.intro')}</Typography.Paragraph>
      <Row gutter={24}>
        <Col xs={0} lg={6} className="hq-no-print">
          <Anchor
            offsetTop={16}
            items={GUIDE.map((s) => ({ key: s.id, href: `#guide-${s.id}`, title: s.title[lang] }))}
          />
        </Col>
        <Col xs={24} lg={18}>
          {GUIDE.map((s, i) => (
            <Card
              key={s.id}
              id={`guide-${s.id}`}
              title={`${i + 1}. ${s.title[lang]}`}
              extra={s.path ? <Link className="hq-no-print" to={s.path}>{t('guide.open')}</Link> : null}
              style={{ marginBottom: 16, breakInside: 'avoid' }}
            >
              <Typography.Text type="secondary">{s.who[lang]}</Typography.Text>
              <ol style={{ marginTop: 8, paddingLeft: 20 }}>
                {s.steps[lang].map((step) => (
                  <li key={step} style={{ marginBottom: 6 }}>
                    {step}
                  </li>
                ))}
              </ol>
            </Card>
          ))}
        </Col>
      </Row>
    </div>
  );
}
