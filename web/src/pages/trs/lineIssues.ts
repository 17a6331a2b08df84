// The refused lines of an import or a report (kept apart from ./common, which loads the charts).
import type { TableColumnsType } from 'antd';
import type { TFunction } from '../../i18n';

/** The columns of a list of refused lines: the line number, then `middle`, then the reason. */
export function lineIssueColumns<T>(t: TFunction, middle: TableColumnsType<T>): TableColumnsType<T> {
  return [{ title: t('trs.import.line'), dataIndex: 'line', width: 80 }, ...middle, { title: t('trs.import.reason'), dataIndex: 'message' }];
}
