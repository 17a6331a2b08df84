// A button that downloads a file through the client's download() (cookie session, the server's refusal shown
// as a message), busy while it runs. Every export button is one of these.
import { useState } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/errors';

export interface DownloadButtonProps extends Omit<ButtonProps, 'onClick' | 'loading' | 'href'> {
  /** Starts the download (e.g. `() => trs.downloadReport(id, name)`); resolves with the saved file's name. */
  download(): Promise<string>;
  onDownloaded?(name: string): void;
}

export function DownloadButton({ download, onDownloaded, icon = <FileExcelOutlined />, ...props }: DownloadButtonProps) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      // Not `onDownloaded?.(await download())`: without onDownloaded that skips the download itself.
      const name = await download();
      onDownloaded?.(name);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return <Button icon={icon} loading={busy} onClick={run} {...props} />;
}
