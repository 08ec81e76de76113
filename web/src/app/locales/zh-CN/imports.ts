export const imports = {
  imports: {
    export: { button: '导出', xlsx: '导出 Excel（.xlsx）', csv: '导出 CSV' },
  },
};
