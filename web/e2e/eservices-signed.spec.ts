import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, login, logout } from './helpers';

// The main path of HQ36a with real signatures: a CA and the enterprise's certificate are made here with the
// openssl CLI, the administrator installs the CA as a trust anchor, the enterprise registers its certificate,
// signs its documents (CMS detached, DER) and submits; the officer of 02CI01 claims and proposes, the department
// leader and the unit leader approve, the officer issues the result signed by customs; the enterprise downloads
// it (its CMS signature checked here with openssl), and the public page says it is valid.

const ENTERPRISE = 'dn.thepvietsai';
const TAX_CODE = '0100109106'; // the demo enterprise's

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

const STAMP = Date.now(); // this run's CA (the test may run again on the same database)

function makeCertificates(dir: string): void {
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30',
    '-subj', `/CN=E2E CA ${STAMP}`, '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'dn.key', '-out', 'dn.csr',
    '-subj', `/UID=MST:${TAX_CODE}/CN=CONG TY CO PHAN THEP VIET SAI (E2E)`);
  writeFileSync(join(dir, 'dn.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  openssl(dir, 'x509', '-req', '-in', 'dn.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', `0x${Date.now().toString(16)}`,
    '-days', '30', '-extfile', 'dn.ext', '-out', 'dn.pem');
}

function sign(dir: string, file: string, content: string): void {
  writeFileSync(join(dir, file), content);
  openssl(dir, 'cms', '-sign', '-binary', '-in', file, '-signer', 'dn.pem', '-inkey', 'dn.key', '-outform', 'DER', '-out', `${file}.p7s`);
}

async function act(page: Page, action: string, comment?: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  if (comment) await page.locator('.ant-modal textarea').first().fill(comment);
  await page.getByTestId('action-ok').click();
  await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
}

