import { useState } from 'react';
import { FileInput } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fileToBase64, uploadType, type UploadType } from './people/files.ts';

/** The largest file the upload endpoints keep (a person's documents, an agreement's documents). */
export const MAX_UPLOAD_MB = 5;

export interface ReadFile {
  fileName: string;
  mediaType: UploadType;
  contentBase64: string;
}

/**
 * A file chosen for upload: checked in the browser (chosen, PDF/JPEG/PNG, at most 5 MB) before it is
 * read as base64, the reason said under the field; the server checks it again, by its bytes.
 */
export function useFileChoice() {
  const { t } = useTranslation();
  const [file, setFileState] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  function setFile(f: File | null) {
    setFileState(f);
    setError(null);
  }
  async function read(): Promise<ReadFile | null> {
    if (!file) {
      setError(t('documents.chooseFile'));
      return null;
    }
    const mediaType = uploadType(file);
    if (!mediaType) {
      setError(t('errors.documents.unsupportedType'));
      return null;
    }
    if (file.size > MAX_UPLOAD_MB * 1024 * 1024) {
      setError(t('errors.documents.tooLarge', { mb: MAX_UPLOAD_MB }));
      return null;
    }
    return { fileName: file.name, mediaType, contentBase64: await fileToBase64(file) };
  }
  return { file, setFile, error, setError, read };
}

export type FileChoice = ReturnType<typeof useFileChoice>;

/** The file field of an upload form (PDF, JPEG or PNG), bound to a `useFileChoice`. */
export function FileField({
  choice,
  testId,
  w,
  required,
}: {
  choice: FileChoice;
  testId?: string;
  w?: Parameters<typeof FileInput>[0]['w'];
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <FileInput
      label={t('documents.file')}
      description={t('documents.fileHint')}
      accept="application/pdf,image/jpeg,image/png"
      value={choice.file}
      onChange={choice.setFile}
      error={choice.error}
      required={required}
      clearable
      leftSection={<IconFileText size={16} aria-hidden />}
      w={w}
      data-testid={testId}
    />
  );
}
