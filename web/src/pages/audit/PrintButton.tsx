// Opens the A4 print page of a paper document (PrintPage: /audit/print/:doc/:id).
import { Button, type ButtonProps } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n';

export function PrintButton({ to, label, ...props }: { to: string; label?: string } & Omit<ButtonProps, 'onClick'>) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button icon={<PrinterOutlined />} onClick={() => navigate(to)} {...props}>
      {label ?? t('audit.print.button')}
    </Button>
  );
}