test('an enterprise submits signed documents, customs processes and signs the result, anyone verifies it', async ({ page }) => {
  test.setTimeout(480_000);
  const dir = mkdtempSync(join(tmpdir(), 'hq-e2e-sign-'));
  makeCertificates(dir);

  // The platform administrator installs the test CA as a trust anchor on the trust page.
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/eservices/admin/trust');
  await page.getByTestId('add-anchor').click();
  await page.locator('.ant-modal textarea').fill(readFileSync(join(dir, 'ca.pem'), 'utf8'));
  await page.getByTestId('pem-ok').click();
  await expect(page.getByTestId('anchors').getByText(`CN=E2E CA ${STAMP}`)).toBeVisible();
  await logout(page);

  // The enterprise registers its certificate on its page.
  await login(page, ENTERPRISE, DEMO_PASSWORD);
  await page.goto('/eservices/certificates');
  await page.getByRole('button', { name: 'Đăng ký chứng thư số' }).click();
  await page.locator('.ant-modal textarea').fill(readFileSync(join(dir, 'dn.pem'), 'utf8'));
  await page.locator('.ant-modal').getByRole('button', { name: /Lưu|Đăng ký|OK/ }).last().click();
  const serial = execFileSync('openssl', ['x509', '-in', join(dir, 'dn.pem'), '-noout', '-serial'], { encoding: 'utf8' }).trim().split('=')[1];
  await expect(page.getByRole('cell', { name: new RegExp(serial, 'i') })).toBeVisible();

  // It signs the procedure's two documents with openssl and submits them with their signatures.
  const docs = ['Văn bản đề nghị', 'Danh mục hàng hóa nhập khẩu'];
  docs.forEach((name, i) => sign(dir, `doc-${i}.txt`, `${name} — hồ sơ e2e ${Date.now()}\n`));
  await page.goto('/eservices/submit?procedure=I.01');
  await page.getByTestId('submit-unit').locator('input').fill('02CI01');
  const inputs = page.locator('[data-testid^="document-"]');
  await expect(inputs).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    const files = inputs.nth(i).locator('input[type=file]');
    await files.nth(0).setInputFiles(join(dir, `doc-${i}.txt`));
    await files.nth(1).setInputFiles(join(dir, `doc-${i}.txt.p7s`));
  }
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page).toHaveURL(/\/eservices\/dossiers\/\d+$/);
  const dossierUrl = new URL(page.url()).pathname;
  await expect(page.getByText(`Hợp lệ ${TAX_CODE}`)).toHaveCount(2); // the server verified both signatures
  await logout(page);

  // The officer claims and proposes; the department leader and the unit leader approve.
  await login(page, '02ci.dvc.canbo', DEMO_PASSWORD);
  await page.goto(dossierUrl);
  await act(page, 'claim');
  await act(page, 'propose', 'Hồ sơ đầy đủ, đề nghị phê duyệt.');
  await logout(page);
  await login(page, '02ci.dvc.doitruong', DEMO_PASSWORD);
  await page.goto(dossierUrl);
  await act(page, 'approve', 'Đồng ý.');
  await logout(page);
  await login(page, '02ci.dvc.lanhdao', DEMO_PASSWORD);
  await page.goto(dossierUrl);
  await act(page, 'approve', 'Phê duyệt.');
  await logout(page);
  await login(page, '02ci.dvc.canbo', DEMO_PASSWORD);
  await page.goto(dossierUrl);
  await act(page, 'issue-result');
  await expect(page.getByText(/KQ-\d{4}-\d+/).first()).toBeVisible();
  await logout(page);

  // The enterprise downloads the result and its signature; the CMS signature is checked with openssl.
  await login(page, ENTERPRISE, DEMO_PASSWORD);
  await page.goto(dossierUrl);
  const resultNumber = (await page.getByText(/^KQ-\d{4}-\d+$/).first().textContent())!.trim();
  const downloads: string[] = [];
  page.on('download', async (d) => {
    const path = join(dir, d.suggestedFilename());
    await d.saveAs(path);
    downloads.push(path);
  });
  await page.getByRole('button', { name: 'Tải kết quả' }).click();
  await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(2);
  const content = downloads.find((f) => !f.endsWith('.p7s'))!;
  const signature = downloads.find((f) => f.endsWith('.p7s'))!;
  await expect.poll(() => { try { return readFileSync(signature).length; } catch { return 0; } }).toBeGreaterThan(0);
  // -noverify: the signature over the bytes is checked; the customs certificate is not in this test's trust store.
  execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', signature, '-content', content, '-noverify', '-out', join(dir, 'out.txt')], { stdio: 'pipe' });
  expect(readFileSync(join(dir, 'out.txt'))).toEqual(readFileSync(content));
  await logout(page);

  // The CA revokes the certificate; the administrator installs its CRL on the trust page.
  writeFileSync(join(dir, 'ca.cnf'), '[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\ndefault_md = sha256\ndefault_crl_days = 30\n');
  writeFileSync(join(dir, 'index.txt'), '');
  openssl(dir, 'ca', '-config', 'ca.cnf', '-keyfile', 'ca.key', '-cert', 'ca.pem', '-revoke', 'dn.pem');
  openssl(dir, 'ca', '-config', 'ca.cnf', '-keyfile', 'ca.key', '-cert', 'ca.pem', '-gencrl', '-out', 'crl.pem');
  await login(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/eservices/admin/trust');
  await page.getByTestId('add-crl').click();
  await page.locator('.ant-modal textarea').fill(readFileSync(join(dir, 'crl.pem'), 'utf8'));
  await page.getByTestId('pem-ok').click();
  await expect(page.getByTestId('crls').getByRole('row', { name: new RegExp(`E2E CA ${STAMP}.*1`) })).toBeVisible();
  await logout(page);

  // Anyone: the public verification page.
  await page.goto(`/dvc/verify?number=${encodeURIComponent(resultNumber)}`);
  await expect(page.getByText('Kết quả hợp lệ: khớp mã băm và chữ ký số của cơ quan hải quan')).toBeVisible();
  await expect(page.getByText(resultNumber).first()).toBeVisible();
});
