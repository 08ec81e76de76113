import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Flex, Image } from 'antd';
import { useEffect, useState } from 'react';
import { downloadUrl } from '../attachments/attachments.api';
import { downloadFile } from '../imports/download';
import type { FollowUp } from './follow-ups.api';

type File = FollowUp['attachments'][number];

/**
 * A photo as a thumbnail that opens large. Its bytes are fetched with the session (the server never
 * serves files inline) into an object URL that lives exactly as long as this thumbnail.
 */
function Photo({ file }: { file: File }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let url: string | undefined;
    let gone = false;
    void fetch(downloadUrl(file.id), { credentials: 'same-origin' })
      .then((res) => (res.ok ? res.blob() : null))
      .then((blob) => {
        if (!blob || gone) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      });
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [file.id]);
  return (
    <Image
      width={72}
      height={72}
      src={src}
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
