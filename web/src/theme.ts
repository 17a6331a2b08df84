import type { ThemeConfig } from 'antd';

// Government blue with the gold of the customs emblem as accent.
export const BRAND = '#0b4f8a';
export const GOLD = '#f5c518';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND,
    borderRadius: 6,
    fontFamily:
      "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  },
  components: {
    Layout: { headerBg: '#0a3d6b', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
    Menu: { itemSelectedBg: '#e6f0fa' },
  },
};
