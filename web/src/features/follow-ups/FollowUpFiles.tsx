import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Image } from 'antd';
import { useEffect } from 'react';
import { downloadUrl } from '../attachments/attachments.api';
import { downloadFile } from '../imports/download';
import type { FollowUp } from './follow-ups.api';

type File = FollowUp['attachments'][number];

/** A photo as a thumbnail that opens large: its bytes fetched once (the server never serves files inline). */
function Photo({ file }: { file: File }) {
  const src = useQuery({
    queryKey: ['attachments', 'photo', file.id],
    queryFn: async () => {
      const res = await fetch(downloadUrl(file.id), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      return URL.createObjectURL(await res.blob());
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
  });
  useEffect(() => () => void (src.data && URL.revokeObjectURL(src.data)), [src.data]);
  return (
    <Image
      width={72}
      height={72}
      src={src.data}
      alt={file.fileName}
      style={{ objectFit: 'cover', borderRadius: 4 }}
      data-testid="follow-up-photo"
    />
  );
}

/** The photos and files that came with a follow-up: photos as thumbnails, other files by name. */
export function FollowUpFiles({ files }: { files: File[] }) {
  if (!files.length) return null;
  const photos = files.filter((f) => f.contentType.startsWith('image/'));
  const others = files.filter((f) => !f.contentType.startsWith('image/'));
  return (
    <Flex vertical gap={4} data-testid="follow-up-files">
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={6} wrap>
            {photos.map((f) => (
              <Photo key={f.id} file={f} />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {others.map((f) => (
        <div key={f.id}>
          <Button
            type="link"
            size="small"
            icon={<PaperClipOutlined />}
            style={{ paddingInline: 0 }}
            onClick={() => void downloadFile(downloadUrl(f.id), f.fileName)}
          >
            {f.fileName}
          </Button>
        </div>
      ))}
    </Flex>
  );
}
