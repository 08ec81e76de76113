export const attachments = {
  attachments: {
    tab: '附件',
    kind: '文件类型',
    plainKind: '普通附件',
    dragHint: '点击或将文件拖到此处上传',
    limitHint: '每次一个文件，不超过 {{size}}；不接受可执行文件和脚本',
    upload: '上传附件',
    uploading: '正在上传…',
    uploaded: '已上传 {{name}}',
    empty: '暂无附件',
    download: '下载',
    delete: '删除',
    deleteConfirm: '删除附件“{{name}}”？删除后移入回收站。',
    deleted: '附件已删除',
    uploadedBy: '{{name}} 上传',
    timeline: {
      create: '上传了附件',
      delete: '删除了附件',
      move: '移入了附件',
    },
  },
};
